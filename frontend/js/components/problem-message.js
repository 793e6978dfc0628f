// @ts-check
/**
 * One way to show every failure: an API problem (title + detail), an unreachable
 * server, or an unexpected script error.
 */

import { ApiProblem } from "../api.js";
import { translate } from "../i18n.js";

/**
 * Replace the content of `container` (an `role="alert"` region) with a readable
 * account of `error`, and reveal it.
 * @param {HTMLElement} container
 * @param {unknown} error  Usually an `ApiProblem`.
 */
export function showProblem(container, error) {
  const { title, detail, meta } = describeProblem(error);
  const heading = document.createElement("p");
  heading.className = "problem-title";
  heading.textContent = title;
  const parts = [heading];
  if (detail) {
    const text = document.createElement("p");
    text.className = "problem-detail";
    text.textContent = detail;
    parts.push(text);
  }
  if (meta) {
    const small = document.createElement("p");
    small.className = "problem-meta";
    small.textContent = meta;
    parts.push(small);
  }
  container.replaceChildren(...parts);
  container.hidden = false;
}

/**
 * Empty and hide a region filled by `showProblem()`.
 * @param {HTMLElement} container
 */
export function clearProblem(container) {
  container.replaceChildren();
  container.hidden = true;
}

/**
 * @param {unknown} error
 * @returns {{title: string, detail: string, meta: string}}
 */
function describeProblem(error) {
  if (error instanceof ApiProblem && error.isNetworkError) {
    return {
      title: translate("problem.network.title"),
      detail: translate("problem.network.detail"),
      meta: "",
    };
  }
  if (error instanceof ApiProblem) {
    // The server wrote title and detail in the page's language (Accept-Language).
    const title = error.title || translate("problem.heading");
    const meta = [
      translate("problem.status", { status: error.status }),
      error.requestId ? translate("problem.request", { id: error.requestId }) : "",
    ];
    return { title, detail: error.detail, meta: meta.filter(Boolean).join(" · ") };
  }
  return {
    title: translate("problem.unexpected.title"),
    detail: error instanceof Error ? error.message : String(error),
    meta: "",
  };
}
