// @ts-check
/**
 * The measurements at the end of each epoch as a table, folded in a <details>:
 * the numbers behind the learning curves.
 */

import { formatDecimal, formatPercent, translate } from "../i18n.js";

/** @typedef {import("./training-curves.js").EpochPoint} EpochPoint */

/**
 * Every epoch's values, in a table that opens on demand (rows from `renderEpochRows`).
 * @param {boolean} open
 * @returns {HTMLElement}
 */
export function renderEpochTable(open) {
  const details = document.createElement("details");
  details.className = "curve-values";
  details.open = open;
  const summary = document.createElement("summary");
  summary.textContent = translate("jobs.curves.table.summary");
  const table = document.createElement("table");
  table.className = "data-table";
  table.createCaption().textContent = translate("jobs.curves.table.caption");
  const headerRow = table.createTHead().insertRow();
  for (const column of ["epoch", "loss", "val_loss", "accuracy", "val_accuracy", "seconds"]) {
    const header = document.createElement("th");
    header.scope = "col";
    header.textContent = translate(`jobs.curves.table.${column}`);
    headerRow.append(header);
  }
  table.createTBody();
  details.append(summary, table);
  return details;
}

/**
 * @param {EpochPoint[]} epochs
 * @returns {HTMLTableRowElement[]}
 */
export function renderEpochRows(epochs) {
  return epochs.map((point) => {
    const row = document.createElement("tr");
    const header = document.createElement("th");
    header.scope = "row";
    header.textContent = String(point.epoch);
    row.append(header);
    row.insertCell().textContent = optional(point.loss, (value) => formatDecimal(value, 4));
    row.insertCell().textContent = optional(point.val_loss, (value) => formatDecimal(value, 4));
    row.insertCell().textContent = optional(point.accuracy, formatPercent);
    row.insertCell().textContent = optional(point.val_accuracy, formatPercent);
    row.insertCell().textContent = optional(point.seconds, (value) => formatDecimal(value, 1));
    return row;
  });
}

/**
 * @param {number | undefined} value
 * @param {(value: number) => string} format
 * @returns {string}
 */
function optional(value, format) {
  return Number.isFinite(value) ? format(/** @type {number} */ (value)) : "—";
}
