// @ts-check
/**
 * Render a prediction: the network's answer, the top classes with probability bars,
 * the 28×28 image the network received, the model and timings.
 */

import { formatMilliseconds, formatPercent, translate } from "../i18n.js";

/**
 * A doubt the server has about the input (e.g. a photo's shadow read as ink).
 * @typedef {object} InputWarning
 * @property {string} code     Stable: "mostly-ink", "faint-ink".
 * @property {string} message  English, shown when the page has no translation.
 */

const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Show `response` in `container`, replacing what was there.
 * @param {HTMLElement} container
 * @param {import("../api-vision.js").PredictionResponse} response
 */
export function renderPredictions(container, response) {
  const [best] = response.predictions;
  const parts = [];
  if (best) {
    parts.push(renderVerdict(best.label));
  }
  const warnings = /** @type {{input_warnings?: InputWarning[]}} */ (response)
    .input_warnings;
  if (warnings?.length) {
    parts.push(renderInputWarnings(warnings));
  }
  parts.push(renderProbabilityTable(response.predictions));
  const image = response.input_image_png_b64;
  if (image && BASE64_PATTERN.test(image)) {
    parts.push(renderInputImage(image));
  }
  parts.push(renderMeta(response));
  container.replaceChildren(...parts);
}

/**
 * Show a single line of text (the empty or busy state) in `container`.
 * @param {HTMLElement} container
 * @param {string} message
 */
export function renderResultsMessage(container, message) {
  const paragraph = document.createElement("p");
  paragraph.className = "results-message";
  paragraph.textContent = message;
  container.replaceChildren(paragraph);
}

/**
 * @param {string} label
 * @returns {HTMLElement}
 */
function renderVerdict(label) {
  const verdict = document.createElement("p");
  verdict.className = "verdict";
  const caption = document.createElement("span");
  caption.className = "verdict-caption";
  caption.textContent = translate("results.verdict");
  const digit = document.createElement("span");
  digit.className = "verdict-label";
  digit.textContent = label;
  verdict.append(caption, " ", digit);
  return verdict;
}

/**
 * The server's doubts about the input (told in the page's language), right under
 * the verdict.
 * @param {InputWarning[]} warnings
 * @returns {HTMLElement}
 */
function renderInputWarnings(warnings) {
  const box = document.createElement("div");
  box.className = "input-warnings";
  box.setAttribute("role", "note");
  const heading = document.createElement("p");
  heading.className = "input-warnings-heading";
  heading.textContent = translate("results.warnings.heading");
  const list = document.createElement("ul");
  for (const warning of warnings) {
    const item = document.createElement("li");
    item.dataset.code = warning.code;
    item.textContent = warning.message;
    list.append(item);
  }
  box.append(heading, list);
  return box;
}

/**
 * @param {import("../api-vision.js").Prediction[]} predictions
 * @returns {HTMLTableElement}
 */
function renderProbabilityTable(predictions) {
  const table = document.createElement("table");
  table.className = "predictions";
  const caption = table.createCaption();
  caption.textContent = translate("results.table.caption", { count: predictions.length });
  const headerRow = table.createTHead().insertRow();
  for (const key of ["results.table.class", "results.table.probability"]) {
    const header = document.createElement("th");
    header.scope = "col";
    header.textContent = translate(key);
    headerRow.append(header);
  }
  const body = table.createTBody();
  for (const prediction of predictions) {
    body.append(renderPredictionRow(prediction));
  }
  return table;
}

/**
 * @param {import("../api-vision.js").Prediction} prediction
 * @returns {HTMLTableRowElement}
 */
function renderPredictionRow(prediction) {
  const row = document.createElement("tr");
  const label = document.createElement("th");
  label.scope = "row";
  label.textContent = prediction.label;
  const cell = document.createElement("td");
  const probability = document.createElement("span");
  probability.className = "probability";
  const bar = document.createElement("span");
  bar.className = "bar";
  bar.setAttribute("aria-hidden", "true"); // The percentage next to it says it all.
  const fill = document.createElement("span");
  fill.className = "bar-fill";
  fill.style.width = `${Math.min(Math.max(prediction.probability, 0), 1) * 100}%`;
  bar.append(fill);
  const value = document.createElement("span");
  value.className = "bar-value";
  value.textContent = formatPercent(prediction.probability);
  probability.append(bar, value);
  cell.append(probability);
  row.append(label, cell);
  return row;
}

/**
 * @param {string} pngBase64
 * @returns {HTMLElement}
 */
function renderInputImage(pngBase64) {
  const figure = document.createElement("figure");
  figure.className = "input-preview";
  const image = document.createElement("img");
  image.src = `data:image/png;base64,${pngBase64}`;
  image.alt = translate("results.input.alt");
  image.width = 28;
  image.height = 28;
  const caption = document.createElement("figcaption");
  caption.textContent = translate("results.input.caption");
  figure.append(image, caption);
  return figure;
}

/**
 * @param {import("../api-vision.js").PredictionResponse} response
 * @returns {HTMLElement}
 */
function renderMeta(response) {
  const meta = document.createElement("p");
  meta.className = "result-meta";
  const model = translate("results.model", response.model);
  const timing = translate("results.timing", {
    inference: formatMilliseconds(response.timings.inference_ms),
    total: formatMilliseconds(response.timings.total_ms),
  });
  meta.textContent = `${model} · ${timing}`;
  return meta;
}
