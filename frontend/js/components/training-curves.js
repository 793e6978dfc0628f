// @ts-check
/**
 * Live learning curves of a training job: loss and accuracy, training vs
 * validation at the end of each epoch, plus the training loss and accuracy every
 * few batches, as two inline SVG charts. Each chart is summarised in its
 * aria-label; the per-epoch values are also given in a table.
 */

import { formatDecimal, formatPercent, getLanguage, translate } from "../i18n.js";
import { renderEpochRows, renderEpochTable } from "./epoch-table.js";
import { svgElement, svgText } from "./svg.js";

const WIDTH = 520;
const HEIGHT = 250;
const MARGIN = { top: 14, right: 16, bottom: 40, left: 52 };
const MAX_X_TICKS = 10;
const Y_TICK_COUNT = 5;

/**
 * @typedef {object} EpochPoint
 * @property {number} epoch  1 for the first epoch.
 * @property {number | undefined} loss
 * @property {number | undefined} accuracy
 * @property {number | undefined} val_loss
 * @property {number | undefined} val_accuracy
 * @property {number | undefined} seconds
 */

/**
 * @typedef {object} BatchPoint
 * @property {number} x  Position in epochs (1.5 = half-way through the second epoch).
 * @property {number | undefined} loss
 * @property {number | undefined} accuracy
 */

/**
 * @typedef {object} CurveData
 * @property {number} totalEpochs  The epochs asked for: the width of the x axis.
 * @property {EpochPoint[]} epochs  Sorted by epoch.
 * @property {BatchPoint[]} batches  Sorted by x.
 */

/**
 * @typedef {object} Series
 * @property {string} className
 * @property {{x: number, y: number}[]} points
 * @property {boolean} dots
 */

/**
 * Show the loss and accuracy charts of `data` in `container`. Called on every event
 * of a live job: only the charts and the table rows are replaced, so an opened
 * table stays open and keeps the focus.
 * @param {HTMLElement} container
 * @param {CurveData} data
 */
export function renderTrainingCurves(container, data) {
  if (data.epochs.length === 0 && data.batches.length === 0) {
    const message = document.createElement("p");
    message.className = "results-message";
    message.textContent = translate("jobs.curves.empty");
    container.replaceChildren(message);
    delete container.dataset.language;
    return;
  }
  if (container.dataset.language !== getLanguage()) {
    const wasOpen = container.querySelector("details")?.open ?? false;
    container.replaceChildren(
      renderFigure("loss"),
      renderFigure("accuracy"),
      renderLegend(),
      renderEpochTable(wasOpen),
    );
    container.dataset.language = getLanguage();
  }
  const lossMax = niceCeiling(
    Math.max(
      ...data.epochs.flatMap((point) => [point.loss ?? 0, point.val_loss ?? 0]),
      ...data.batches.map((point) => point.loss ?? 0),
      0.1,
    ),
  );
  const loss = renderSvg("loss", data, lossMax, (value) => formatDecimal(value, 2));
  const accuracy = renderSvg("accuracy", data, 1, formatTickPercent);
  container.querySelector(".curve-loss")?.replaceWith(loss);
  container.querySelector(".curve-accuracy")?.replaceWith(accuracy);
  container.querySelector("tbody")?.replaceChildren(...renderEpochRows(data.epochs));
}

/**
 * A chart's frame: its caption, and a placeholder the chart replaces.
 * @param {"loss" | "accuracy"} metric
 * @returns {HTMLElement}
 */
function renderFigure(metric) {
  const figure = document.createElement("figure");
  figure.className = "curve";
  const caption = document.createElement("figcaption");
  caption.textContent = translate(`jobs.curves.${metric}.heading`);
  figure.append(caption, svgElement("svg", { class: `curve-svg curve-${metric}` }));
  return figure;
}

/**
 * One chart (loss or accuracy): a line per series, a dot per epoch.
 * @param {"loss" | "accuracy"} metric
 * @param {CurveData} data
 * @param {number} yMax
 * @param {(value: number) => string} formatTick
 * @returns {SVGElement}
 */
function renderSvg(metric, data, yMax, formatTick) {
  const lastEpoch = data.epochs.at(-1)?.epoch ?? 0;
  const xMax = Math.max(1, data.totalEpochs, lastEpoch);
  const x = (/** @type {number} */ value) =>
    MARGIN.left + (value / xMax) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (/** @type {number} */ value) =>
    MARGIN.top + (1 - Math.min(value, yMax) / yMax) * (HEIGHT - MARGIN.top - MARGIN.bottom);

  const svg = svgElement("svg", {
    class: `curve-svg curve-${metric}`,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-label": summarise(metric, data.epochs),
    "data-epochs": String(data.epochs.length),
  });
  for (let index = 0; index <= Y_TICK_COUNT; index += 1) {
    const value = (yMax * index) / Y_TICK_COUNT;
    svg.append(renderTick(formatTick(value), MARGIN.left, WIDTH - MARGIN.right, y(value)));
  }
  const step = Math.ceil(xMax / MAX_X_TICKS);
  const bottom = HEIGHT - MARGIN.bottom;
  for (let epoch = 0; epoch <= xMax; epoch += step) {
    const attributes = {
      class: "curve-x-tick",
      x: x(epoch).toFixed(1),
      y: String(bottom + 16),
      "text-anchor": "middle",
    };
    svg.append(svgText(String(epoch), attributes));
  }
  const middle = String((MARGIN.left + WIDTH - MARGIN.right) / 2);
  const title = {
    class: "curve-axis-title",
    x: middle,
    y: String(HEIGHT - 6),
    "text-anchor": "middle",
  };
  svg.append(svgText(translate("jobs.curves.axis.x"), title));

  const validationKey = metric === "loss" ? "val_loss" : "val_accuracy";
  /** @type {Series[]} */
  const series = [
    {
      className: "curve-batch",
      points: valuesOf(
        data.batches,
        (point) => point.x,
        (point) => point[metric],
      ),
      dots: false,
    },
    {
      className: "curve-train",
      points: valuesOf(
        data.epochs,
        (point) => point.epoch,
        (point) => point[metric],
      ),
      dots: true,
    },
    {
      className: "curve-validation",
      points: valuesOf(
        data.epochs,
        (point) => point.epoch,
        (point) => point[validationKey],
      ),
      dots: true,
    },
  ];
  for (const { className, points, dots } of series) {
    if (points.length > 1) {
      const coordinates = points.map(
        (point) => `${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`,
      );
      svg.append(
        svgElement("polyline", { class: `curve-line ${className}`, points: coordinates.join(" ") }),
      );
    }
    if (dots) {
      for (const point of points) {
        const position = { cx: x(point.x).toFixed(1), cy: y(point.y).toFixed(1), r: "3.5" };
        svg.append(svgElement("circle", { class: `curve-dot ${className}`, ...position }));
      }
    }
  }
  return svg;
}

/**
 * The (x, y) pairs of `items` whose value is a finite number.
 * @template T
 * @param {T[]} items
 * @param {(item: T) => number} xOf
 * @param {(item: T) => number | undefined} yOf
 * @returns {{x: number, y: number}[]}
 */
function valuesOf(items, xOf, yOf) {
  return items
    .map((item) => ({ x: xOf(item), y: yOf(item) }))
    .filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y))
    .map((point) => ({ x: point.x, y: Math.max(0, /** @type {number} */ (point.y)) }));
}

/**
 * "Loss curve: 2 epochs done. Last epoch: training 0.31, validation 0.28."
 * @param {"loss" | "accuracy"} metric
 * @param {EpochPoint[]} epochs
 * @returns {string}
 */
function summarise(metric, epochs) {
  const count = epochs.length;
  const plural = new Intl.PluralRules(getLanguage()).select(count) === "one" ? "one" : "other";
  const parts = [translate(`jobs.curves.${metric}.label.${plural}`, { count })];
  const last = epochs.at(-1);
  const format =
    metric === "loss" ? (/** @type {number} */ value) => formatDecimal(value, 3) : formatPercent;
  const train = last?.[metric];
  const validation = last?.[metric === "loss" ? "val_loss" : "val_accuracy"];
  if (train !== undefined && validation !== undefined) {
    parts.push(
      translate("jobs.curves.last", { train: format(train), validation: format(validation) }),
    );
  } else if (train !== undefined) {
    parts.push(translate("jobs.curves.last.train", { train: format(train) }));
  }
  return parts.join(" ");
}

/** @returns {HTMLUListElement} What each line style means (not by colour alone). */
function renderLegend() {
  const list = document.createElement("ul");
  list.className = "curve-legend";
  for (const name of ["train", "validation", "batch"]) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `curve-swatch curve-swatch-${name}`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, translate(`jobs.curves.legend.${name}`));
    list.append(item);
  }
  return list;
}

/**
 * The smallest of 1, 2, 2.5, 5 × 10^n at or above `value`: a round axis top.
 * @param {number} value
 * @returns {number}
 */
function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * power >= value) ?? 10;
  return step * power;
}

/**
 * @param {number} value  0..1
 * @returns {string} "50 %" / "50%".
 */
function formatTickPercent(value) {
  return new Intl.NumberFormat(getLanguage(), {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(value);
}

/**
 * A horizontal grid line with its value on the left.
 * @param {string} label
 * @param {number} left
 * @param {number} right
 * @param {number} top
 * @returns {SVGElement}
 */
function renderTick(label, left, right, top) {
  const group = svgElement("g", { class: "curve-tick" });
  group.append(
    svgElement("line", {
      x1: String(left),
      x2: String(right),
      y1: top.toFixed(1),
      y2: top.toFixed(1),
    }),
    svgText(label, { x: String(left - 6), y: (top + 4).toFixed(1), "text-anchor": "end" }),
  );
  return group;
}
