// @ts-check
/**
 * A team's side of a challenge: the rules, its finished jobs of the challenge with
 * a "Soumettre" form each (a note of at most 500 characters), its submissions
 * (shown score, Δ vs the baseline, significance) and the quota left.
 */

import { createDataTable, emptyMessage } from "../components/data-table.js";
import { formatDateTime, formatInteger, formatPercent, translate } from "../i18n.js";
import { formatPoints, jobLabel } from "./challenges-leaderboard.js";

/** @typedef {import("../api-challenges.js").ChallengeDetail} ChallengeDetail */
/** @typedef {import("../api-challenges.js").Submission} Submission */
/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */

export const MAX_NOTE_CHARACTERS = 500;

/**
 * The rules a team plays by, one sentence each.
 * @param {HTMLElement} list
 * @param {ChallengeDetail} detail
 */
export function renderRules(list, detail) {
  const { challenge, rules } = detail;
  const splits = challenge.manifest.splits;
  const rows = (/** @type {string} */ name) => formatInteger(splits[name]?.rows ?? 0);
  const items = [
    translate("challenges.rules.quota", { quota: rules.quota }),
    translate("challenges.rules.running", { count: rules.max_running_jobs_per_team }),
    translate("challenges.rules.splits", {
      train: rows("train"),
      validation: rows("validation"),
      public: rows("public"),
      private: rows("private"),
    }),
    translate("challenges.rules.hidden"),
    translate("challenges.rules.ladder"),
    translate("challenges.rules.seed", { seed: challenge.manifest.seed ?? challenge.seed }),
  ];
  list.replaceChildren(
    ...items.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }),
  );
}

/**
 * The team's jobs of this challenge, newest first; a finished one not yet
 * submitted gets a note field and a "Soumettre" button.
 * @param {HTMLElement} container
 * @param {TrainingJob[]} jobs  Already only this challenge's.
 * @param {Set<string>} submitted  Job ids already submitted (and not failed).
 * @param {{canSubmit: boolean, onSubmit: (jobId: string, note: string, form: HTMLFormElement) => void}} options
 */
export function renderOwnJobs(container, jobs, submitted, { canSubmit, onSubmit }) {
  if (jobs.length === 0) {
    container.replaceChildren(emptyMessage(translate("challenges.jobs.empty")));
    return;
  }
  container.replaceChildren(
    ...jobs.map((job) => renderJobCard(job, submitted.has(job.id), canSubmit, onSubmit)),
  );
}

/**
 * @param {TrainingJob} job
 * @param {boolean} isSubmitted
 * @param {boolean} canSubmit
 * @param {(jobId: string, note: string, form: HTMLFormElement) => void} onSubmit
 * @returns {HTMLElement}
 */
function renderJobCard(job, isSubmitted, canSubmit, onSubmit) {
  const card = document.createElement("article");
  card.className = "own-job";
  card.dataset.jobId = job.id;
  const title = document.createElement("h4");
  title.textContent = translate("challenges.jobs.title", {
    id: job.id.slice(0, 8),
    architecture: job.spec.architecture,
    epochs: String(job.spec.epochs ?? ""),
  });
  const last = job.history.at(-1)?.metrics ?? {};
  const facts = document.createElement("p");
  facts.className = "hint";
  facts.textContent = [
    translate(`challenges.jobStatus.${job.status}`),
    last.val_accuracy === undefined
      ? ""
      : translate("challenges.jobs.validation", { value: formatPercent(last.val_accuracy) }),
    formatDateTime(job.created_at),
  ]
    .filter(Boolean)
    .join(" · ");
  const diagnosisLink = document.createElement("a");
  diagnosisLink.href = `jobs.html?job=${encodeURIComponent(job.id)}`;
  diagnosisLink.textContent = translate("challenges.jobs.open");
  card.append(title, facts, diagnosisLink);
  if (isSubmitted) {
    const done = document.createElement("p");
    done.className = "own-job-submitted";
    done.textContent = translate("challenges.jobs.submitted");
    card.append(done);
  } else if (job.status === "succeeded" && canSubmit) {
    card.append(renderSubmitForm(job, onSubmit));
  }
  return card;
}

/**
 * @param {TrainingJob} job
 * @param {(jobId: string, note: string, form: HTMLFormElement) => void} onSubmit
 * @returns {HTMLFormElement}
 */
function renderSubmitForm(job, onSubmit) {
  const form = document.createElement("form");
  form.className = "submit-form";
  form.noValidate = true;
  const label = document.createElement("label");
  label.className = "field";
  const caption = document.createElement("span");
  caption.textContent = translate("challenges.note.label", { id: job.id.slice(0, 8) });
  const note = document.createElement("textarea");
  note.className = "input";
  note.name = "note";
  note.rows = 2;
  note.maxLength = MAX_NOTE_CHARACTERS;
  note.placeholder = translate("challenges.note.placeholder");
  label.append(caption, note);
  const button = document.createElement("button");
  button.className = "button button-primary";
  button.type = "submit";
  button.textContent = translate("challenges.submit");
  form.append(label, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSubmit(job.id, note.value.trim(), form);
  });
  return form;
}

/**
 * The team's submissions: when, which job, the note, the state, the shown public
 * score, Δ vs the baseline and whether the gain is significant.
 * @param {HTMLElement} container
 * @param {ChallengeDetail} detail
 */
export function renderOwnSubmissions(container, detail) {
  const submissions = [...detail.submissions].reverse();
  if (submissions.length === 0) {
    container.replaceChildren(emptyMessage(translate("challenges.submissions.empty")));
    return;
  }
  const table = createDataTable(
    translate("challenges.submissions.heading"),
    ["when", "job", "note", "status", "score", "delta", "significant"],
    "challenges.submissions.column",
  );
  const body = table.createTBody();
  const reference = detail.baseline?.shown_public_score ?? null;
  for (const submission of submissions) {
    const row = body.insertRow();
    const shown = submission.shown_public_score;
    const cells = [
      formatDateTime(submission.created_at),
      jobLabel(submission),
      submission.note || "—",
      translate(`challenges.submission.${submission.status}`),
      shown === null ? "—" : formatPercent(shown),
      shown === null || reference === null ? "—" : formatPoints((shown - reference) * 100),
      submission.significant === null
        ? "—"
        : translate(submission.significant ? "challenges.significant" : "challenges.notSignificant"),
    ];
    for (const text of cells) {
      row.insertCell().textContent = text;
    }
  }
  container.replaceChildren(table);
}
