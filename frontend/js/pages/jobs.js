// @ts-check
/**
 * The jobs page: describe a training run, launch it with an API key, watch it live
 * (status, progress, learning curves) and browse every job. Entry module of jobs.html.
 */

import { ApiProblem, getHealth } from "../api.js";
import { getChallenge } from "../api-challenges.js";
import {
  createTrainingJob,
  getCurrentKey,
  getTrainingJob,
  listDatasets,
  listTrainingJobs,
} from "../api-training.js";
import { apiKeyOf, bindApiKeyField } from "../components/api-key.js";
import { JobDiagnosisPanel } from "../components/job-diagnosis.js";
import { TERMINAL_STATUSES, renderJobHistory } from "../components/job-history.js";
import { JobMonitor } from "../components/job-monitor.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import { TrainingForm } from "../components/training-form.js";
import {
  bindLanguageToggle,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { requireElement } from "../dom.js";

/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */

// While a listed job is queued or running, the table is refreshed this often.
const HISTORY_REFRESH_MS = 10_000;

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {HTMLElement} problem
 * @property {HTMLInputElement} key
 * @property {HTMLButtonElement} forgetKey
 * @property {HTMLFormElement} form
 * @property {HTMLButtonElement} submit
 * @property {HTMLButtonElement} refreshHistory
 * @property {HTMLElement} history
 * @property {HTMLElement} monitorHeading
 */

/**
 * @typedef {object} PageState
 * @property {TrainingJob[]} jobs
 * @property {unknown} error  Shown in the problem region until the next action.
 * @property {boolean} submitting
 * @property {{busy: boolean, again: boolean}} historyLoad  Refreshes never overlap.
 */

/** @returns {PageElements} */
function findElements() {
  return {
    languageToggle: requireElement("#language-toggle"),
    problem: requireElement("#problem"),
    key: requireElement("#api-key"),
    forgetKey: requireElement("#forget-key"),
    form: requireElement("#training-form"),
    submit: requireElement("#submit-button"),
    refreshHistory: requireElement("#refresh-history"),
    history: requireElement("#job-history"),
    monitorHeading: requireElement("#monitor-heading"),
  };
}

/**
 * Everything the page's functions share.
 * @typedef {object} Page
 * @property {PageElements} elements
 * @property {PageState} state
 * @property {TrainingForm} form
 * @property {JobMonitor} monitor
 * @property {JobDiagnosisPanel} diagnosis
 */

/** @returns {TrainingForm} */
function createForm() {
  return new TrainingForm({
    form: requireElement("#training-form"),
    task: requireElement("#task"),
    dataset: requireElement("#dataset"),
    datasetHint: requireElement("#dataset-hint"),
    architecture: requireElement("#architecture"),
    architectureHint: requireElement("#architecture-hint"),
    embeddingField: requireElement("#embedding-field"),
    embedding: requireElement("#embedding"),
    embeddingHint: requireElement("#embedding-hint"),
    modelName: requireElement("#model-name"),
    modelNameHint: requireElement("#model-name-hint"),
    epochs: requireElement("#epochs"),
    batchSize: requireElement("#batch-size"),
    learningRate: requireElement("#learning-rate"),
    optimizer: requireElement("#optimizer"),
    dropout: requireElement("#dropout"),
    augment: requireElement("#augment"),
    augmentField: requireElement("#augment-field"),
    patience: requireElement("#patience"),
    validationShare: requireElement("#validation-share"),
    promote: requireElement("#promote"),
  });
}

/** Set up the page: language, key, form, monitor and history. */
export function initJobsPage() {
  defineSiteHeader();
  const elements = findElements();
  setLanguage(resolveInitialLanguage(window.location));
  bindLanguageToggle(elements.languageToggle);
  bindApiKeyField(elements.key, elements.forgetKey);
  /** @type {Page} */
  const page = {
    elements,
    state: { jobs: [], error: null, submitting: false, historyLoad: { busy: false, again: false } },
    form: createForm(),
    monitor: new JobMonitor(
      {
        status: requireElement("#job-status"),
        progress: requireElement("#job-progress"),
        progressBar: requireElement("#job-progress-bar"),
        progressText: requireElement("#job-progress-text"),
        cancel: requireElement("#cancel-button"),
        curves: requireElement("#training-curves"),
        log: requireElement("#job-log"),
      },
      {
        getKey: () => apiKeyOf(elements.key),
        onProblem: (error) => report(page, error),
        onChange: (job) => {
          refreshHistory(page);
          page.diagnosis.show(job);
        },
      },
    ),
    diagnosis: new JobDiagnosisPanel(
      { panel: requireElement("#job-diagnosis"), body: requireElement("#job-diagnosis-body") },
      { getKey: () => apiKeyOf(elements.key), onProblem: (error) => report(page, error) },
    ),
  };

  onLanguageChange(() => {
    page.form.render();
    page.monitor.render();
    renderProblem(page);
    renderHistory(page);
    // The server tells job messages in the language asked: read them again.
    if (page.monitor.jobId) {
      watchJob(page, page.monitor.jobId);
    }
    refreshHistory(page);
  });
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(page);
  });
  renderSubmitting(page); // enables the button the markup disables until now
  elements.refreshHistory.addEventListener("click", () => refreshHistory(page, true));
  elements.key.addEventListener("change", () => loadKeyTeam(page));
  elements.key.addEventListener("change", () => {
    // A key typed after a refusal: read again what the refusal left empty.
    if (isKeyProblem(page.state.error)) {
      report(page, null);
      if (page.form.datasets?.length === 0) {
        loadDatasets(page);
      }
      refreshHistory(page, true);
    }
  });
  window.setInterval(() => {
    if (!document.hidden && page.state.jobs.some((job) => !TERMINAL_STATUSES.has(job.status))) {
      refreshHistory(page);
    }
  }, HISTORY_REFRESH_MS);

  page.form.render();
  page.monitor.render();
  loadDatasets(page);
  loadKeyTeam(page);
  refreshHistory(page, true);
  showMissingWorker(requireElement("#worker-notice"));
  const params = new URLSearchParams(window.location.search);
  const requested = params.get("job");
  if (requested) {
    watchJob(page, requested);
  }
  const challengeId = params.get("challenge");
  if (challengeId) {
    bindToChallenge(page, challengeId);
  }
}

/**
 * Opened from a challenge (`?challenge=<id>`): every job of the form trains in it.
 * @param {Page} page
 * @param {string} id
 */
async function bindToChallenge(page, id) {
  const notice = requireElement("#challenge-binding");
  try {
    const { challenge } = await getChallenge(id, apiKeyOf(page.elements.key));
    page.form.setChallenge({ id: challenge.id, dataset: challenge.dataset });
    const renderNotice = () => {
      const back = document.createElement("a");
      back.href = `challenges.html?id=${encodeURIComponent(challenge.id)}`;
      back.textContent = translate("jobs.challenge.back");
      const bound = { title: challenge.title, dataset: challenge.dataset };
      notice.replaceChildren(translate("jobs.challenge.bound", bound), " ", back);
      notice.hidden = false;
    };
    renderNotice();
    onLanguageChange(renderNotice);
  } catch (error) {
    report(page, error);
  }
}

/**
 * Say so when no training worker runs: a job would wait in the queue silently.
 * @param {HTMLElement} notice
 */
async function showMissingWorker(notice) {
  try {
    const health = await getHealth();
    notice.hidden = health.checks?.trainer?.ok !== false;
  } catch {
    notice.hidden = true; // the server is unreachable: other calls say so
  }
}

/**
 * Name the form's default model after the key's team, so a team's run never
 * writes into a model the whole class is served.
 * @param {Page} page
 */
async function loadKeyTeam(page) {
  const key = apiKeyOf(page.elements.key);
  let team = null;
  if (key) {
    try {
      team = (await getCurrentKey(key)).team;
    } catch {
      team = null; // an unknown key: submitting says so, with the server's words
    }
  }
  if (key === apiKeyOf(page.elements.key)) {
    page.form.setTeam(team);
  }
}

/** @param {Page} page */
async function loadDatasets(page) {
  try {
    page.form.setDatasets(await listDatasets(apiKeyOf(page.elements.key)));
  } catch (error) {
    page.form.setDatasets([]);
    report(page, error);
  }
}

/**
 * Send the form's spec with the key; watch the job the server queued.
 * @param {Page} page
 */
async function submit(page) {
  const { elements, state } = page;
  if (state.submitting) {
    return;
  }
  report(page, null);
  state.submitting = true;
  renderSubmitting(page);
  try {
    const job = await createTrainingJob(page.form.readSpec(), apiKeyOf(elements.key));
    show(page, job);
    await refreshHistory(page);
  } catch (error) {
    report(page, error);
  } finally {
    state.submitting = false;
    renderSubmitting(page);
  }
}

/**
 * Read job `id` and follow it in the monitor.
 * @param {Page} page
 * @param {string} id
 * @param {boolean} [reveal]  Move the focus (and the view) to the monitor.
 */
async function watchJob(page, id, reveal = false) {
  report(page, null);
  try {
    show(page, await getTrainingJob(id, apiKeyOf(page.elements.key)));
    renderHistory(page);
    if (reveal) {
      page.elements.monitorHeading.focus();
    }
  } catch (error) {
    report(page, error);
  }
}

/**
 * Follow `job` and name it in the address, so a reload comes back to it.
 * @param {Page} page
 * @param {TrainingJob} job
 */
function show(page, job) {
  page.monitor.watch(job);
  page.diagnosis.show(job);
  const url = new URL(window.location.href);
  url.searchParams.set("job", job.id);
  window.history.replaceState(null, "", url);
}

/**
 * Reload the jobs table; a call during a load asks for one more load after it.
 * @param {Page} page
 * @param {boolean} [reportErrors]  Only for loads the user asked for (not the timer).
 */
async function refreshHistory(page, reportErrors = false) {
  const { elements, state } = page;
  const load = state.historyLoad;
  if (load.busy) {
    load.again = true;
    return;
  }
  load.busy = true;
  elements.history.setAttribute("aria-busy", "true");
  try {
    do {
      load.again = false;
      try {
        state.jobs = await listTrainingJobs(apiKeyOf(elements.key));
      } catch (error) {
        if (reportErrors) {
          report(page, error);
        }
      }
    } while (load.again);
  } finally {
    load.busy = false;
    elements.history.setAttribute("aria-busy", "false");
    renderHistory(page);
    updateWatchedPlace(page);
  }
}

/**
 * A watched job still queued moves up the queue without an event of its own:
 * take its place and estimated wait from the list just read.
 * @param {Page} page
 */
function updateWatchedPlace(page) {
  const watched = page.monitor.job;
  if (!watched || watched.status !== "queued") {
    return;
  }
  const listed = page.state.jobs.find((job) => job.id === watched.id);
  if (listed && listed.status === "queued") {
    watched.queue_position = listed.queue_position;
    watched.estimated_wait_seconds = listed.estimated_wait_seconds;
    page.monitor.render();
  }
}

/** @param {Page} page */
function renderHistory(page) {
  renderJobHistory(page.elements.history, page.state.jobs, {
    selectedId: page.monitor.jobId,
    onSelect: (id) => watchJob(page, id, true),
  });
}

/**
 * Show `error` (null: clear it); a refused key sends the user back to the key field.
 * @param {Page} page
 * @param {unknown} error
 */
function report(page, error) {
  const { key } = page.elements;
  page.state.error = error;
  renderProblem(page);
  key.setAttribute("aria-invalid", String(isKeyProblem(error)));
  if (isKeyProblem(error)) {
    key.focus();
  }
}

/**
 * @param {unknown} error
 * @returns {boolean} Whether the server refused the key (missing, unknown or too weak).
 */
function isKeyProblem(error) {
  return error instanceof ApiProblem && (error.status === 401 || error.status === 403);
}

/** @param {Page} page */
function renderProblem(page) {
  if (page.state.error) {
    showProblem(page.elements.problem, page.state.error);
  } else {
    clearProblem(page.elements.problem);
  }
}

/** @param {Page} page */
function renderSubmitting(page) {
  const { submit: button, form } = page.elements;
  button.disabled = page.state.submitting;
  button.setAttribute("aria-busy", String(page.state.submitting));
  form.classList.toggle("is-busy", page.state.submitting);
}

// Entry module: module scripts run after the document is parsed, so start now.
initJobsPage();
