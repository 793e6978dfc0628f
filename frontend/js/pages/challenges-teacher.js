// @ts-check
/**
 * The teacher's side of the challenges page (admin key): the template choice
 * (with each template's availability, or why not), the open / freeze / reveal
 * buttons, every team's submissions with their notes, and the CSV export.
 */

import { createDataTable, emptyMessage } from "../components/data-table.js";
import { formatDateTime, formatInteger, formatPercent, getLanguage, translate } from "../i18n.js";
import { jobLabel } from "./challenges-leaderboard.js";

/** @typedef {import("../api-challenges.js").ChallengeTemplate} ChallengeTemplate */
/** @typedef {import("../api-challenges.js").ChallengeDetail} ChallengeDetail */
/** @typedef {import("../api-challenges.js").Challenge} Challenge */

/** The action each state allows (draft → open → frozen → revealed). */
export const NEXT_ACTION = { draft: "open", open: "freeze", frozen: "reveal", revealed: null };

/**
 * @param {ChallengeTemplate} template
 * @returns {string}
 */
function titleOf(template) {
  return getLanguage() === "fr" ? template.title_fr : template.title;
}

/**
 * Fill the template select: available ones first, the others disabled with why.
 * @param {HTMLSelectElement} select
 * @param {HTMLElement} hint
 * @param {ChallengeTemplate[]} templates
 */
export function renderTemplates(select, hint, templates) {
  const previous = select.value;
  select.replaceChildren(
    ...templates.map((template) => {
      const option = document.createElement("option");
      option.value = template.id;
      option.textContent = template.available
        ? `${template.id} — ${titleOf(template)}`
        : translate("challenges.template.unavailable", { id: template.id });
      option.disabled = !template.available;
      return option;
    }),
  );
  const usable = templates.filter((template) => template.available);
  select.value = usable.some((t) => t.id === previous) ? previous : (usable[0]?.id ?? "");
  const chosen = templates.find((template) => template.id === select.value);
  const lines = [];
  if (chosen) {
    const sizes = Object.entries(chosen.split_sizes)
      .map(([name, rows]) => `${translate(`challenges.split.${name}`)} ${formatInteger(rows)}`)
      .join(", ");
    lines.push(translate("challenges.template.sizes", { sizes, dataset: chosen.dataset }));
  }
  for (const template of templates.filter((item) => !item.available)) {
    lines.push(`${template.id}: ${template.unavailable_reason ?? ""}`);
  }
  hint.replaceChildren(
    ...lines.map((text) => {
      const line = document.createElement("p");
      line.textContent = text;
      return line;
    }),
  );
}

/**
 * Only the next step of the challenge's life is enabled.
 * @param {{open: HTMLButtonElement, freeze: HTMLButtonElement, reveal: HTMLButtonElement}} buttons
 * @param {Challenge} challenge
 */
export function renderStateButtons(buttons, challenge) {
  const next = NEXT_ACTION[challenge.status];
  buttons.open.disabled = next !== "open";
  buttons.freeze.disabled = next !== "freeze";
  buttons.reveal.disabled = next !== "reveal";
}

/**
 * Every team's submissions with their notes, newest first.
 * @param {HTMLElement} container
 * @param {ChallengeDetail} detail
 */
export function renderAllSubmissions(container, detail) {
  const submissions = [...detail.submissions].reverse();
  if (submissions.length === 0) {
    container.replaceChildren(emptyMessage(translate("challenges.submissions.none")));
    return;
  }
  const table = createDataTable(
    translate("challenges.all.heading"),
    ["when", "team", "job", "note", "status", "public", "shown", "private"],
    "challenges.all.column",
  );
  const body = table.createTBody();
  const percent = (/** @type {number | null} */ value) =>
    value === null ? "—" : formatPercent(value);
  for (const submission of submissions) {
    const row = body.insertRow();
    const cells = [
      formatDateTime(submission.created_at),
      submission.team ?? translate("challenges.board.baseline"),
      jobLabel(submission),
      submission.note || "—",
      translate(`challenges.submission.${submission.status}`),
      percent(submission.public_score),
      percent(submission.shown_public_score),
      percent(submission.private_score),
    ];
    for (const text of cells) {
      row.insertCell().textContent = text;
    }
  }
  container.replaceChildren(table);
}

/**
 * Where the baseline stands: training, scored (with its public score) or failed.
 * @param {HTMLElement} container
 * @param {ChallengeDetail} detail
 */
export function renderBaselineState(container, detail) {
  const baseline = detail.baseline;
  if (!baseline) {
    container.textContent = translate("challenges.baseline.training");
  } else if (baseline.status === "scored" && baseline.public_score !== null) {
    container.textContent = translate("challenges.baseline.scored", {
      score: formatPercent(baseline.public_score),
    });
  } else {
    container.textContent = translate(`challenges.baseline.${baseline.status}`);
  }
}

/**
 * Save `blob` under `filename` through a temporary link.
 * @param {Blob} blob
 * @param {string} filename
 */
export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
