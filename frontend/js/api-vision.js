// @ts-check
/** Vision endpoints: classification, the explorer (layers, maps, filters, Grad-CAM),
 * test samples and analysis reports. */

import { requestJson, requestPng, imageForm } from "./api.js";

/** @typedef {import("./api.js").ApiProblem} ApiProblem */
/** @typedef {import("./api.js").ModelRef} ModelRef */
/** @typedef {import("./api.js").Cancel} Cancel */

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

/**
 * Classify an image file (an upload, or the drawing as a PNG blob).
 * @param {Blob} image
 * @param {{topK?: number, filename?: string, signal?: AbortSignal}} [options]
 * @returns {Promise<PredictionResponse>}
 * @throws {ApiProblem}
 */
export function predictImage(image, { topK = 3, filename = "image.png", signal } = {}) {
  const form = imageForm(image, filename);
  const query = new URLSearchParams({ top_k: String(topK), include_input: "true" });
  return requestJson(`/vision/predictions?${query}`, { method: "POST", body: form, signal });
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
 * @param {Cancel} [options]
 * @returns {Promise<LayerSummary[]>}
 * @throws {ApiProblem}
 */
export async function listModelLayers(model, { signal } = {}) {
  const body = await requestJson(`${modelPath(model)}/layers`, { signal });
  return body.layers;
}

/**
 * The feature maps of `layer` for `image` as one PNG grid, or one channel enlarged.
 * @param {ModelRef} model
 * @param {string} layer
 * @param {Blob} image
 * @param {{channel?: number, signal?: AbortSignal}} [options]
 * @returns {Promise<FeatureMapGrid>}
 * @throws {ApiProblem} `/problems/layer-not-spatial` for a Dense or Flatten layer.
 */
export async function getFeatureMapsPng(model, layer, image, { channel, signal } = {}) {
  const query = channel === undefined ? "" : `?${new URLSearchParams({ channel: String(channel) })}`;
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/feature-maps${query}`;
  const { png, headers } = await requestPng(path, {
    method: "POST",
    body: imageForm(image, "image.png"),
    signal,
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
 * @param {Cancel} [options]
 * @returns {Promise<FeatureMapStats>}
 * @throws {ApiProblem}
 */
export function getFeatureMapStats(model, layer, image, { signal } = {}) {
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/feature-maps`;
  return requestJson(path, { method: "POST", body: imageForm(image, "image.png"), signal });
}

/**
 * The kernel of filter `index` of the convolution `layer`, as a PNG.
 * @param {ModelRef} model
 * @param {string} layer  A Conv2D layer.
 * @param {number} index
 * @param {Cancel} [options]
 * @returns {Promise<Blob>}
 * @throws {ApiProblem}
 */
export async function getFilterPng(model, layer, index, { signal } = {}) {
  const query = new URLSearchParams({ index: String(index) });
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/filters?${query}`;
  return (await requestPng(path, { signal })).png;
}

/**
 * The input pattern that excites filter `index` of `layer` most (slow the first time).
 * @param {ModelRef} model
 * @param {string} layer  A Conv2D layer.
 * @param {number} index
 * @param {Cancel} [options]
 * @returns {Promise<Blob>}
 * @throws {ApiProblem}
 */
export async function getFilterPatternPng(model, layer, index, { signal } = {}) {
  const path = `${modelPath(model)}/layers/${encodeURIComponent(layer)}/filters/${index}/pattern`;
  return (await requestPng(path, { signal })).png;
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
 * @param {Cancel} [options]
 * @returns {Promise<Blob>}
 * @throws {ApiProblem}
 */
export async function getGradCamPng(model, image, classIndex, { signal } = {}) {
  const path = `${modelPath(model)}/grad-cam${gradCamQuery(classIndex)}`;
  const init = { method: "POST", body: imageForm(image, "image.png"), signal };
  return (await requestPng(path, init)).png;
}

/**
 * Which class a Grad-CAM explains, and on which layer (the heatmap is ignored).
 * @param {ModelRef} model
 * @param {Blob} image
 * @param {number | null} classIndex  null: the predicted class.
 * @param {Cancel} [options]
 * @returns {Promise<GradCamSummary>}
 * @throws {ApiProblem}
 */
export function getGradCamSummary(model, image, classIndex, { signal } = {}) {
  const path = `${modelPath(model)}/grad-cam${gradCamQuery(classIndex)}`;
  return requestJson(path, { method: "POST", body: imageForm(image, "image.png"), signal });
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
 * @param {Cancel} [options]
 * @returns {Promise<DatasetSample[]>}
 * @throws {ApiProblem} `/problems/dataset-unavailable` (409) when the server does not
 *   know the dataset, `/problems/dataset-missing` (503) when its course files are absent.
 */
export async function listDatasetSamples(model, { signal } = {}) {
  const body = await requestJson(`${modelPath(model)}/samples`, { signal });
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
 * @param {Cancel} [options]
 * @returns {Promise<ReportJob>}
 * @throws {ApiProblem}
 */
export function getReport(id, { signal } = {}) {
  return requestJson(`/vision/reports/${encodeURIComponent(id)}`, { signal });
}
