// @ts-check
/**
 * Follow one training job live: its Server-Sent Events (status, epoch, batch, log)
 * feed the status badge, the progress bar, the learning curves and the log. The
 * stream is closed on a terminal status; if it cannot be opened at all, the job is
 * polled instead.
 */

import { cancelTrainingJob, getTrainingJob, trainingJobEventsUrl } from "../api-training.js";
import { LatestCall } from "../latest.js";
import { TERMINAL_STATUSES } from "./job-history.js";
import { JobTimeline } from "./job-timeline.js";
import { renderJobLog, renderJobProgress, renderJobStatus } from "./job-views.js";
import { renderTrainingCurves } from "./training-curves.js";

/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */
/** @typedef {import("../api-training.js").JobEvent} JobEvent */
/** @typedef {import("../latest.js").Turn} Turn */
/** @typedef {"live" | "reconnecting" | "polling" | "closed"} Connection */

const EVENT_KINDS = ["status", "epoch", "batch", "log"];
const POLL_INTERVAL_MS = 2000;

/**
 * @typedef {object} MonitorElements
 * @property {HTMLElement} status  A role="status" region.
 * @property {HTMLElement} progress
 * @property {HTMLProgressElement} progressBar
 * @property {HTMLElement} progressText
 * @property {HTMLButtonElement} cancel
 * @property {HTMLElement} curves
 * @property {HTMLOListElement} log
 */

/**
 * @typedef {object} MonitorHooks
 * @property {() => string} getKey  The API key typed on the page.
 * @property {(error: unknown) => void} onProblem
 * @property {(job: TrainingJob) => void} onChange  After a status change or a cancel.
 */

export class JobMonitor {
  /**
   * @param {MonitorElements} elements
   * @param {MonitorHooks} hooks
   */
  constructor(elements, hooks) {
    this.elements = elements;
    this.hooks = hooks;
    /** @type {TrainingJob | null} */
    this.job = null;
    this.timeline = new JobTimeline([]);
    /** @type {Connection} */
    this.connection = "closed";
    /** @type {EventSource | null} */
    this.source = null;
    /** @type {number | undefined} */
    this.pollTimer = undefined;
    this.cancelBusy = false;
    // A new turn when another job is watched: late answers about the old one are dropped.
    this.watching = new LatestCall();
    /** @type {Turn} */
    this.turn = this.watching.begin();
    this.renderPending = false;
    elements.cancel.addEventListener("click", () => this.cancel());
  }

  /** @returns {string | null} The id of the job shown. */
  get jobId() {
    return this.job?.id ?? null;
  }

  /**
   * Show `job` and follow it until it ends (a finished job's events are replayed).
   * @param {TrainingJob} job
   */
  watch(job) {
    this.stop();
    this.turn = this.watching.begin();
    this.job = job;
    this.timeline = new JobTimeline(job.history);
    this.cancelBusy = false;
    this.connect(job.id, this.turn);
    this.render();
  }

  /** Close the stream and stop polling. */
  stop() {
    this.source?.close();
    this.source = null;
    window.clearTimeout(this.pollTimer);
    this.connection = "closed";
  }

  /**
   * @param {string} id
   * @param {Turn} turn
   */
  connect(id, turn) {
    const source = new EventSource(trainingJobEventsUrl(id));
    this.source = source;
    this.connection = "live";
    for (const kind of [...EVENT_KINDS, "message"]) {
      source.addEventListener(kind, (event) =>
        this.receive(/** @type {MessageEvent} */ (event), turn),
      );
    }
    source.addEventListener("open", () => {
      if (turn.isCurrent()) {
        this.connection = "live";
        this.scheduleRender();
      }
    });
    source.addEventListener("error", () => {
      if (!turn.isCurrent() || this.source !== source) {
        return;
      }
      if (!this.job || TERMINAL_STATUSES.has(this.job.status)) {
        this.stop(); // The stream ended after the last event: do not reconnect.
      } else if (source.readyState === EventSource.CLOSED) {
        this.source = null;
        this.poll(turn); // The stream could not be opened: fall back to polling.
      } else {
        this.connection = "reconnecting"; // EventSource resumes with Last-Event-ID.
      }
      this.scheduleRender();
    });
  }

  /**
   * @param {MessageEvent} message
   * @param {Turn} turn
   */
  receive(message, turn) {
    if (!turn.isCurrent() || !this.job) {
      return;
    }
    /** @type {JobEvent} */
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return; // Not one of ours.
    }
    event.id ??= Number(message.lastEventId);
    event.kind ??= /** @type {JobEvent["kind"]} */ (message.type);
    this.connection = "live";
    const outcome = this.timeline.apply(event, this.job);
    if (outcome === "terminal") {
      this.stop();
      this.refresh(turn); // finished_at, duration, final metrics
    }
    if (outcome === "status" || outcome === "terminal") {
      this.hooks.onChange(this.job);
    }
    this.scheduleRender();
  }

  /**
   * Read the job again and take it in (the epochs it lists join the curves).
   * @param {Turn} turn
   * @returns {Promise<TrainingJob | null>}
   */
  async refresh(turn) {
    try {
      const job = await getTrainingJob(
        /** @type {TrainingJob} */ (this.job).id,
        this.hooks.getKey(),
      );
      if (!turn.isCurrent()) {
        return null;
      }
      this.job = job;
      this.timeline.addHistory(job.history);
      this.hooks.onChange(job);
      this.scheduleRender();
      return job;
    } catch (error) {
      if (turn.isCurrent()) {
        this.hooks.onProblem(error);
      }
      return null;
    }
  }

  /**
   * Follow the job by reading it every few seconds until it ends.
   * @param {Turn} turn
   */
  async poll(turn) {
    this.connection = "polling";
    const job = await this.refresh(turn);
    if (job && turn.isCurrent() && !TERMINAL_STATUSES.has(job.status)) {
      this.pollTimer = window.setTimeout(() => this.poll(turn), POLL_INTERVAL_MS);
    } else if (turn.isCurrent()) {
      this.connection = "closed";
    }
  }

  async cancel() {
    const job = this.job;
    if (!job || this.cancelBusy || TERMINAL_STATUSES.has(job.status)) {
      return;
    }
    const turn = this.turn;
    this.cancelBusy = true;
    this.render();
    try {
      const answer = await cancelTrainingJob(job.id, this.hooks.getKey());
      if (turn.isCurrent()) {
        // Keep what the stream taught us; take the server's word on the status.
        Object.assign(job, { cancel_requested: true, status: answer.status ?? job.status });
        this.hooks.onChange(job);
      }
    } catch (error) {
      if (turn.isCurrent()) {
        this.hooks.onProblem(error);
      }
    } finally {
      if (turn.isCurrent()) {
        this.cancelBusy = false;
        this.render();
      }
    }
  }

  /** Render once per frame however many events arrive (a replay sends hundreds). */
  scheduleRender() {
    if (!this.renderPending) {
      this.renderPending = true;
      window.requestAnimationFrame(() => {
        this.renderPending = false;
        this.render();
      });
    }
  }

  /** Render everything from the state (also after a language change). */
  render() {
    const { elements, job } = this;
    renderJobStatus(elements.status, job);
    renderJobProgress(elements, job, this.connection);
    const active = job !== null && !TERMINAL_STATUSES.has(job.status);
    elements.cancel.hidden = !active;
    elements.cancel.disabled = this.cancelBusy || Boolean(job?.cancel_requested);
    if (job) {
      renderTrainingCurves(elements.curves, this.timeline.curveData(job));
    } else {
      elements.curves.replaceChildren();
    }
    renderJobLog(elements.log, this.timeline.log);
  }
}
