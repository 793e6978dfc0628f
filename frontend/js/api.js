// @ts-check
/**
 * The only module that talks to the server. Successful answers come back as parsed
 * JSON; every failure is thrown as an `ApiProblem` (RFC 9457 problem details).
 */

const API_ROOT = "/api/v1";
const PROBLEM_MEDIA_TYPE = "application/problem+json";

/** `type` of the problem thrown when the server cannot be reached at all. */
export const NETWORK_PROBLEM_TYPE = "network-error";

/**
 * @typedef {object} ProblemBody
 * @property {string} [type]
 * @property {string} [title]
 * @property {number} [status]
 * @property {string} [detail]
 * @property {string} [instance]
 * @property {string} [request_id]
 */

/**
 * @typedef {object} Prediction
 * @property {string} label
 * @property {number} class_index
 * @property {number} probability
 */

/**
 * @typedef {object} PredictionResponse
 * @property {{name: string, version: string}} model
 * @property {Prediction[]} predictions  Most probable first.
 * @property {{decode_ms: number, preprocess_ms: number, inference_ms: number, total_ms: number}} timings
 * @property {string | null} [input_image_png_b64]  The 28×28 input as base64 PNG.
 */

/**
 * @typedef {object} ModelSummary
 * @property {{name: string, version: string, class_names: string[],
 *   metrics?: Record<string, number>}} metadata
 * @property {string[]} aliases
 * @property {boolean} is_serving
 */

/**
 * @typedef {object} LayerSummary
 * @property {string} name
 * @property {string} type  Keras class name: "Conv2D", "Dense", "Activation"…
 * @property {(number | null)[]} output_shape  Without the batch axis: [h, w, c] when spatial.
 * @property {number} parameters
 * @property {number | null} receptive_field  In input pixels; null when not spatial.
 * @property {string | null} [conv_layer]  The Conv2D whose filters made these channels.
 */

/**
 * @typedef {object} FeatureMapStats
 * @property {string} layer
 * @property {number[]} shape  [h, w, c]
 * @property {number[]} mean_activation  One value per channel.
 * @property {number[]} zero_fraction  One value per channel, 0..1.
 */

/**
 * @typedef {object} GradCamSummary
 * @property {number} class_index
 * @property {string} label
 * @property {string} layer
 */

/**
 * @typedef {object} FeatureMapGrid
 * @property {Blob} png  All channels as tiles, row-major, 1 px apart.
 * @property {number | null} columns  From `X-Grid-Columns`.
 * @property {number | null} tileSize  From `X-Tile-Size`, in pixels.
 */

/** @typedef {{name: string, version: string}} ModelRef */

/** An error answer of the API, or a failure to reach it (`status` 0). */
export class ApiProblem extends Error {
  /**
   * @param {ProblemBody & {status: number}} problem
   */
  constructor({ type = "about:blank", title = "", status, detail = "", instance, request_id, checks }) {
    super(detail || title || `HTTP ${status}`);
    this.name = "ApiProblem";
    /** @type {string} */
    this.type = type;
    /** @type {string} */
    this.title = title;
    /** @type {number} */
    this.status = status;
    /** @type {string} */
    this.detail = detail;
    /** @type {string | undefined} */
    this.instance = instance;
    /** @type {string | undefined} */
    this.requestId = request_id;
    /** @type {Record<string, {ok: boolean}> | undefined} Health checks (503 health). */
    this.checks = checks;
  }

  /** @returns {boolean} Whether the server could not be reached at all. */
  get isNetworkError() {
    return this.type === NETWORK_PROBLEM_TYPE;
  }
}

/**
 * Fetch `path` under the API root and return its JSON body.
 * @param {string} path  e.g. "/vision/models".
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 * @throws {ApiProblem}
 */
async function requestJson(path, init = {}) {
  const response = await send(path, init, "application/json");
  return response.json();
}

/**
 * Fetch `path` under the API root asking for a PNG; return the image and the headers.
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<{png: Blob, headers: Headers}>}
 * @throws {ApiProblem} Also when the answer is not an image.
 */
async function requestPng(path, init = {}) {
  const response = await send(path, init, "image/png");
  const contentType = response.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("image/")) {
    throw new ApiProblem({
      status: response.status,
      title: "Unexpected answer",
      detail: `Expected a PNG image, got ${contentType || "no content type"}.`,
    });
  }
  return { png: await response.blob(), headers: response.headers };
}

/**
 * @param {string} path
 * @param {RequestInit} init
 * @param {string} accept
 * @returns {Promise<Response>} Only successful answers.
 * @throws {ApiProblem}
 */
async function send(path, init, accept) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(`${API_ROOT}${path}`, {
      ...init,
      headers: { Accept: accept, ...init.headers },
    });
  } catch (error) {
    throw new ApiProblem({
      type: NETWORK_PROBLEM_TYPE,
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (!response.ok) {
    throw await readProblem(response);
  }
  return response;
}

/**
 * A multipart body carrying `image` as field `file`, as the image endpoints expect.
 * @param {Blob} image
 * @param {string} filename  Used when `image` is not a File.
 * @returns {FormData}
 */
function imageForm(image, filename) {
  const form = new FormData();
  form.append("file", image, image instanceof File ? image.name : filename);
  return form;
}

/**
 * Turn an error response into an `ApiProblem`, whether or not it is problem+json.
 * @param {Response} response
 * @returns {Promise<ApiProblem>}
 */
async function readProblem(response) {
  const contentType = response.headers.get("Content-Type") ?? "";
  const isJson = contentType.includes(PROBLEM_MEDIA_TYPE) || contentType.includes("json");
  if (isJson) {
    try {
      /** @type {ProblemBody} */
      const body = await response.json();
      return new ApiProblem({ ...body, status: body.status ?? response.status });
    } catch {
      // Not valid JSON after all: fall through to the status line.
    }
  }
  return new ApiProblem({ status: response.status, title: response.statusText });
}

/**
 * Classify an image file (an upload, or the drawing as a PNG blob).
 * @param {Blob} image
 * @param {{topK?: number, filename?: string}} [options]
 * @returns {Promise<PredictionResponse>}
 * @throws {ApiProblem}
 */
export function predictImage(image, { topK = 3, filename = "image.png" } = {}) {
  const form = imageForm(image, filename);
  const query = new URLSearchParams({ top_k: String(topK), include_input: "true" });
  return requestJson(`/vision/predictions?${query}`, { method: "POST", body: form });
}

/**
 * The registered vision models, with the one currently serving flagged.
 * @returns {Promise<ModelSummary[]>}
 * @throws {ApiProblem}
 */
export async function listVisionModels() {
  const body = await requestJson("/vision/models");
  return body.models;
}

/**
 * The gateway's health report: `status` is "ok" when everything is up. An unhealthy
 * answer (503 problem) is reported as `{status: "degraded", checks}` rather than thrown.
 * @returns {Promise<{status: string, checks?: Record<string, any>}>}
 * @throws {ApiProblem} Only when the server cannot be reached.
 */
export async function getHealth() {
  try {
    return await requestJson("/health");
  } catch (error) {
    if (error instanceof ApiProblem && !error.isNetworkError) {
      return { status: "degraded", checks: error.checks };
    }
    throw error;
  }
}

/**
 * @param {ModelRef} model
 * @returns {string}
 */
function modelPath({ name, version }) {
  return `/vision/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
}

/**
 * @param {Headers} headers
 * @param {string} name
 * @returns {number | null}
 */
function positiveIntegerHeader(headers, name) {
  const value = Number.parseInt(headers.get(name) ?? "", 10);
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The layers of a model version, input to output.
 * @param {ModelRef} model
 * @returns {Promise<LayerSummary[]>}
 * @throws {ApiProblem}
 */
export async function listModelLayers(model) {
  const body = await requestJson(`${modelPath(model)}/layers`);
  return body.layers;
}

/**
 * The feature maps of `layer` for `image` as one PNG grid, or one channel enlarged.
 * @param {ModelRef} model
 * @param {string} layer
 * @param {Blob} image
 * @param {{channel?: number}} [options]
 * @returns {Promise<FeatureMapGrid>}
 * @throws {ApiProblem} `/problems/layer-not-spatial` for a Dense or Flatten layer.
 */
export async function getFeatureMapsPng(model, layer, image, { channel } = {}) {
  const query = channel === undefined ? "" : `?${new URLSearchParams({ channel: String(channel) })}`;
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/feature-maps${query}`;
  const { png, headers } = await requestPng(path, {
    method: "POST",
    body: imageForm(image, "image.png"),
  });
  return {
    png,
    columns: positiveIntegerHeader(headers, "X-Grid-Columns"),
    tileSize: positiveIntegerHeader(headers, "X-Tile-Size"),
  };
}

/**
 * Per-channel statistics of the feature maps of `layer` for `image`.
 * @param {ModelRef} model
 * @param {string} layer
 * @param {Blob} image
 * @returns {Promise<FeatureMapStats>}
 * @throws {ApiProblem}
 */
export function getFeatureMapStats(model, layer, image) {
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/feature-maps`;
  return requestJson(path, { method: "POST", body: imageForm(image, "image.png") });
}

/**
 * The kernel of filter `index` of the convolution `layer`, as a PNG.
 * @param {ModelRef} model
 * @param {string} layer  A Conv2D layer.
 * @param {number} index
 * @returns {Promise<Blob>}
 * @throws {ApiProblem}
 */
export async function getFilterPng(model, layer, index) {
  const query = new URLSearchParams({ index: String(index) });
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/filters?${query}`;
  return (await requestPng(path)).png;
}

/**
 * The input pattern that excites filter `index` of `layer` most (slow the first time).
 * @param {ModelRef} model
 * @param {string} layer  A Conv2D layer.
 * @param {number} index
 * @returns {Promise<Blob>}
 * @throws {ApiProblem}
 */
export async function getFilterPatternPng(model, layer, index) {
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/filters/${index}/pattern`;
  return (await requestPng(path)).png;
}

/**
 * @param {number | null} classIndex
 * @returns {string}
 */
function gradCamQuery(classIndex) {
  return classIndex === null ? "" : `?${new URLSearchParams({ class: String(classIndex) })}`;
}

/**
 * The Grad-CAM heatmap of `image` laid over it, as a PNG.
 * @param {ModelRef} model
 * @param {Blob} image
 * @param {number | null} classIndex  null: the predicted class.
 * @returns {Promise<Blob>}
 * @throws {ApiProblem}
 */
export async function getGradCamPng(model, image, classIndex) {
  const path = `${modelPath(model)}/grad-cam${gradCamQuery(classIndex)}`;
  return (await requestPng(path, { method: "POST", body: imageForm(image, "image.png") })).png;
}

/**
 * Which class a Grad-CAM explains, and on which layer (the heatmap is ignored).
 * @param {ModelRef} model
 * @param {Blob} image
 * @param {number | null} classIndex  null: the predicted class.
 * @returns {Promise<GradCamSummary>}
 * @throws {ApiProblem}
 */
export function getGradCamSummary(model, image, classIndex) {
  const path = `${modelPath(model)}/grad-cam${gradCamQuery(classIndex)}`;
  return requestJson(path, { method: "POST", body: imageForm(image, "image.png") });
}

/**
 * @typedef {object} DatasetSample
 * @property {number} index  Row in the test split.
 * @property {number} class_index
 * @property {string} label
 * @property {string} image_png_b64
 */

/**
 * Test images of the model's own dataset, the first of each class.
 * @param {ModelRef} model
 * @returns {Promise<DatasetSample[]>}
 * @throws {ApiProblem} `/problems/dataset-unavailable` when it is not on the server.
 */
export async function listDatasetSamples(model) {
  const body = await requestJson(`${modelPath(model)}/samples`);
  return body.samples;
}

/**
 * @typedef {object} ReportJob
 * @property {string} id
 * @property {"queued" | "running" | "succeeded" | "failed"} status
 * @property {string | null} stage
 * @property {number} progress  0..1
 * @property {string | null} error
 * @property {number | null} duration_seconds
 * @property {{self: string, html: string, pdf: string}} links  Absolute paths.
 */

/**
 * Start (or find) the analysis report job of a model version.
 * @param {ModelRef} model
 * @param {"fr" | "en"} language
 * @returns {Promise<ReportJob>}
 * @throws {ApiProblem}
 */
export function createReport(model, language) {
  return requestJson("/vision/reports", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: model.name, version: model.version, language }),
  });
}

/**
 * @param {string} id
 * @returns {Promise<ReportJob>}
 * @throws {ApiProblem}
 */
export function getReport(id) {
  return requestJson(`/vision/reports/${encodeURIComponent(id)}`);
}

// Sentiment (text) endpoints.

/** @typedef {"fr" | "en"} TextLanguage */

/**
 * @typedef {object} SentimentPrediction
 * @property {"positive" | "negative"} label
 * @property {number} probability  Probability of `label`, 0.5..1.
 * @property {number} positive_probability  0..1
 * @property {TextLanguage} language
 * @property {boolean} language_detected  False when the language hint was used.
 * @property {ModelRef} model
 */

/**
 * @typedef {object} TokenContribution
 * @property {string} token  A word of the text as written.
 * @property {number} start  Offset of the word in the text, in characters (code points).
 * @property {number} end
 * @property {number} occlusion  Positive probability minus that without this word.
 * @property {number} gradient_x_input  0 for words outside the vocabulary.
 * @property {boolean} in_vocabulary
 */

/**
 * @typedef {object} SentimentExplanation
 * @property {SentimentPrediction} prediction
 * @property {TokenContribution[]} tokens
 * @property {number[]} trajectory  Positive probability after each word prefix.
 */

/**
 * @typedef {object} MistralVerdict
 * @property {"positive" | "negative"} label
 * @property {number} confidence  0..1
 * @property {string} rationale  One sentence, in the text's language.
 * @property {string} model
 * @property {number} latency_ms
 * @property {boolean} cached
 * @property {{prompt_tokens: number, completion_tokens: number} | null} [usage]
 */

/**
 * @typedef {object} SentimentComparison
 * @property {TextLanguage} language
 * @property {SentimentPrediction & {latency_ms: number}} lstm
 * @property {MistralVerdict} mistral
 * @property {boolean} agree
 */

/**
 * A JSON POST to a sentiment endpoint; `language` is left out when not given.
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @param {TextLanguage | null | undefined} language
 * @returns {Promise<any>}
 * @throws {ApiProblem}
 */
function postText(path, body, language) {
  return requestJson(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(language ? { ...body, language } : body),
  });
}

/**
 * The LSTM's sentiment of one text or of several (answered in the same order).
 * @param {string | string[]} texts  At most 256 texts of at most 5,000 characters.
 * @param {TextLanguage | null} [language]  null or omitted: detected from each text.
 * @returns {Promise<SentimentPrediction[]>}
 * @throws {ApiProblem} `/problems/validation` for an empty or too long text.
 */
export async function predictSentiment(texts, language = null) {
  const body = typeof texts === "string" ? { text: texts } : { texts };
  const response = await postText("/sentiment/predictions", body, language);
  return response.predictions;
}

/**
 * The LSTM's sentiment of `text`, with the contribution of each word and the
 * positive probability after each word prefix.
 * @param {string} text
 * @param {TextLanguage | null} [language]  null or omitted: detected from the text.
 * @returns {Promise<SentimentExplanation>}
 * @throws {ApiProblem}
 */
export function explainSentiment(text, language = null) {
  return postText("/sentiment/explanations", { text }, language);
}

/**
 * The verdicts of the LSTM and of Mistral on `text`, side by side.
 * @param {string} text
 * @param {TextLanguage | null} [language]  null or omitted: detected from the text.
 * @returns {Promise<SentimentComparison>}
 * @throws {ApiProblem} `/problems/feature-unavailable` (503) when Mistral is not
 *   configured on the server.
 */
export function compareWithMistral(text, language = null) {
  return postText("/sentiment/comparisons", { text }, language);
}

// Training jobs, datasets and the model registry. Changes need an API key, sent as
// `Authorization: Bearer <key>`; reading works without one unless the server says so.

/** @typedef {"image-classification" | "text-classification"} TrainingTask */
/** @typedef {"queued" | "running" | "succeeded" | "failed" | "cancelled"} JobStatus */

/**
 * @typedef {object} DatasetInfo
 * @property {string} id  e.g. "mnist-5k", "sst2".
 * @property {string} task  "image-classification" or "text-classification".
 * @property {string} title  A sentence describing it.
 * @property {string | null} [title_fr]  The same in French.
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
 * @property {string} [model_name]  Omitted: the server names it "<dataset>-<architecture>".
 * @property {number} [epochs]
 * @property {number} [batch_size]
 * @property {number} [learning_rate]
 * @property {"adam" | "adamw" | "sgd" | "rmsprop"} [optimizer]
 * @property {number} [dropout]
 * @property {boolean} [augment]  Images only.
 * @property {number | null} [early_stopping_patience]  null: no early stopping.
 * @property {number} [validation_share]
 * @property {boolean} [promote]  Make the result the production version.
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
 * @property {EpochRecord[]} history
 * @property {Record<string, number>} test_metrics  accuracy, loss.
 * @property {string | null} error  Why it failed or was cancelled, in English.
 * @property {string | null} [error_code]  The reason's code (`jobs.errors.<code>`).
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
 * Headers carrying `key` as a bearer token; none when there is no key.
 * @param {string | null | undefined} key
 * @returns {Record<string, string>}
 */
function authorization(key) {
  const secret = (key ?? "").trim();
  return secret ? { Authorization: `Bearer ${secret}` } : {};
}

/**
 * A JSON POST, with the key when one is given.
 * @param {string} path
 * @param {unknown} body
 * @param {string | null | undefined} key
 * @returns {Promise<any>}
 * @throws {ApiProblem}
 */
function postJson(path, body, key) {
  return requestJson(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...authorization(key) },
    body: JSON.stringify(body),
  });
}

/**
 * The items of a list answer, whether it is a bare array or `{<field>: [...]}`.
 * @param {any} body
 * @param {string} field
 * @returns {any[]}
 */
function itemsOf(body, field) {
  if (Array.isArray(body)) {
    return body;
  }
  return Array.isArray(body?.[field]) ? body[field] : [];
}

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
  return `${API_ROOT}/training-jobs/${encodeURIComponent(id)}/events`;
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
 * @returns {Promise<ModelVersions>}
 * @throws {ApiProblem} `/problems/model-not-found` (404).
 */
export function listModelVersions(name, key = null) {
  return requestJson(`/models/${encodeURIComponent(name)}/versions`, {
    headers: authorization(key),
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
