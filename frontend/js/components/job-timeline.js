// @ts-check
/**
 * What a job's events add up to: the per-epoch and per-batch measurements behind
 * the curves, the log, and the job's latest status. Events already seen (a replay
 * after a reconnection) are ignored; a retry starts the curves over.
 */

import { TERMINAL_STATUSES } from "./job-history.js";

/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */
/** @typedef {import("../api-training.js").EpochRecord} EpochRecord */
/** @typedef {import("../api-training.js").JobEvent} JobEvent */
/** @typedef {import("./training-curves.js").EpochPoint} EpochPoint */
/** @typedef {import("./training-curves.js").BatchPoint} BatchPoint */
/** @typedef {import("./training-curves.js").CurveData} CurveData */

const MAX_LOG_ENTRIES = 200;

export class JobTimeline {
  /** @param {EpochRecord[]} history  The epochs the job had finished when read. */
  constructor(history) {
    /** @type {Map<number, EpochPoint>} */
    this.epochs = new Map();
    /** @type {BatchPoint[]} */
    this.batches = [];
    /** @type {JobEvent[]} */
    this.log = [];
    this.lastEventId = 0;
    this.attempt = 0;
    this.addHistory(history);
  }

  /**
   * Take in the epochs of a job read from the API (those already known are kept).
   * @param {EpochRecord[]} history
   */
  addHistory(history) {
    for (const record of history ?? []) {
      if (!this.epochs.has(record.epoch)) {
        this.epochs.set(record.epoch, epochPoint(record.epoch, record.metrics, record.seconds));
      }
    }
  }

  /**
   * Apply one event to the timeline and to `job` (status, progress, result).
   * @param {JobEvent} event
   * @param {TrainingJob} job
   * @returns {"status" | "terminal" | "data" | "seen"} What the event was.
   */
  apply(event, job) {
    const id = Number(event.id);
    if (Number.isFinite(id)) {
      if (id <= this.lastEventId) {
        return "seen";
      }
      this.lastEventId = id;
    }
    const data = event.data ?? {};
    if (event.kind !== "batch") {
      this.log = [...this.log, event].slice(-MAX_LOG_ENTRIES);
    }
    if (event.kind === "status") {
      this.applyStatus(data, job);
      return TERMINAL_STATUSES.has(job.status) ? "terminal" : "status";
    }
    if (event.kind === "epoch") {
      const epoch = Number(data.epoch);
      this.epochs.set(epoch, epochPoint(epoch, data.metrics ?? data, data.seconds));
      job.epoch = Math.max(job.epoch ?? 0, epoch);
    } else if (event.kind === "batch") {
      const progress = Number(data.progress);
      if (Number.isFinite(progress)) {
        job.progress = progress;
        const x = progress * (job.spec.epochs ?? 1);
        this.batches.push({ x, loss: finite(data.loss), accuracy: finite(data.accuracy) });
      }
      job.eta_seconds = finite(data.eta_seconds) ?? null;
    }
    return "data";
  }

  /**
   * @param {Record<string, any>} data
   * @param {TrainingJob} job
   */
  applyStatus(data, job) {
    const attempt = Number(data.attempt);
    if (data.status === "running" && Number.isFinite(attempt)) {
      if (this.attempt > 0 && attempt > this.attempt) {
        this.epochs.clear(); // A retry starts over.
        this.batches = [];
      }
      this.attempt = attempt;
    }
    Object.assign(job, {
      status: data.status ?? job.status,
      error: data.error ?? job.error,
      error_code: data.error_code ?? job.error_code,
      error_params: data.error_params ?? job.error_params,
      model_name: data.model_name ?? job.model_name,
      model_version: data.model_version ?? job.model_version,
      test_metrics: data.test_metrics ?? job.test_metrics,
    });
    if (job.status === "succeeded") {
      job.progress = 1;
    }
  }

  /**
   * The curves' data for `job`.
   * @param {TrainingJob} job
   * @returns {CurveData}
   */
  curveData(job) {
    const epochs = [...this.epochs.values()].sort((a, b) => a.epoch - b.epoch);
    return { totalEpochs: job.spec.epochs ?? 1, epochs, batches: this.batches };
  }
}

/**
 * @param {number} epoch
 * @param {Record<string, any>} metrics
 * @param {unknown} seconds
 * @returns {EpochPoint}
 */
function epochPoint(epoch, metrics, seconds) {
  return {
    epoch,
    loss: finite(metrics.loss),
    accuracy: finite(metrics.accuracy),
    val_loss: finite(metrics.val_loss),
    val_accuracy: finite(metrics.val_accuracy),
    seconds: finite(seconds),
  };
}

/**
 * @param {unknown} value
 * @returns {number | undefined}
 */
function finite(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
