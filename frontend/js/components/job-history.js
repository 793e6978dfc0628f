// @ts-check
/**
 * The table of all training jobs, newest first; picking a row shows that job in
 * the monitor. Also the status badge and duration shared with the monitor.
 */

import {
  formatDateTime,
  formatDuration,
  formatInteger,
  formatPercent,
  translate,
} from "../i18n.js";

/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */
/** @typedef {import("../api-training.js").JobStatus} JobStatus */
/** @typedef {import("../api-training.js").TrainingJobSpec} TrainingJobSpec */

/** @type {ReadonlySet<string>} */
export const TERMINAL_STATUSES = new Set(["succeeded", "failed", "cancelled"]);

/**
 * A coloured badge naming `status` in words (the colour only repeats it).
 * @param {JobStatus | string} status
 * @returns {HTMLSpanElement}
 */
export function renderStatusBadge(status) {
  const badge = document.createElement("span");
  badge.className = "job-badge";
  badge.dataset.status = status;
  badge.textContent = translate(`jobs.status.${status}`);
  return badge;
}

/**
 * How long the job ran (or has been running), in seconds; null before it starts.
 * @param {TrainingJob} job
 * @returns {number | null}
 */
export function jobDurationSeconds(job) {
  if (!job.started_at) {
    return null;
  }
  const end = job.finished_at ? Date.parse(job.finished_at) : Date.now();
  const seconds = (end - Date.parse(job.started_at)) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

/**
 * A job's architecture, with its word vectors when it has some:
 * "bilstm-pretrained (aléatoires)".
 * @param {TrainingJobSpec} spec
 * @returns {string}
 */
export function describeArchitecture(spec) {
  if (!spec.embedding) {
    return spec.architecture;
  }
  return `${spec.architecture} (${translate(`jobs.embedding.${spec.embedding}`)})`;
}

/**
 * The link to a model version on the models page.
 * @param {string} name
 * @param {string} version
 * @returns {string}
 */
export function modelPageUrl(name, version) {
  return `models.html?${new URLSearchParams({ model: name, version })}`;
}

const COLUMNS = [
  "watch",
  "status",
  "dataset",
  "architecture",
  "owner",
  "created",
  "duration",
  "accuracy",
  "model",
];

/**
 * A queued job's place in the fair queue and its estimated wait, in words;
 * "" for a job that is not queued (or whose place the server did not give).
 * @param {TrainingJob} job
 * @returns {string}
 */
export function describeQueuePlace(job) {
  const position = job.queue_position;
  if (job.status !== "queued" || typeof position !== "number") {
    return "";
  }
  const parts = [translate("jobs.queue.place", { position: formatInteger(position) })];
  const wait = job.estimated_wait_seconds;
  if (typeof wait === "number") {
    parts.push(
      wait < 1
        ? translate("jobs.queue.starting")
        : translate("jobs.queue.wait", { wait: formatDuration(wait) }),
    );
  }
  return parts.join(" · ");
}

/**
 * Show `jobs` as a table in `container`; `onSelect(id)` when a row is picked.
 * @param {HTMLElement} container
 * @param {TrainingJob[]} jobs
 * @param {{selectedId: string | null, onSelect: (id: string) => void}} options
 */
export function renderJobHistory(container, jobs, { selectedId, onSelect }) {
  if (jobs.length === 0) {
    const message = document.createElement("p");
    message.className = "results-message";
    message.textContent = translate("jobs.history.empty");
    container.replaceChildren(message);
    return;
  }
  const table = document.createElement("table");
  table.className = "data-table job-table";
  table.createCaption().textContent = translate("jobs.history.caption", { count: jobs.length });
  const headerRow = table.createTHead().insertRow();
  for (const column of COLUMNS) {
    const header = document.createElement("th");
    header.scope = "col";
    const text = translate(`jobs.history.column.${column}`);
    if (column === "watch") {
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = text;
      header.append(hidden);
    } else {
      header.textContent = text;
    }
    headerRow.append(header);
  }
  const body = table.createTBody();
  for (const job of jobs) {
    body.append(renderRow(job, job.id === selectedId, onSelect));
  }
  container.replaceChildren(table);
}

/**
 * @param {TrainingJob} job
 * @param {boolean} isSelected
 * @param {(id: string) => void} onSelect
 * @returns {HTMLTableRowElement}
 */
function renderRow(job, isSelected, onSelect) {
  const row = document.createElement("tr");
  row.className = "job-row";
  row.dataset.jobId = job.id;
  if (isSelected) {
    row.setAttribute("aria-current", "true");
  }
  row.addEventListener("click", (event) => {
    // Links inside the row keep their own meaning.
    if (!(event.target instanceof Element && event.target.closest("a"))) {
      onSelect(job.id);
    }
  });

  const button = document.createElement("button");
  button.type = "button";
  button.className = "button-link";
  const created = formatDateTime(job.created_at);
  const context = document.createElement("span");
  context.className = "visually-hidden";
  context.textContent = ` ${translate("jobs.history.watch.context", { created, dataset: job.spec.dataset })}`;
  button.append(translate("jobs.history.watch"), context);
  row.insertCell().append(button);

  row.insertCell().append(renderStatusBadge(job.status));
  row.insertCell().textContent = job.spec.dataset;
  row.insertCell().textContent = describeArchitecture(job.spec);
  row.insertCell().textContent = job.owner;
  row.insertCell().textContent = created;
  const duration = jobDurationSeconds(job);
  const place = describeQueuePlace(job);
  row.insertCell().textContent = place || (duration === null ? "—" : formatDuration(duration));
  const accuracy = job.test_metrics?.accuracy;
  row.insertCell().textContent = Number.isFinite(accuracy) ? formatPercent(accuracy) : "—";
  const modelCell = row.insertCell();
  if (job.model_name && job.model_version) {
    const link = document.createElement("a");
    link.href = modelPageUrl(job.model_name, job.model_version);
    link.textContent = `${job.model_name} v${job.model_version}`;
    modelCell.append(link);
  } else {
    modelCell.textContent = "—";
  }
  return row;
}
