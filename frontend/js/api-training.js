// @ts-check
/**
 * Training jobs, datasets and the model registry. Changes need an API key, sent as
 * `Authorization: Bearer <key>`; reading works without one unless the server says so.
 */

import { API_ROOT, authorization, itemsOf, postJson, requestJson } from "./api.js";
import { getLanguage } from "./i18n.js";

/** @typedef {import("./api.js").ApiProblem} ApiProblem */
/** @typedef {import("./api.js").Cancel} Cancel */

/** @typedef {"image-classification" | "text-classification"} TrainingTask */
/** @typedef {"queued" | "running" | "succeeded" | "failed" | "cancelled"} JobStatus */

/**
 * @typedef {object} DatasetInfo
 * @property {string} id  e.g. "mnist-5k", "sst2".
 * @property {string} task  "image-classification" or "text-classification".
 * @property {string} title  A sentence describing it.
 * @property {string | null} [title_fr]  The same in French.
 * @property {string | null} [language]  Texts only: "fr" or "en"; null for an upload.
 * @property {boolean} available  False when its files are not on the server.
 * @property {string | null} [unavailable_reason]
 * @property {string[] | number} [classes]
 * @property {Record<string, number> | number | null} [size]  Examples per split.
 */

/**
 * @typedef {object} TrainingJobSpec
 * @property {TrainingTask} task
 * @property {string} dataset
 * @property {string} architecture
 * @property {string} [model_name]  Omitted: the server names it "<dataset>-<architecture>"
 *   ("<team>-<dataset>-<architecture>" for a team key).
 * @property {number} [epochs]
 * @property {number} [batch_size]
 * @property {number} [learning_rate]
 * @property {"adam" | "adamw" | "sgd" | "rmsprop"} [optimizer]
 * @property {number} [dropout]
 * @property {boolean} [augment]  Images only.
 * @property {number | null} [early_stopping_patience]  null: no early stopping.
 * @property {number} [validation_share]
 * @property {boolean} [promote]  Make the result the production version.
 * @property {"fr-fasttext-300" | "en-glove-50" | "random" | null} [embedding]
 *   bilstm-pretrained only: its word vectors; omitted: the dataset language's.
 * @property {string | null} [challenge_id]  Train inside this challenge (its splits).
 */

/**
 * @typedef {object} EpochRecord
 * @property {number} epoch  1 for the first epoch.
 * @property {Record<string, number>} metrics  loss, accuracy, val_loss, val_accuracy…
 * @property {number} seconds
 */

/**
 * @typedef {object} TrainingJob
 * @property {string} id
 * @property {string} owner
 * @property {JobStatus} status
 * @property {TrainingJobSpec} spec
 * @property {number} attempts
 * @property {number} epoch  Epochs finished so far.
 * @property {number} progress  0..1
 * @property {number | null} eta_seconds
 * @property {number | null} [queue_position]  While queued: its place (1 = next).
 * @property {number | null} [estimated_wait_seconds]  While queued: likely wait.
 * @property {EpochRecord[]} history
 * @property {Record<string, number>} test_metrics  accuracy, loss.
 * @property {string | null} error  Why it failed or was cancelled, in English.
 * @property {string | null} [error_code]  The reason's stable code (the server tells `error`).
 * @property {Record<string, string | number>} [error_params]  Values the reason names.
 * @property {string | null} model_name
 * @property {string | null} model_version
 * @property {boolean} cancel_requested
 * @property {string} created_at  ISO 8601.
 * @property {string | null} started_at
 * @property {string | null} finished_at
 */

/**
 * One Server-Sent Event of a job (the `data` of the SSE message, parsed).
 * @typedef {object} JobEvent
 * @property {number} id  Grows across all jobs; the SSE `Last-Event-ID`.
 * @property {string} job_id
 * @property {"status" | "epoch" | "batch" | "log"} kind
 * @property {Record<string, any>} data
 * @property {string} created_at
 */

/**
 * @typedef {object} RegisteredModel
 * @property {string} name
 * @property {string} task
 * @property {number | string[]} versions  How many versions (or their list).
 * @property {string | null} production_version
 * @property {string | null} latest_version
 */

/**
 * @typedef {object} ModelVersionInfo
 * @property {string} version
 * @property {Record<string, number>} metrics  test_accuracy, test_loss…
 * @property {{id: string, splits?: Record<string, number>}} dataset
 * @property {Record<string, unknown>} training_config
 * @property {number | null} duration_seconds
 * @property {string | null} owner
 * @property {string | null} job_id
 * @property {string} created_at
 * @property {boolean} is_production
 */

/**
 * @typedef {object} PromotionRecord
 * @property {string} alias
 * @property {string} version
 * @property {string | null} previous_version
 * @property {string} promoted_at
 * @property {string | null} [actor]
 * @property {string | null} [reason]
 */

/**
 * @typedef {object} ModelVersions
 * @property {string} name
 * @property {string | null} production_version
 * @property {ModelVersionInfo[]} versions  Oldest first.
 * @property {PromotionRecord[]} history  Every promotion, oldest first.
 */

/**
 * The datasets a job can train on, available or not.
 * @param {string | null} [key]  Needed only when the server wants a key to read.
 * @returns {Promise<DatasetInfo[]>}
 * @throws {ApiProblem}
 */
export async function listDatasets(key = null) {
  return itemsOf(await requestJson("/datasets", { headers: authorization(key) }), "datasets");
}

/**
 * @typedef {object} KeyIdentity
 * @property {"admin" | "team"} role
 * @property {string | null} team  The team of a team key; null for admins.
 * @property {string} owner  "admin" or "team:<name>".
 */

/**
 * Whose key `key` is (its role and team, never its secret).
 * @param {string} key
 * @returns {Promise<KeyIdentity>}
 * @throws {ApiProblem} `/problems/unauthorized` (401) for an unknown key.
 */
export function getCurrentKey(key) {
  return requestJson("/keys/current", { headers: authorization(key) });
}

/**
 * Queue a training run; the server answers 202 with the queued job.
 * @param {TrainingJobSpec} spec
 * @param {string} key
 * @returns {Promise<TrainingJob>}
 * @throws {ApiProblem} `/problems/unauthorized` (401) without a valid key,
 *   `/problems/validation` (422) for a bad spec.
 */
export function createTrainingJob(spec, key) {
  return postJson("/training-jobs", spec, key);
}

/**
 * Every training job the key may see, newest first.
 * @param {string | null} [key]
 * @returns {Promise<TrainingJob[]>}
 * @throws {ApiProblem}
 */
export async function listTrainingJobs(key = null) {
  return itemsOf(await requestJson("/training-jobs", { headers: authorization(key) }), "jobs");
}

/**
 * @param {string} id
 * @param {string | null} [key]
 * @returns {Promise<TrainingJob>}
 * @throws {ApiProblem} `/problems/job-not-found` (404).
 */
export function getTrainingJob(id, key = null) {
  return requestJson(`/training-jobs/${encodeURIComponent(id)}`, { headers: authorization(key) });
}

/**
 * @typedef {object} DiagnosisFinding
 * @property {string} code  Stable: "overfitting", "underfitting", "not-converged",
 *   "plateau", "diverging", "unstable" or "errors-concentrated".
 * @property {string} title
 * @property {string} message  One sentence with the numbers, in the page's language.
 * @property {string[]} suggestions  Two or three things to try.
 * @property {Record<string, number | string>} numbers  The measured values.
 * @property {Record<string, number | string>} thresholds  The thresholds crossed.
 */

/**
 * @typedef {object} JobDiagnosis
 * @property {"healthy" | "findings" | "no-epochs"} status
 * @property {string} summary
 * @property {DiagnosisFinding[]} findings
 * @property {{code: string, reason: string, message: string}[]} unchecked
 *   The rules the job's data could not answer, and why.
 */

/**
 * The automatic diagnosis of a job, in the page's language.
 * @param {string} id
 * @param {string | null} [key]
 * @param {Cancel} [options]
 * @returns {Promise<JobDiagnosis>}
 * @throws {ApiProblem} `/problems/job-not-found` (404).
 */
export function getTrainingJobDiagnosis(id, key = null, { signal } = {}) {
  return requestJson(`/training-jobs/${encodeURIComponent(id)}/diagnosis`, {
    headers: authorization(key),
    signal,
  });
}

/**
 * Ask a queued or running job to stop; it ends as "cancelled" shortly after.
 * @param {string} id
 * @param {string} key
 * @returns {Promise<TrainingJob>}
 * @throws {ApiProblem}
 */
export function cancelTrainingJob(id, key) {
  return postJson(`/training-jobs/${encodeURIComponent(id)}/cancel`, {}, key);
}

/**
 * The URL of a job's Server-Sent Events stream, for `new EventSource(url)`
 * (event types `status`, `epoch`, `batch`, `log`; each `data` is a `JobEvent`).
 * An EventSource cannot send the key: the stream is read without one.
 * @param {string} id
 * @returns {string}
 */
export function trainingJobEventsUrl(id) {
  // An EventSource cannot send Accept-Language: the language goes in the URL.
  const query = new URLSearchParams({ lang: getLanguage() });
  return `${API_ROOT}/training-jobs/${encodeURIComponent(id)}/events?${query}`;
}

/**
 * The registered models, with their production and latest versions.
 * @param {string | null} [key]  Needed only when the server wants a key to read.
 * @returns {Promise<RegisteredModel[]>}
 * @throws {ApiProblem}
 */
export async function listModels(key = null) {
  return itemsOf(await requestJson("/models", { headers: authorization(key) }), "models");
}

/**
 * Every version of model `name`, and the history of its production alias.
 * @param {string} name
 * @param {string | null} [key]  Needed only when the server wants a key to read.
 * @param {Cancel} [options]
 * @returns {Promise<ModelVersions>}
 * @throws {ApiProblem} `/problems/model-not-found` (404).
 */
export function listModelVersions(name, key = null, { signal } = {}) {
  return requestJson(`/models/${encodeURIComponent(name)}/versions`, {
    headers: authorization(key),
    signal,
  });
}

/**
 * Make `version` the production version of `name` (an older one: a rollback).
 * The vision and sentiment services switch to it within seconds.
 * @param {string} name
 * @param {string} version
 * @param {string} reason  May be empty.
 * @param {string} key
 * @returns {Promise<PromotionRecord>}
 * @throws {ApiProblem}
 */
export function promoteModelVersion(name, version, reason, key) {
  const body = reason.trim() ? { version, reason: reason.trim() } : { version };
  return postJson(`/models/${encodeURIComponent(name)}/aliases/production`, body, key);
}
