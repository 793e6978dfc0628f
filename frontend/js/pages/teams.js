// @ts-check
/**
 * The teams page (teacher, admin key): make the session's team keys from a number
 * of teams or their names, print one sheet per team with the QR code of its
 * sign-in link, list the keys, and revoke every team key at the end of the
 * session. Entry module of teams.html.
 */

import { createTeamKeys, listKeys, revokeTeamKeys } from "../api-keys.js";
import { apiKeyOf, bindApiKeyField } from "../components/api-key.js";
import { askConfirmation } from "../components/confirm-dialog.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import { renderKeyTable, renderTeamSheets } from "../components/team-sheets.js";
import { requireElement } from "../dom.js";
import {
  bindLanguageToggle,
  getLanguage,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";

/** @typedef {import("../api-keys.js").TeamKey} TeamKey */
/** @typedef {import("../api-keys.js").KeySummary} KeySummary */

// Addresses that only reach the teacher's own computer, never a student's phone.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]);

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {HTMLElement} problem
 * @property {HTMLFormElement} form
 * @property {HTMLInputElement} key
 * @property {HTMLButtonElement} forgetKey
 * @property {HTMLInputElement} count
 * @property {HTMLTextAreaElement} names
 * @property {HTMLInputElement} baseUrl
 * @property {HTMLElement} localAddress
 * @property {HTMLButtonElement} create
 * @property {HTMLElement} createStatus
 * @property {HTMLButtonElement} revoke
 * @property {HTMLElement} revokeStatus
 * @property {HTMLButtonElement} refreshKeys
 * @property {HTMLElement} keyList
 * @property {HTMLElement} sheetsSection
 * @property {HTMLElement} sheets
 * @property {HTMLButtonElement} print
 * @property {import("../components/confirm-dialog.js").ConfirmDialogElements} confirm
 */

/**
 * @typedef {object} PageState
 * @property {TeamKey[]} teams  The keys made on this page (held in memory only).
 * @property {KeySummary[] | null} keys  The listing, once asked for.
 * @property {number | null} revoked  How many the last revocation stopped.
 */

/** @typedef {{elements: PageElements, state: PageState}} Page */

/** @returns {PageElements} */
function findElements() {
  return {
    languageToggle: requireElement("#language-toggle"),
    problem: requireElement("#problem"),
    form: requireElement("#teams-form"),
    key: requireElement("#api-key"),
    forgetKey: requireElement("#forget-key"),
    count: requireElement("#team-count"),
    names: requireElement("#team-names"),
    baseUrl: requireElement("#base-url"),
    localAddress: requireElement("#local-address"),
    create: requireElement("#create-keys"),
    createStatus: requireElement("#create-status"),
    revoke: requireElement("#revoke-keys"),
    revokeStatus: requireElement("#revoke-status"),
    refreshKeys: requireElement("#refresh-keys"),
    keyList: requireElement("#key-list"),
    sheetsSection: requireElement("#sheets-section"),
    sheets: requireElement("#team-sheets"),
    print: requireElement("#print-sheets"),
    confirm: {
      dialog: requireElement("#revoke-dialog"),
      title: requireElement("#revoke-dialog-title"),
      text: requireElement("#revoke-dialog-text"),
    },
  };
}

/** Set up the page. */
export function initTeamsPage() {
  defineSiteHeader();
  const elements = findElements();
  /** @type {Page} */
  const page = { elements, state: { teams: [], keys: null, revoked: null } };
  setLanguage(resolveInitialLanguage(window.location));
  onLanguageChange(() => render(page));
  bindLanguageToggle(elements.languageToggle);
  bindApiKeyField(elements.key, elements.forgetKey);
  elements.baseUrl.value = siteAddress(window.location);
  elements.baseUrl.addEventListener("input", () => render(page));
  for (const radio of elements.form.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener("change", () => render(page));
  }
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    makeKeys(page);
  });
  elements.revoke.addEventListener("click", () => revokeAll(page));
  elements.refreshKeys.addEventListener("click", () => loadKeys(page));
  elements.print.addEventListener("click", () => window.print());
  render(page);
}

/**
 * The address of this site as the browser reached it (without the page's name).
 * @param {Location} location
 * @returns {string}
 */
function siteAddress(location) {
  return location.origin + location.pathname.replace(/[^/]*$/, "");
}

/**
 * @param {PageElements} elements
 * @returns {"count" | "names"}
 */
function modeOf(elements) {
  const checked = /** @type {HTMLInputElement | null} */ (
    elements.form.querySelector('input[name="mode"]:checked')
  );
  return checked?.value === "names" ? "names" : "count";
}

/**
 * The request body the form describes; the server validates it.
 * @param {PageElements} elements
 * @returns {import("../api-keys.js").TeamKeysRequest}
 */
function requestOf(elements) {
  const baseUrl = elements.baseUrl.value.trim();
  const where = baseUrl ? { base_url: baseUrl } : {};
  if (modeOf(elements) === "names") {
    const names = elements.names.value.split("\n").map((name) => name.trim());
    return { names: names.filter(Boolean), ...where };
  }
  return { count: Number(elements.count.value), ...where };
}

/**
 * @param {string} address
 * @returns {boolean}
 */
function isLocalAddress(address) {
  try {
    return LOCAL_HOSTS.has(new URL(address).hostname);
  } catch {
    return false;
  }
}

/** @param {Page} page */
async function makeKeys(page) {
  const { elements } = page;
  clearProblem(elements.problem);
  elements.create.disabled = true;
  elements.createStatus.textContent = translate("teams.creating");
  try {
    const answer = await createTeamKeys(requestOf(elements), apiKeyOf(elements.key));
    page.state.teams = answer.teams;
    elements.createStatus.textContent = translate("teams.created", { count: answer.teams.length });
    render(page);
    elements.sheetsSection.scrollIntoView({ block: "start" });
    if (page.state.keys) {
      loadKeys(page);
    }
  } catch (error) {
    elements.createStatus.textContent = "";
    showProblem(elements.problem, error);
  } finally {
    elements.create.disabled = false;
  }
}

/** @param {Page} page */
async function revokeAll(page) {
  const { elements } = page;
  const confirmed = await askConfirmation(elements.confirm, {
    title: translate("teams.revoke.title"),
    text: translate("teams.revoke.text"),
  });
  if (!confirmed) {
    return;
  }
  clearProblem(elements.problem);
  elements.revoke.disabled = true;
  try {
    page.state.revoked = await revokeTeamKeys(apiKeyOf(elements.key));
    page.state.teams = []; // Their sheets no longer sign anyone in.
    render(page);
    loadKeys(page);
  } catch (error) {
    showProblem(elements.problem, error);
  } finally {
    elements.revoke.disabled = false;
  }
}

/** @param {Page} page */
async function loadKeys(page) {
  const { elements } = page;
  clearProblem(elements.problem);
  try {
    page.state.keys = await listKeys(apiKeyOf(elements.key));
    render(page);
  } catch (error) {
    showProblem(elements.problem, error);
  }
}

/**
 * @param {string} iso
 * @returns {string}
 */
function formatDate(iso) {
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: "short", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** @param {Page} page */
function render(page) {
  const { elements, state } = page;
  const mode = modeOf(elements);
  elements.count.disabled = mode !== "count";
  elements.names.disabled = mode !== "names";
  elements.localAddress.hidden = !isLocalAddress(elements.baseUrl.value.trim());
  elements.sheetsSection.hidden = state.teams.length === 0;
  renderTeamSheets(elements.sheets, state.teams);
  elements.revokeStatus.textContent =
    state.revoked === null ? "" : translate("teams.revoked", { count: state.revoked });
  if (state.keys) {
    renderKeyTable(elements.keyList, state.keys, formatDate);
  }
}

// Entry module: module scripts run after the document is parsed, so start now.
initTeamsPage();
