// @ts-check
/**
 * Building blocks of the explorer page: the strip of layers, a layer's explanation,
 * figures for the PNGs the API returns and the per-map statistics table. Every
 * function takes data and returns nodes; none of them fetches.
 */

import { formatPercent, getLanguage, hasTranslation, translate } from "../i18n.js";

/** @typedef {import("../api-vision.js").LayerSummary} LayerSummary */

/**
 * Whether a layer outputs feature maps (height × width × channels). The input layer
 * has that shape too, but it is the image itself: the API has no maps for it.
 * @param {LayerSummary} layer
 * @returns {boolean}
 */
export function isSpatial(layer) {
  return layer.output_shape.length === 3 && !isInput(layer);
}

/**
 * @param {LayerSummary} layer
 * @returns {boolean}
 */
export function isInput(layer) {
  return layer.type === "InputLayer";
}

/**
 * The output shape as "28×28×32" ("?" for an unknown size).
 * @param {LayerSummary} layer
 * @returns {string}
 */
export function formatShape(layer) {
  return layer.output_shape.map((size) => (size === null ? "?" : String(size))).join("×");
}

/**
 * The i18n key explaining what a layer of this kind does.
 * @param {LayerSummary} layer
 * @param {boolean} isLast  The last layer of the network (a final Activation is softmax).
 * @returns {string}
 */
export function explanationKey(layer, isLast) {
  if (layer.type === "Softmax") {
    return "layer.softmax";
  }
  if (layer.type === "ReLU") {
    return "layer.relu";
  }
  if (layer.type === "Activation") {
    return /softmax|prob/i.test(layer.name) || isLast ? "layer.softmax" : "layer.relu";
  }
  const key = `layer.${layer.type}`;
  return hasTranslation(key) ? key : "layer.other";
}

/**
 * A number in the page language, with up to `digits` decimals.
 * @param {number} value
 * @param {number} [digits]
 * @returns {string}
 */
export function formatNumber(value, digits = 3) {
  return new Intl.NumberFormat(getLanguage(), { maximumFractionDigits: digits }).format(value);
}

/**
 * The strip of layers, one pressed-state `<button>` per layer inside a list item.
 * @param {LayerSummary[]} layers
 * @param {string | null} selected  Name of the selected layer.
 * @param {(layer: LayerSummary) => void} onSelect
 * @returns {HTMLLIElement[]}
 */
export function renderLayerStrip(layers, selected, onSelect) {
  return layers.map((layer) => {
    const item = document.createElement("li");
    item.className = "layer-item";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "layer-button";
    button.dataset.kind = explanationKey(layer, layer === layers.at(-1)).replace("layer.", "");
    button.setAttribute("aria-pressed", String(layer.name === selected));
    const name = document.createElement("span");
    name.className = "layer-name";
    name.textContent = layer.name;
    const type = document.createElement("span");
    type.className = "layer-type";
    type.textContent = layer.type;
    const shape = document.createElement("span");
    shape.className = "layer-shape";
    shape.textContent = formatShape(layer);
    button.append(name, " ", type, " ", shape);
    button.addEventListener("click", () => onSelect(layer));
    item.append(button);
    return item;
  });
}

/**
 * The heading, explanation and facts of a layer.
 * @param {LayerSummary} layer
 * @param {boolean} isLast
 * @returns {HTMLElement[]}
 */
export function renderLayerIntro(layer, isLast) {
  const heading = document.createElement("h3");
  heading.className = "layer-heading";
  heading.textContent = `${layer.name} · ${layer.type}`;
  const explanation = document.createElement("p");
  explanation.className = "layer-explanation";
  explanation.textContent = translate(explanationKey(layer, isLast), { type: layer.type });
  const facts = document.createElement("p");
  facts.className = "layer-facts";
  const parts = [
    translate("explorer.layer.shape", { shape: formatShape(layer) }),
    translate("explorer.layer.params", { count: formatNumber(layer.parameters, 0) }),
  ];
  if (layer.receptive_field !== null) {
    parts.push(translate("explorer.layer.field", { size: layer.receptive_field }));
  }
  facts.textContent = parts.join(" · ");
  return [heading, explanation, facts];
}

/**
 * A figure showing a PNG from the API at `url`.
 * @param {string} url  An object URL.
 * @param {string} alt
 * @param {string} caption
 * @param {string} className
 * @returns {{figure: HTMLElement, image: HTMLImageElement}}
 */
export function renderPngFigure(url, alt, caption, className) {
  const figure = document.createElement("figure");
  figure.className = `png-figure ${className}`;
  const image = document.createElement("img");
  image.src = url;
  image.alt = alt;
  const text = document.createElement("figcaption");
  text.textContent = caption;
  figure.append(image, text);
  return { figure, image };
}

/**
 * A single muted line (an empty or busy state).
 * @param {string} message
 * @returns {HTMLParagraphElement}
 */
export function renderMessage(message) {
  const paragraph = document.createElement("p");
  paragraph.className = "results-message";
  paragraph.textContent = message;
  return paragraph;
}

/**
 * Mean activation and share of zeros of every map, in a collapsed table.
 * @param {import("../api-vision.js").FeatureMapStats} stats
 * @returns {HTMLDetailsElement}
 */
export function renderStatsTable(stats) {
  const details = document.createElement("details");
  details.className = "map-stats";
  const summary = document.createElement("summary");
  summary.textContent = translate("explorer.stats.caption");
  const table = document.createElement("table");
  table.className = "predictions";
  const headerRow = table.createTHead().insertRow();
  for (const text of [
    translate("explorer.channel.label"),
    translate("explorer.stats.mean"),
    translate("explorer.stats.zeros"),
  ]) {
    const header = document.createElement("th");
    header.scope = "col";
    header.textContent = text;
    headerRow.append(header);
  }
  const body = table.createTBody();
  stats.mean_activation.forEach((mean, channel) => {
    const row = body.insertRow();
    const label = document.createElement("th");
    label.scope = "row";
    label.textContent = String(channel);
    row.append(label);
    row.insertCell().textContent = formatNumber(mean);
    row.insertCell().textContent = formatPercent(stats.zero_fraction[channel] ?? 0);
  });
  details.append(summary, table);
  return details;
}
