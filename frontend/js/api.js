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

/** An error answer of the API, or a failure to reach it (`status` 0). */
export class ApiProblem extends Error {
  /**
   * @param {ProblemBody & {status: number}} problem
   */
  constructor({ type = "about:blank", title = "", status, detail = "", instance, request_id }) {
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
  /** @type {Response} */
  let response;
  try {
    response = await fetch(`${API_ROOT}${path}`, {
      ...init,
      headers: { Accept: "application/json", ...init.headers },
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
  return response.json();
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
  const form = new FormData();
  form.append("file", image, image instanceof File ? image.name : filename);
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
 * answer (503 problem) is reported as `{status: "degraded"}` rather than thrown.
 * @returns {Promise<{status: string, checks?: Record<string, unknown>}>}
 * @throws {ApiProblem} Only when the server cannot be reached.
 */
export async function getHealth() {
  try {
    return await requestJson("/health");
  } catch (error) {
    if (error instanceof ApiProblem && !error.isNetworkError) {
      return { status: "degraded" };
    }
    throw error;
  }
}
