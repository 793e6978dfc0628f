// @ts-check
/**
 * The challenges page (Phase 3). The teacher (admin key) creates a challenge from a
 * template, opens, freezes and reveals it, reads every submission and exports
 * them; a team (team key) reads the rules and the baseline's dossier, launches
 * experiments on the jobs page, submits its finished jobs with a note and follows
 * its submissions. Both see the leaderboard, live, and the projector mode
 * (`?projector=1`). Entry module of challenges.html.
 */

import { ApiProblem } from "../api.js";
import {
  advanceChallenge,
  createChallenge,
  downloadChallengeResults,
  getBaselineConfusions,
  getBaselineDossier,
  getChallenge,
  listChallengeTemplates,
  listChallenges,
  submitToChallenge,
} from "../api-challenges.js";
import { getCurrentKey, listTrainingJobs } from "../api-training.js";
import { apiKeyOf, bindApiKeyField } from "../components/api-key.js";
import { renderConfusedExamples } from "../components/confused-examples.js";
import { TERMINAL_STATUSES } from "../components/job-history.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import { requireElement } from "../dom.js";
import {
  bindLanguageToggle,
  formatInteger,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { renderDossier } from "./challenges-dossier.js";
import { LiveLeaderboard, setProjectorMode } from "./challenges-leaderboard.js";
import {
  renderAllSubmissions,
  renderBaselineState,
  renderStateButtons,
  renderTemplates,
  saveFile,
} from "./challenges-teacher.js";
import { renderOwnJobs, renderOwnSubmissions, renderRules } from "./challenges-team.js";

/** @typedef {import("../api-challenges.js").Challenge} Challenge */
/** @typedef {import("../api-challenges.js").ChallengeDetail} ChallengeDetail */
/** @typedef {import("../api-challenges.js").ChallengeTemplate} ChallengeTemplate */
/** @typedef {import("../api-challenges.js").BaselineDossier} BaselineDossier */
/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */
/** @typedef {import("../api-training.js").KeyIdentity} KeyIdentity */

// While one of the team's jobs is queued or running, its list is read this often.
const JOBS_REFRESH_MS = 5_000;

/** @returns {Record<string, any>} */
function findElements() {
  const ids = {
    languageToggle: "#language-toggle",
    problem: "#problem",
    key: "#api-key",
    forgetKey: "#forget-key",
    keyStatus: "#key-status",
    list: "#challenge-list",
    createSection: "#create-section",
    createForm: "#create-form",
    template: "#template",
    templateHint: "#template-hint",
    quota: "#quota",
    titleInput: "#challenge-title-input",
    createButton: "#create-button",
    createStatus: "#create-status",
    section: "#challenge-section",
    title: "#challenge-title",
    state: "#challenge-state",
    teacherPanel: "#teacher-panel",
    open: "#open-button",
    freeze: "#freeze-button",
    reveal: "#reveal-button",
    exportButton: "#export-button",
    projector: "#projector-button",
    exitProjector: "#exit-projector",
    runStatus: "#run-status",
    baselineState: "#baseline-state",
    allSubmissions: "#all-submissions",
    teamPanel: "#team-panel",
    rules: "#rules",
    dossierSpec: "#dossier-spec",
    dossierCurves: "#dossier-curves",
    dossierDiagnosis: "#dossier-diagnosis",
    dossierConfusion: "#dossier-confusion",
    dossierConfused: "#dossier-confused",
    launch: "#launch-link",
    remaining: "#remaining",
    refreshJobs: "#refresh-jobs",
    ownJobs: "#own-jobs",
    ownSubmissions: "#own-submissions",
    leaderboard: "#leaderboard",
    liveState: "#live-state",
  };
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, requireElement(id)]));
}

/**
 * @typedef {object} PageState
 * @property {KeyIdentity | null} who
 * @property {Challenge[]} challenges
 * @property {ChallengeTemplate[]} templates
 * @property {string | null} challengeId  The challenge shown (`?id=`).
 * @property {ChallengeDetail | null} detail
 * @property {BaselineDossier | null} dossier
 * @property {TrainingJob[]} jobs  The team's jobs of the shown challenge.
 * @property {string} boardStamp  Status and counts of the last leaderboard.
 * @property {string} baselineSeen  The baseline's public score the dossier was read at.
 */

/**
 * @typedef {object} Page
 * @property {Record<string, any>} elements
 * @property {PageState} state
 * @property {LiveLeaderboard} live
 */

/** Set up the page. */
export function initChallengesPage() {
  defineSiteHeader();
  const elements = findElements();
  setLanguage(resolveInitialLanguage(window.location));
  bindLanguageToggle(elements.languageToggle);
  bindApiKeyField(elements.key, elements.forgetKey);
  const params = new URLSearchParams(window.location.search);
  /** @type {Page} */
  const page = {
    elements,
    state: {
      who: null,
      challenges: [],
      templates: [],
      challengeId: params.get("id"),
      detail: null,
      dossier: null,
      jobs: [],
      boardStamp: "",
      baselineSeen: "",
    },
    live: new LiveLeaderboard(
      { board: elements.leaderboard, state: elements.liveState },
      {
        onBoard: (board) => onBoard(page, board),
        onProblem: (error) => report(page, error),
      },
    ),
  };
  onLanguageChange(() => {
    render(page);
    page.live.render();
    if (page.state.challengeId && page.state.who) {
      loadDossier(page); // the diagnosis is told in the page's language
    }
  });
  elements.key.addEventListener("change", () => start(page));
  elements.template.addEventListener("change", () => render(page));
  elements.createForm.addEventListener("submit", (/** @type {Event} */ event) => {
    event.preventDefault();
    create(page);
  });
  elements.open.addEventListener("click", () => advance(page, "open"));
  elements.freeze.addEventListener("click", () => advance(page, "freeze"));
  elements.reveal.addEventListener("click", () => advance(page, "reveal"));
  elements.exportButton.addEventListener("click", () => exportResults(page));
  elements.projector.addEventListener("click", () => enterProjector(page));
  elements.exitProjector.addEventListener("click", () => {
    setProjectorMode(false);
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    }
    render(page);
  });
  elements.refreshJobs.addEventListener("click", () => loadJobs(page));
  window.setInterval(() => {
    if (!document.hidden && page.state.jobs.some((job) => !TERMINAL_STATUSES.has(job.status))) {
      loadJobs(page);
    }
  }, JOBS_REFRESH_MS);
  if (params.get("projector") === "1") {
    setProjectorMode(true);
  }
  start(page);
}

/**
 * Whose key this is, then what it may see.
 * @param {Page} page
 */
async function start(page) {
  const key = apiKeyOf(page.elements.key);
  clearProblem(page.elements.problem);
  page.state.who = null;
  page.live.stop();
  if (!key) {
    render(page);
    page.elements.key.focus();
    return;
  }
  try {
    page.state.who = await getCurrentKey(key);
  } catch (error) {
    report(page, error);
    render(page);
    return;
  }
  render(page);
  loadList(page);
  if (page.state.who.role === "admin") {
    loadTemplates(page);
  }
  if (page.state.challengeId) {
    openChallenge(page, page.state.challengeId);
  }
}

/** @param {Page} page */
async function loadList(page) {
  try {
    page.state.challenges = await listChallenges(apiKeyOf(page.elements.key));
  } catch (error) {
    report(page, error);
  }
  render(page);
}

/** @param {Page} page */
async function loadTemplates(page) {
  try {
    page.state.templates = await listChallengeTemplates(apiKeyOf(page.elements.key));
  } catch (error) {
    report(page, error);
  }
  render(page);
}

/**
 * Show challenge `id`: its detail, the leaderboard live, and the side of the key.
 * @param {Page} page
 * @param {string} id
 */
async function openChallenge(page, id) {
  const { state } = page;
  state.challengeId = id;
  state.detail = null;
  state.dossier = null;
  state.jobs = [];
  state.boardStamp = "";
  state.baselineSeen = "";
  const url = new URL(window.location.href);
  url.searchParams.set("id", id);
  window.history.replaceState(null, "", url);
  render(page);
  const loaded = await loadDetail(page);
  if (!loaded) {
    return;
  }
  page.live.follow(id, apiKeyOf(page.elements.key));
  if (state.who?.role === "team") {
    loadDossier(page);
    loadJobs(page);
  }
}

/**
 * @param {Page} page
 * @returns {Promise<boolean>} Whether the challenge could be read.
 */
async function loadDetail(page) {
  const id = page.state.challengeId;
  if (!id) {
    return false;
  }
  try {
    const detail = await getChallenge(id, apiKeyOf(page.elements.key));
    if (id === page.state.challengeId) {
      page.state.detail = detail;
      render(page);
    }
    return true;
  } catch (error) {
    report(page, error);
    return false;
  }
}

/** @param {Page} page */
async function loadDossier(page) {
  const id = page.state.challengeId;
  if (!id) {
    return;
  }
  try {
    page.state.dossier = await getBaselineDossier(id, apiKeyOf(page.elements.key));
    render(page);
  } catch (error) {
    report(page, error);
  }
}

/**
 * The baseline's validation images behind a confusion-matrix cell.
 * @param {Page} page
 * @param {number} trueClass
 * @param {number} predictedClass
 */
async function showConfused(page, trueClass, predictedClass) {
  const id = page.state.challengeId;
  const panel = page.elements.dossierConfused;
  if (!id) {
    return;
  }
  panel.textContent = translate("confused.loading");
  try {
    const key = apiKeyOf(page.elements.key);
    renderConfusedExamples(panel, await getBaselineConfusions(id, trueClass, predictedClass, key));
  } catch (error) {
    panel.replaceChildren();
    report(page, error);
  }
}

/** @param {Page} page */
async function loadJobs(page) {
  const id = page.state.challengeId;
  if (!id || page.state.who?.role !== "team") {
    return;
  }
  try {
    const jobs = await listTrainingJobs(apiKeyOf(page.elements.key));
    page.state.jobs = jobs.filter((job) => job.spec.challenge_id === id);
    render(page);
  } catch (error) {
    report(page, error);
  }
}

/**
 * A new leaderboard: read the detail again when a submission or the state moved.
 * @param {Page} page
 * @param {import("../api-challenges.js").Leaderboard} board
 */
function onBoard(page, board) {
  const rows = board.baseline ? [board.baseline, ...board.rows] : board.rows;
  const stamp = [
    board.status,
    ...rows.map((row) => `${row.team}:${row.submissions_used}:${row.public_score}`),
  ].join("|");
  if (stamp === page.state.boardStamp) {
    return;
  }
  page.state.boardStamp = stamp;
  loadDetail(page);
  // The baseline's row appears once its job has ended: its dossier is complete then.
  const baseline = `${board.baseline?.public_score ?? "none"}`;
  if (page.state.who?.role === "team" && baseline !== page.state.baselineSeen) {
    page.state.baselineSeen = baseline;
    loadDossier(page);
  }
}

/** @param {Page} page */
async function create(page) {
  const { elements } = page;
  clearProblem(elements.problem);
  elements.createButton.disabled = true;
  elements.createStatus.textContent = translate("challenges.creating");
  try {
    const title = elements.titleInput.value.trim();
    const challenge = await createChallenge(
      {
        template: elements.template.value,
        quota: Number(elements.quota.value),
        ...(title ? { title } : {}),
      },
      apiKeyOf(elements.key),
    );
    elements.createStatus.textContent = translate("challenges.created");
    await loadList(page);
    openChallenge(page, challenge.id);
  } catch (error) {
    elements.createStatus.textContent = "";
    report(page, error);
  } finally {
    elements.createButton.disabled = false;
  }
}

/**
 * @param {Page} page
 * @param {"open" | "freeze" | "reveal"} action
 */
async function advance(page, action) {
  const id = page.state.challengeId;
  if (!id) {
    return;
  }
  clearProblem(page.elements.problem);
  try {
    await advanceChallenge(id, action, apiKeyOf(page.elements.key));
    page.elements.runStatus.textContent = translate(`challenges.done.${action}`);
    await loadDetail(page);
    loadList(page);
  } catch (error) {
    report(page, error);
  }
}

/** @param {Page} page */
async function exportResults(page) {
  const id = page.state.challengeId;
  if (!id) {
    return;
  }
  try {
    const { blob, filename } = await downloadChallengeResults(id, apiKeyOf(page.elements.key));
    saveFile(blob, filename);
  } catch (error) {
    report(page, error);
  }
}

/** @param {Page} page */
function enterProjector(page) {
  setProjectorMode(true);
  document.documentElement.requestFullscreen?.().catch(() => {});
  render(page);
}

/**
 * @param {Page} page
 * @param {string} jobId
 * @param {string} note
 * @param {HTMLFormElement} form
 */
async function submit(page, jobId, note, form) {
  const id = page.state.challengeId;
  if (!id) {
    return;
  }
  clearProblem(page.elements.problem);
  const button = form.querySelector("button");
  if (button) {
    button.disabled = true;
  }
  try {
    await submitToChallenge(id, { job_id: jobId, note }, apiKeyOf(page.elements.key));
    page.elements.remaining.textContent = translate("challenges.submitted");
    await loadDetail(page);
  } catch (error) {
    report(page, error);
    if (button) {
      button.disabled = false;
    }
  }
}

/**
 * Show `error` readably; a refused key sends the user back to the key field.
 * @param {Page} page
 * @param {unknown} error
 */
function report(page, error) {
  showProblem(page.elements.problem, error);
  const isKey = error instanceof ApiProblem && error.status === 401;
  page.elements.key.setAttribute("aria-invalid", String(isKey));
  if (isKey) {
    page.elements.key.focus();
  }
}

/** @param {Page} page */
function render(page) {
  const { elements, state } = page;
  const role = state.who?.role ?? null;
  const projector = document.body.classList.contains("projector");
  elements.exitProjector.hidden = !projector;
  elements.keyStatus.textContent = !state.who
    ? translate("challenges.key.none")
    : role === "admin"
      ? translate("challenges.key.admin")
      : translate("challenges.key.team", { team: state.who.team ?? "" });
  renderList(page);
  elements.createSection.hidden = role !== "admin";
  if (role === "admin") {
    renderTemplates(elements.template, elements.templateHint, state.templates);
  }
  const detail = state.detail;
  elements.section.hidden = !state.challengeId || !state.who;
  elements.teacherPanel.hidden = role !== "admin" || !detail;
  elements.teamPanel.hidden = role !== "team" || !detail;
  if (!detail) {
    elements.title.textContent = state.challengeId ? translate("challenges.loading") : "";
    elements.state.textContent = "";
    return;
  }
  const { challenge } = detail;
  elements.title.textContent = challenge.title;
  elements.state.textContent = translate(`challenges.status.${challenge.status}`);
  elements.state.dataset.status = challenge.status;
  if (role === "admin") {
    renderStateButtons(elements, challenge);
    renderBaselineState(elements.baselineState, detail);
    renderAllSubmissions(elements.allSubmissions, detail);
  } else if (role === "team") {
    renderTeam(page, detail);
  }
}

/**
 * @param {Page} page
 * @param {ChallengeDetail} detail
 */
function renderTeam(page, detail) {
  const { elements, state } = page;
  renderRules(elements.rules, detail);
  renderDossier(
    {
      spec: elements.dossierSpec,
      curves: elements.dossierCurves,
      diagnosis: elements.dossierDiagnosis,
      confusion: elements.dossierConfusion,
    },
    state.dossier,
    (trueClass, predictedClass) => showConfused(page, trueClass, predictedClass),
  );
  const open = detail.challenge.status === "open";
  elements.launch.href = `jobs.html?challenge=${encodeURIComponent(detail.challenge.id)}`;
  elements.launch.hidden = !open;
  const remaining = detail.remaining_submissions ?? 0;
  elements.remaining.textContent = open
    ? translate("challenges.remaining", { count: formatInteger(remaining), quota: detail.rules.quota })
    : translate(`challenges.closed.${detail.challenge.status}`);
  const submitted = new Set(
    detail.submissions.filter((item) => item.status !== "failed").map((item) => item.job_id),
  );
  renderOwnJobs(elements.ownJobs, state.jobs, submitted, {
    canSubmit: open && remaining > 0,
    onSubmit: (jobId, note, form) => submit(page, jobId, note, form),
  });
  renderOwnSubmissions(elements.ownSubmissions, detail);
}

/** @param {Page} page */
function renderList(page) {
  const { elements, state } = page;
  if (!state.who) {
    elements.list.replaceChildren();
    return;
  }
  if (state.challenges.length === 0) {
    const empty = document.createElement("p");
    empty.className = "hint";
    empty.textContent = translate(
      state.who.role === "admin" ? "challenges.list.emptyAdmin" : "challenges.list.empty",
    );
    elements.list.replaceChildren(empty);
    return;
  }
  const list = document.createElement("ul");
  list.className = "challenge-list";
  for (const challenge of state.challenges) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `challenges.html?id=${encodeURIComponent(challenge.id)}`;
    link.textContent = challenge.title;
    if (challenge.id === state.challengeId) {
      link.setAttribute("aria-current", "page");
    }
    link.addEventListener("click", (event) => {
      event.preventDefault();
      openChallenge(page, challenge.id);
    });
    const status = document.createElement("span");
    status.className = "hint";
    status.textContent = ` — ${translate(`challenges.status.${challenge.status}`)}`;
    item.append(link, status);
    list.append(item);
  }
  elements.list.replaceChildren(list);
}

// Entry module: module scripts run after the document is parsed, so start now.
initChallengesPage();
