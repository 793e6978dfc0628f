// @ts-check
/**
 * The models page: the registered models, the versions of one of them with their
 * metrics and training settings, and the production alias, which a key holder can
 * move to any version (forward, or back for a rollback). Entry module of models.html.
 */

import { ApiProblem } from "../api.js";
import { listModels, listModelVersions, promoteModelVersion } from "../api-training.js";
import { apiKeyOf, bindApiKeyField } from "../components/api-key.js";
import { askConfirmation } from "../components/confirm-dialog.js";
import { renderModelList, renderPromotionHistory } from "../components/model-list.js";
import { renderVersions } from "../components/model-versions.js";
import { bindScrollCue } from "../components/scroll-cue.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import {
  bindLanguageToggle,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { requireElement } from "../dom.js";
import { LatestCall } from "../latest.js";

/** @typedef {import("../api-training.js").RegisteredModel} RegisteredModel */
/** @typedef {import("../api-training.js").ModelVersions} ModelVersions */

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {HTMLElement} problem
 * @property {HTMLButtonElement} refresh
 * @property {HTMLElement} list
 * @property {HTMLElement} versionsHeading
 * @property {HTMLElement} versionsIntro
 * @property {HTMLFormElement} promotionForm
 * @property {HTMLInputElement} key
 * @property {HTMLButtonElement} forgetKey
 * @property {HTMLInputElement} reason
 * @property {HTMLElement} status
 * @property {HTMLElement} versions
 * @property {HTMLElement} history
 * @property {import("../components/confirm-dialog.js").ConfirmDialogElements} confirm
 */

/**
 * @typedef {object} Notice  The last promotion, told in the status region.
 * @property {string} name
 * @property {string} version
 * @property {string | null} previous
 */

/**
 * @typedef {object} PageState
 * @property {RegisteredModel[] | null} models  null while loading.
 * @property {string | null} selected
 * @property {ModelVersions | null} detail  The selected model's versions.
 * @property {string | null} highlighted  The version named in the address.
 * @property {string | null} busyVersion  Being promoted.
 * @property {Notice | null} notice
 * @property {unknown} error
 * @property {LatestCall} versionsCall  Drops the answers of a model no longer selected.
 */

/** @typedef {{elements: PageElements, state: PageState}} Page */

/** @returns {PageElements} */
function findElements() {
  return {
    languageToggle: requireElement("#language-toggle"),
    problem: requireElement("#problem"),
    refresh: requireElement("#refresh-models"),
    list: requireElement("#model-list"),
    versionsHeading: requireElement("#versions-heading"),
    versionsIntro: requireElement("#versions-intro"),
    promotionForm: requireElement("#promotion-form"),
    key: requireElement("#api-key"),
    forgetKey: requireElement("#forget-key"),
    reason: requireElement("#promotion-reason"),
    status: requireElement("#promotion-status"),
    versions: requireElement("#model-versions"),
    history: requireElement("#promotion-history"),
    confirm: {
      dialog: requireElement("#promotion-dialog"),
      title: requireElement("#promotion-dialog-title"),
      text: requireElement("#promotion-dialog-text"),
    },
  };
}

/** Set up the page, then show the model (and version) named in the address, if any. */
export function initModelsPage() {
  defineSiteHeader();
  const elements = findElements();
  const query = new URLSearchParams(window.location.search);
  /** @type {Page} */
  const page = {
    elements,
    state: {
      models: null,
      selected: null,
      detail: null,
      highlighted: null,
      busyVersion: null,
      notice: null,
      error: null,
      versionsCall: new LatestCall(),
    },
  };
  setLanguage(resolveInitialLanguage(window.location));
  onLanguageChange(() => render(page));
  bindLanguageToggle(elements.languageToggle);
  document.querySelectorAll(".scroll-frame").forEach((frame) => bindScrollCue(/** @type {HTMLElement} */ (frame)));
  bindApiKeyField(elements.key, elements.forgetKey);
  elements.promotionForm.addEventListener("submit", (event) => event.preventDefault());
  elements.refresh.addEventListener("click", () => reload(page));
  elements.key.addEventListener("change", () => {
    // A key typed after a refusal: read again what the refusal left empty.
    const { error } = page.state;
    if (error instanceof ApiProblem && [401, 403].includes(error.status)) {
      page.state.error = null;
      reload(page);
    }
  });
  render(page);
  loadModels(page);
  const requested = query.get("model");
  if (requested) {
    selectModel(page, requested, query.get("version"));
  }
}

/**
 * Read the models and the selected model's versions again.
 * @param {Page} page
 */
function reload(page) {
  loadModels(page);
  if (page.state.selected) {
    selectModel(page, page.state.selected, page.state.highlighted);
  }
}

/** @param {Page} page */
async function loadModels(page) {
  page.elements.list.setAttribute("aria-busy", "true");
  try {
    page.state.models = await listModels(apiKeyOf(page.elements.key));
  } catch (error) {
    page.state.models = [];
    page.state.error = error;
  } finally {
    page.elements.list.setAttribute("aria-busy", "false");
    render(page);
  }
}

/**
 * Show the versions of model `name`, `highlighted` marked; keep both in the address.
 * @param {Page} page
 * @param {string} name
 * @param {string | null} [highlighted]
 */
async function selectModel(page, name, highlighted = null) {
  const { state, elements } = page;
  if (name !== state.selected) {
    Object.assign(state, { detail: null, notice: null });
  }
  Object.assign(state, { selected: name, highlighted });
  const url = new URL(window.location.href);
  url.searchParams.set("model", name);
  if (highlighted) {
    url.searchParams.set("version", highlighted);
  } else {
    url.searchParams.delete("version");
  }
  window.history.replaceState(null, "", url);
  const { signal, isCurrent } = state.versionsCall.begin();
  elements.versions.setAttribute("aria-busy", "true");
  render(page);
  try {
    const detail = await listModelVersions(name, apiKeyOf(elements.key), { signal });
    if (isCurrent()) {
      Object.assign(state, { detail, error: null });
    }
  } catch (error) {
    if (isCurrent()) {
      state.error = error;
    }
  } finally {
    if (isCurrent()) {
      elements.versions.setAttribute("aria-busy", "false");
      render(page);
    }
  }
}

/**
 * Ask before moving the production alias: every page serving the model follows it.
 * @param {Page} page
 * @param {string} name
 * @param {string} version
 * @returns {Promise<boolean>}
 */
function confirmPromotion(page, name, version) {
  const production = page.state.detail?.production_version ?? null;
  const isRollback = production !== null && Number(version) < Number(production);
  const kind = isRollback ? "rollback" : "promote";
  return askConfirmation(page.elements.confirm, {
    title: translate(`models.confirm.${kind}.title`),
    text: translate(`models.confirm.${kind}`, { name, version, production: production ?? "" }),
  });
}

/**
 * Make `version` of the selected model the production version, once confirmed.
 * @param {Page} page
 * @param {string} version
 */
async function promote(page, version) {
  const { state, elements } = page;
  const name = state.selected;
  if (!name || state.busyVersion || !(await confirmPromotion(page, name, version))) {
    return;
  }
  Object.assign(state, { busyVersion: version, notice: null, error: null });
  render(page);
  try {
    const promotion = await promoteModelVersion(
      name,
      version,
      elements.reason.value,
      apiKeyOf(elements.key),
    );
    state.notice = { name, version, previous: promotion?.previous_version ?? null };
    elements.reason.value = "";
  } catch (error) {
    state.error = error;
  } finally {
    state.busyVersion = null;
    render(page);
  }
  if (state.notice) {
    await Promise.all([selectModel(page, name, version), loadModels(page)]);
  } else if (state.error instanceof ApiProblem && [401, 403].includes(state.error.status)) {
    elements.key.focus(); // A refused key: the field to fix.
  }
}

/**
 * Render the whole page from the state (also after a language change).
 * @param {Page} page
 */
function render(page) {
  const { elements, state } = page;
  if (state.error) {
    showProblem(elements.problem, state.error);
  } else {
    clearProblem(elements.problem);
  }
  if (state.models === null) {
    elements.list.replaceChildren(message(translate("models.loading")));
  } else {
    renderModelList(elements.list, state.models, {
      selected: state.selected,
      onSelect: (name) => selectModel(page, name),
    });
  }
  renderDetail(page);
  renderStatus(page);
}

/** @param {Page} page */
function renderDetail(page) {
  const { elements, state } = page;
  elements.versionsHeading.textContent = state.selected
    ? translate("models.versions.of", { name: state.selected })
    : translate("models.versions.heading");
  elements.versionsIntro.textContent = translate(
    state.selected ? "models.versions.intro" : "models.versions.choose",
  );
  if (!state.detail) {
    elements.versions.replaceChildren(state.selected ? message(translate("models.loading")) : "");
    elements.history.replaceChildren();
    return;
  }
  renderVersions(elements.versions, state.detail.versions ?? [], {
    highlighted: state.highlighted,
    busyVersion: state.busyVersion,
    onPromote: (version) => promote(page, version),
  });
  renderPromotionHistory(elements.history, state.detail.history ?? []);
}

/** @param {Page} page */
function renderStatus(page) {
  const { elements, state } = page;
  if (state.busyVersion) {
    elements.status.replaceChildren(
      message(translate("models.promoting", { version: state.busyVersion }), true),
    );
  } else if (state.notice) {
    const { name, version, previous } = state.notice;
    const done = document.createElement("p");
    done.className = "promotion-done";
    done.textContent = previous
      ? translate("models.promoted.from", { name, version, previous })
      : translate("models.promoted", { name, version });
    const next = document.createElement("p");
    next.className = "hint";
    next.textContent = translate("models.promoted.reload");
    elements.status.replaceChildren(done, next);
  } else {
    elements.status.replaceChildren();
  }
}

/**
 * @param {string} text
 * @param {boolean} [isBusy]
 * @returns {HTMLParagraphElement}
 */
function message(text, isBusy = false) {
  const paragraph = document.createElement("p");
  paragraph.className = isBusy ? "results-message is-busy" : "results-message";
  paragraph.textContent = text;
  return paragraph;
}

// Entry module: module scripts run after the document is parsed, so start now.
initModelsPage();
