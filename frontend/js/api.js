// @ts-check
/**
 * The only module that calls `fetch`. Successful answers come back as parsed JSON;
 * every failure is thrown as an `ApiProblem` (RFC 9457 problem details). The
 * endpoints of each part of the API live in `api-vision.js`, `api-sentiment.js` and
 * `api-training.js`, built on the request helpers exported here for them. Every
 * request says the page's language (`Accept-Language`), so the server's problem
 * titles and details, and the jobs' messages, come back in it.
 */

import { getLanguage } from "./i18n.js";

export const API_ROOT = "/api/v1";
const PROBLEM_MEDIA_TYPE = "application/problem+json";

/** `type` of the problem thrown when the server cannot be reached at all. */
export const NETWORK_PROBLEM_TYPE = "network-error";

/**
 * @typedef {object} ProblemBody
 * @property {string} [type]
 * @property {string} [code]  Stable: the last segment of `type`, or the status slug.
 * @property {string} [title]  In the page's language, as the server wrote it.
 * @property {number} [status]
 * @property {string} [detail]  In the page's language, as the server wrote it.
 * @property {Record<string, string | number>} [params]  The values `detail` names.
 * @property {string} [instance]
 * @property {string} [request_id]
 */

/** @typedef {{name: string, version: string}} ModelRef */

/**
 * Options of a request that a newer one can make stale (see `latest.js`).
 * @typedef {object} Cancel
 * @property {AbortSignal} [signal]  Aborts the fetch.
 */

/** An error answer of the API, or a failure to reach it (`status` 0). */
export class ApiProblem extends Error {
  /**
   * @param {ProblemBody & {status: number}} problem
   */
  constructor({
    type = "about:blank",
    code = "",
    title = "",
    status,
    detail = "",
    params = {},
    instance,
    request_id,
    checks,
  }) {
    super(detail || title || `HTTP ${status}`);
    this.name = "ApiProblem";
    /** @type {string} */
    this.type = type;
    /** @type {string} */
    this.code = code;
    /** @type {Record<string, string | number>} */
    this.params = params;
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
export async function requestJson(path, init = {}) {
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
export async function requestPng(path, init = {}) {
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
      headers: { Accept: accept, "Accept-Language": getLanguage(), ...init.headers },
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
export function imageForm(image, filename) {
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
 * Headers carrying `key` as a bearer token; none when there is no key.
 * @param {string | null | undefined} key
 * @returns {Record<string, string>}
 */
export function authorization(key) {
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
export function postJson(path, body, key) {
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
export function itemsOf(body, field) {
  if (Array.isArray(body)) {
    return body;
  }
  return Array.isArray(body?.[field]) ? body[field] : [];
}

/**
 * Fetch `path` and return the answer as a file (a CSV export, say).
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<{blob: Blob, filename: string}>}  `filename` from Content-Disposition.
 * @throws {ApiProblem}
 */
export async function requestFile(path, init = {}) {
  const response = await send(path, init, "*/*");
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "export";
  return { blob: await response.blob(), filename };
}

/**
 * @typedef {object} EventStreamHooks
 * @property {(event: string, data: string) => void} onMessage  Each SSE message.
 * @property {(state: "open" | "reconnecting") => void} [onState]
 * @property {(error: ApiProblem) => void} [onProblem]  A refusal (4xx): the stream stops.
 */

/**
 * Follow a Server-Sent Events stream with `fetch` (an EventSource cannot send the
 * key), reconnecting after a network failure or a server error until `signal`
 * aborts. A 4xx answer (no key, unknown challenge) is reported and ends it.
 * @param {string} path
 * @param {Record<string, string>} headers  The key's, usually.
 * @param {EventStreamHooks} hooks
 * @param {AbortSignal} signal
 * @returns {Promise<void>}  Resolves once the stream has stopped for good.
 */
export async function followEventStream(path, headers, hooks, signal) {
  let retryMs = 3000;
  while (!signal.aborted) {
    try {
      const response = await send(path, { headers, signal }, "text/event-stream");
      hooks.onState?.("open");
      const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body)
        .pipeThrough(new TextDecoderStream())
        .getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value.replaceAll("\r\n", "\n");
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const message = parseEventMessage(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (message.retry) {
            retryMs = message.retry;
          }
          if (message.data !== null) {
            hooks.onMessage(message.event, message.data);
          }
          end = buffer.indexOf("\n\n");
        }
      }
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) {
        hooks.onProblem?.(error);
        return;
      }
    }
    if (signal.aborted) {
      return;
    }
    hooks.onState?.("reconnecting");
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

/**
 * One SSE message's fields (comments ignored; `data` lines joined).
 * @param {string} text
 * @returns {{event: string, data: string | null, retry: number}}
 */
function parseEventMessage(text) {
  let event = "message";
  /** @type {string[]} */
  const data = [];
  let retry = 0;
  for (const line of text.split("\n")) {
    if (!line || line.startsWith(":")) {
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") {
      event = value;
    } else if (field === "data") {
      data.push(value);
    } else if (field === "retry" && /^\d+$/.test(value)) {
      retry = Number(value);
    }
  }
  return { event, data: data.length ? data.join("\n") : null, retry };
}
