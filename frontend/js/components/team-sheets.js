// @ts-check
/**
 * One printable sheet per team: its name, the QR code of its sign-in link, the
 * link written out and what to do with it. The QR code arrives from the server as
 * an SVG document; it is shown as an image (a `data:` URL), so no server markup
 * is parsed into the page, and no request carries the key.
 */

import { translate } from "../i18n.js";

/** @typedef {import("../api-keys.js").TeamKey} TeamKey */

const STEPS = ["teams.sheet.step1", "teams.sheet.step2", "teams.sheet.step3"];

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} text
 * @returns {HTMLElement}
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/**
 * The sheet of one team.
 * @param {TeamKey} team
 * @returns {HTMLElement}
 */
export function renderTeamSheet(team) {
  const sheet = document.createElement("article");
  sheet.className = "team-sheet";
  sheet.dataset.team = team.team;
  const heading = element("h3", "team-sheet-name", team.display_name);
  sheet.append(heading);
  if (team.display_name !== team.team) {
    sheet.append(element("p", "team-sheet-id", translate("teams.sheet.id", { team: team.team })));
  }
  const code = document.createElement("img");
  code.className = "team-sheet-qr";
  code.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(team.qr_svg)}`;
  code.alt = translate("teams.sheet.qr", { team: team.display_name });
  sheet.append(code);
  sheet.append(element("p", "team-sheet-label", translate("teams.sheet.link")));
  sheet.append(element("p", "team-sheet-link", team.sign_in_link));
  const steps = document.createElement("ol");
  steps.className = "team-sheet-steps";
  for (const step of STEPS) {
    steps.append(element("li", "", translate(step)));
  }
  sheet.append(steps);
  return sheet;
}

/**
 * Replace the content of `container` with one sheet per team.
 * @param {HTMLElement} container
 * @param {TeamKey[]} teams
 */
export function renderTeamSheets(container, teams) {
  container.replaceChildren(...teams.map(renderTeamSheet));
}

/**
 * A table of keys (no secrets): role, team, prefix, created, revoked.
 * @param {HTMLElement} container
 * @param {import("../api-keys.js").KeySummary[]} keys
 * @param {(iso: string) => string} formatDate
 */
export function renderKeyTable(container, keys, formatDate) {
  if (keys.length === 0) {
    container.replaceChildren(element("p", "hint", translate("teams.list.empty")));
    return;
  }
  const table = document.createElement("table");
  table.className = "data-table";
  const head = document.createElement("tr");
  for (const key of ["role", "team", "prefix", "created", "state"]) {
    const cell = element("th", "", translate(`teams.list.${key}`));
    cell.setAttribute("scope", "col");
    head.append(cell);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  const body = document.createElement("tbody");
  for (const key of keys) {
    const row = document.createElement("tr");
    const state = key.revoked_at
      ? translate("teams.list.revoked", { date: formatDate(key.revoked_at) })
      : translate("teams.list.live");
    for (const text of [
      translate(`teams.role.${key.role}`),
      key.label ? `${key.team ?? ""} (${key.label})` : (key.team ?? "—"),
      `${key.prefix}…`,
      formatDate(key.created_at),
      state,
    ]) {
      row.append(element("td", "", text));
    }
    body.append(row);
  }
  table.append(thead, body);
  container.replaceChildren(table);
}
