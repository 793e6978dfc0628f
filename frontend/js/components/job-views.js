// @ts-check
/**
 * What the monitor shows of a job: its status and result (a role="status"
 * region), its progress, and its log of events.
 */

import {
  formatDecimal,
  formatDuration,
  formatInteger,
  formatPercent,
  getLanguage,
  translate,
} from "../i18n.js";
import {
  describeArchitecture,
  describeQueuePlace,
  jobDurationSeconds,
  modelPageUrl,
  renderStatusBadge,
} from "./job-history.js";

/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */
/** @typedef {import("../api-training.js").JobEvent} JobEvent */

/** What the status region last showed, so unchanged content is not re-announced. */
const shown = new WeakMap();

/**
 * The status badge, what was trained, and the outcome once the job has ended.
 * @param {HTMLElement} container  A role="status" region.
 * @param {TrainingJob | null} job
 */
export function renderJobStatus(container, job) {
  const signature = job
    ? [
        getLanguage(),
        job.id,
        job.status,
        job.cancel_requested,
        job.model_version,
        job.error,
        job.error_code,
        JSON.stringify(job.test_metrics ?? {}),
        job.finished_at,
        job.queue_position,
        job.estimated_wait_seconds,
      ].join("|")
    : getLanguage();
  if (shown.get(container) === signature) {
    return;
  }
  shown.set(container, signature);
  if (!job) {
    container.replaceChildren(paragraph("results-message", translate("jobs.monitor.empty")));
    return;
  }
  const headline = document.createElement("p");
  headline.className = "job-headline";
  const summary = document.createElement("span");
  summary.className = "job-summary";
  summary.textContent = translate("jobs.monitor.summary", {
    dataset: job.spec.dataset,
    architecture: describeArchitecture(job.spec),
    epochs: formatInteger(job.spec.epochs ?? 0),
    owner: job.owner,
  });
  headline.append(renderStatusBadge(job.status), " ", summary);
  container.replaceChildren(headline, ...renderOutcome(job));
}

/**
 * @param {TrainingJob} job
 * @returns {HTMLElement[]}
 */
function renderOutcome(job) {
  if (job.status === "queued" || job.status === "running") {
    const key = job.cancel_requested ? "jobs.monitor.cancelling" : `jobs.monitor.${job.status}`;
    const notes = [paragraph("job-note", translate(key))];
    const place = job.cancel_requested ? "" : describeQueuePlace(job);
    if (place) {
      notes.push(paragraph("job-queue-place", `${place}. ${translate("jobs.queue.fair")}`));
    }
    return notes;
  }
  if (job.status === "failed") {
    const error = describeJobError(job) || "?";
    return [paragraph("job-error", translate("jobs.monitor.failed", { error }))];
  }
  if (job.status === "cancelled") {
    return [paragraph("job-note", translate("jobs.monitor.cancelled"))];
  }
  const parts = [];
  const duration = jobDurationSeconds(job);
  if (duration !== null) {
    parts.push(
      paragraph(
        "job-note",
        translate("jobs.monitor.duration", { duration: formatDuration(duration) }),
      ),
    );
  }
  const { accuracy, loss } = job.test_metrics ?? {};
  if (Number.isFinite(accuracy)) {
    const text = Number.isFinite(loss)
      ? translate("jobs.monitor.test", {
          accuracy: formatPercent(accuracy),
          loss: formatDecimal(loss, 3),
        })
      : translate("jobs.monitor.test.accuracy", { accuracy: formatPercent(accuracy) });
    parts.push(paragraph("job-metrics", text));
  }
  if (job.model_name && job.model_version) {
    const result = document.createElement("p");
    result.className = "job-model";
    const key = job.spec.promote ? "jobs.monitor.model.promoted" : "jobs.monitor.model";
    const link = document.createElement("a");
    link.href = modelPageUrl(job.model_name, job.model_version);
    link.textContent = translate("jobs.monitor.model.link", {
      name: job.model_name,
      version: job.model_version,
    });
    result.append(translate(key, { name: job.model_name, version: job.model_version }), " ", link);
    parts.push(result);
  }
  return parts;
}

/**
 * The progress bar and its wording: share done, epoch, time left, connection.
 * @param {{progress: HTMLElement, progressBar: HTMLProgressElement, progressText: HTMLElement}} elements
 * @param {TrainingJob | null} job
 * @param {"live" | "reconnecting" | "polling" | "closed"} connection
 */
export function renderJobProgress(elements, job, connection) {
  const { progress, progressBar, progressText } = elements;
  progress.hidden = !job || job.status === "queued";
  if (!job) {
    return;
  }
  const share = Math.min(1, Math.max(0, job.progress ?? 0));
  progressBar.value = share;
  progressBar.setAttribute("aria-valuetext", formatPercent(share));
  const parts = [
    formatPercent(share),
    translate("jobs.progress.epoch", {
      epoch: formatInteger(job.epoch ?? 0),
      epochs: formatInteger(job.spec.epochs ?? 0),
    }),
  ];
  if (job.status === "running" && Number.isFinite(job.eta_seconds)) {
    parts.push(
      translate("jobs.progress.eta", {
        eta: formatDuration(/** @type {number} */ (job.eta_seconds)),
      }),
    );
  }
  if (job.status === "running" && (connection === "reconnecting" || connection === "polling")) {
    parts.push(translate(`jobs.progress.${connection}`));
  }
  progressText.textContent = parts.join(" · ");
}

/**
 * The job's story, oldest first: status changes, epochs and the trainer's messages.
 * @param {HTMLOListElement} list
 * @param {JobEvent[]} events
 */
export function renderJobLog(list, events) {
  const time = new Intl.DateTimeFormat(getLanguage(), { timeStyle: "medium" });
  const items = events.map((event) => {
    const item = document.createElement("li");
    item.dataset.kind = event.kind;
    const moment = document.createElement("time");
    moment.dateTime = event.created_at;
    const date = new Date(event.created_at);
    moment.textContent = Number.isNaN(date.getTime()) ? "" : time.format(date);
    item.append(moment, " ", describeEvent(event));
    return item;
  });
  if (items.length === 0) {
    items.push(document.createElement("li"));
    items[0].className = "job-log-empty";
    items[0].textContent = translate("jobs.log.empty");
  }
  list.replaceChildren(...items);
  list.scrollTop = list.scrollHeight;
}

/**
 * Why a job failed or was cancelled: the server's sentence, already in the page's
 * language (the job API and its events speak the request's language).
 * @param {{error?: string | null}} source  A job, or the data of its status event.
 * @returns {string}
 */
export function describeJobError({ error }) {
  return error ?? "";
}

/**
 * @param {JobEvent} event
 * @returns {string}
 */
function describeEvent({ kind, data }) {
  if (kind === "status") {
    const status = translate(`jobs.status.${data.status}`);
    const attempt =
      Number(data.attempt) > 1 ? translate("jobs.log.attempt", { attempt: data.attempt }) : "";
    const reason = describeJobError(data);
    const error = reason ? ` — ${reason}` : "";
    return `${translate("jobs.log.status", { status })}${attempt}${error}`;
  }
  if (kind === "epoch") {
    const metrics = data.metrics ?? data;
    const text = translate("jobs.log.epoch", {
      epoch: data.epoch,
      loss: number(metrics.loss, (value) => formatDecimal(value, 3)),
      accuracy: number(metrics.accuracy, formatPercent),
    });
    if (!Number.isFinite(metrics.val_loss)) {
      return text;
    }
    const validation = translate("jobs.log.validation", {
      loss: number(metrics.val_loss, (value) => formatDecimal(value, 3)),
      accuracy: number(metrics.val_accuracy, formatPercent),
    });
    return `${text} ${validation}`;
  }
  // Log lines come in the page's language, told by the server from their code.
  return String(data.message ?? JSON.stringify(data));
}

/**
 * @param {unknown} value
 * @param {(value: number) => string} format
 * @returns {string}
 */
function number(value, format) {
  return typeof value === "number" && Number.isFinite(value) ? format(value) : "—";
}

/**
 * @param {string} className
 * @param {string} text
 * @returns {HTMLParagraphElement}
 */
function paragraph(className, text) {
  const element = document.createElement("p");
  element.className = className;
  element.textContent = text;
  return element;
}
