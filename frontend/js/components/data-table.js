// @ts-check
/** The pieces shared by the tables of the jobs and models pages. */

import { translate } from "../i18n.js";

/**
 * @param {string} caption
 * @param {string[]} columns
 * @param {string} keyPrefix  Column names are translated as `<prefix>.<column>`.
 * @returns {HTMLTableElement}
 */
export function createDataTable(caption, columns, keyPrefix) {
  const table = document.createElement("table");
  table.className = "data-table";
  table.createCaption().textContent = caption;
  const headerRow = table.createTHead().insertRow();
  for (const column of columns) {
    const header = document.createElement("th");
    header.scope = "col";
    header.textContent = translate(`${keyPrefix}.${column}`);
    headerRow.append(header);
  }
  return table;
}

/**
 * What a table shows when it has no rows.
 * @param {string} text
 * @returns {HTMLParagraphElement}
 */
export function emptyMessage(text) {
  const paragraph = document.createElement("p");
  paragraph.className = "results-message";
  paragraph.textContent = text;
  return paragraph;
}
