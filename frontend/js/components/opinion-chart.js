// @ts-check
/**
 * The running opinion: the positive probability after each word prefix, as an inline
 * SVG line chart (x = words, y = 0..1 with the 0.5 boundary), summarised in an
 * aria-label and given in full in a visually hidden table.
 */

import { formatPercent, getLanguage, translate } from "../i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const MARGIN = { top: 12, right: 16, bottom: 78, left: 60 };
const PLOT_HEIGHT = 200;
// Room for one rotated word label; longer texts label only every n-th word.
const LABEL_STEP_PX = 22;
const MAX_STEP_PX = 32;
const MIN_PLOT_WIDTH_PX = 320;
const MAX_PLOT_WIDTH_PX = 1400;
const MAX_LABEL_CHARACTERS = 10;
const MIN_POINT_STEP_PX = 8;
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Show the chart of `trajectory` (one value per word of `words`) in `container`.
 * @param {HTMLElement} container
 * @param {string[]} words
 * @param {number[]} trajectory  Positive probability after each word prefix, 0..1.
 */
export function renderOpinionChart(container, words, trajectory) {
  const count = Math.min(words.length, trajectory.length);
  if (count === 0) {
    const message = document.createElement("p");
    message.className = "results-message";
    message.textContent = translate("sentiment.chart.empty");
    container.replaceChildren(message);
    return;
  }
  const values = trajectory.slice(0, count).map((value) => clamp(value));
  container.replaceChildren(
    renderSvg(words.slice(0, count), values),
    renderTable(words.slice(0, count), values),
  );
}

/**
 * @param {string[]} words
 * @param {number[]} values
 * @returns {SVGElement}
 */
function renderSvg(words, values) {
  const step = Math.min(MAX_STEP_PX, Math.max(4, MAX_PLOT_WIDTH_PX / words.length));
  const plotWidth = Math.max(MIN_PLOT_WIDTH_PX, step * words.length);
  const width = MARGIN.left + plotWidth + MARGIN.right;
  const height = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom;
  /** @param {number} index */
  const x = (index) =>
    MARGIN.left + (words.length === 1 ? plotWidth / 2 : ((index + 0.5) * plotWidth) / words.length);
  /** @param {number} value */
  const y = (value) => MARGIN.top + (1 - value) * PLOT_HEIGHT;

  const svg = svgElement("svg", {
    class: "opinion-svg",
    viewBox: `0 0 ${width} ${height}`,
    width: String(width),
    height: String(height),
    role: "img",
    "aria-label": summarise(words, values),
  });
  for (const tick of Y_TICKS) {
    svg.append(renderYTick(tick, y(tick), MARGIN.left, MARGIN.left + plotWidth));
  }
  svg.append(
    svgText(translate("sentiment.chart.axis.y"), {
      class: "chart-axis-title",
      transform: `translate(12 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)`,
      "text-anchor": "middle",
    }),
  );
  const points = values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`);
  svg.append(svgElement("polyline", { class: "chart-line", points: points.join(" ") }));
  const labelEvery = Math.ceil(LABEL_STEP_PX / step);
  values.forEach((value, index) => {
    // Dots closer than a few pixels would only thicken the line.
    if (step >= MIN_POINT_STEP_PX) {
      svg.append(renderPoint(words[index], value, x(index), y(value)));
    }
    if (index % labelEvery === 0) {
      svg.append(renderWordLabel(words[index], x(index), MARGIN.top + PLOT_HEIGHT + 8));
    }
  });
  return svg;
}

/**
 * One word's value as a dot, green above 0.5 and red below, with a hover title.
 * @param {string} word
 * @param {number} value
 * @param {number} left
 * @param {number} top
 * @returns {SVGElement}
 */
function renderPoint(word, value, left, top) {
  const point = svgElement("circle", {
    class: value >= 0.5 ? "chart-point is-positive" : "chart-point is-negative",
    cx: left.toFixed(1),
    cy: top.toFixed(1),
    r: "3.5",
  });
  const title = svgElement("title", {});
  title.textContent = translate("sentiment.chart.point", { word, value: formatPercent(value) });
  point.append(title);
  return point;
}

/**
 * A horizontal grid line with its value; the 0.5 line is the decision boundary.
 * @param {number} tick
 * @param {number} top
 * @param {number} left
 * @param {number} right
 * @returns {SVGGElement}
 */
function renderYTick(tick, top, left, right) {
  const group = svgElement("g", { class: tick === 0.5 ? "chart-tick is-boundary" : "chart-tick" });
  group.append(
    svgElement("line", { x1: String(left), x2: String(right), y1: String(top), y2: String(top) }),
    svgText(formatTick(tick), {
      x: String(left - 6),
      y: String(top + 4),
      "text-anchor": "end",
    }),
  );
  if (tick === 0.5) {
    group.append(
      svgText(translate("sentiment.chart.boundary"), { x: String(right - 4), y: String(top - 5), "text-anchor": "end" }),
    );
  }
  return /** @type {SVGGElement} */ (group);
}

/**
 * A word under the x axis, rotated and shortened to fit.
 * @param {string} word
 * @param {number} left
 * @param {number} top
 * @returns {SVGElement}
 */
function renderWordLabel(word, left, top) {
  const short =
    word.length > MAX_LABEL_CHARACTERS ? `${word.slice(0, MAX_LABEL_CHARACTERS - 1)}…` : word;
  return svgText(short, {
    class: "chart-word",
    transform: `translate(${left.toFixed(1)} ${top}) rotate(-55)`,
    "text-anchor": "end",
  });
}

/**
 * @param {string[]} words
 * @param {number[]} values
 * @returns {string}
 */
function summarise(words, values) {
  return translate("sentiment.chart.label", {
    count: values.length,
    first: words[0],
    start: formatPercent(values[0]),
    end: formatPercent(values[values.length - 1]),
    min: formatPercent(Math.min(...values)),
    max: formatPercent(Math.max(...values)),
  });
}

/**
 * Every value, for screen readers and anyone who prefers numbers.
 * @param {string[]} words
 * @param {number[]} values
 * @returns {HTMLTableElement}
 */
function renderTable(words, values) {
  const table = document.createElement("table");
  table.className = "visually-hidden";
  table.createCaption().textContent = translate("sentiment.chart.table.caption");
  const headerRow = table.createTHead().insertRow();
  for (const key of ["sentiment.chart.table.index", "sentiment.chart.table.word", "sentiment.chart.table.value"]) {
    const header = document.createElement("th");
    header.scope = "col";
    header.textContent = translate(key);
    headerRow.append(header);
  }
  const body = table.createTBody();
  values.forEach((value, index) => {
    const row = body.insertRow();
    const header = document.createElement("th");
    header.scope = "row";
    header.textContent = String(index + 1);
    row.append(header);
    row.insertCell().textContent = words[index];
    row.insertCell().textContent = formatPercent(value);
  });
  return table;
}

/**
 * An axis value without decimals: "50 %" / "50%".
 * @param {number} tick
 * @returns {string}
 */
function formatTick(tick) {
  return new Intl.NumberFormat(getLanguage(), { style: "percent", maximumFractionDigits: 0 }).format(tick);
}

/**
 * @param {number} value
 * @returns {number} `value` within 0..1 (0.5 when not a number).
 */
function clamp(value) {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

/**
 * @param {string} text
 * @param {Record<string, string>} attributes
 * @returns {SVGElement}
 */
function svgText(text, attributes) {
  const element = svgElement("text", attributes);
  element.textContent = text;
  return element;
}

/**
 * @param {string} name
 * @param {Record<string, string>} attributes
 * @returns {SVGElement}
 */
function svgElement(name, attributes) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, name));
  for (const [attribute, value] of Object.entries(attributes)) {
    element.setAttribute(attribute, value);
  }
  return element;
}
