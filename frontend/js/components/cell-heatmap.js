// @ts-check
/**
 * Inside the recurrent cell: a table with one column per word and, for each gate
 * and state the cell has, one row per unit shown, each cell coloured by its value.
 * Gates run from 0 (closed) to 1 (open) on one scale; states have a sign (blue
 * below 0, red above), each scaled to its own largest |value|. Every cell also
 * carries its value as text (read by screen readers, shown as a tooltip), so the
 * colour is never the only way to read it. Names and explanations come from the
 * server, in the language the page asked for.
 */

import { formatDecimal, translate } from "../i18n.js";

/** @typedef {import("../api-sentiment.js").CellStates} CellStates */
/** @typedef {import("../api-sentiment.js").CellSignal} CellSignal */
/** @typedef {import("../api-sentiment.js").CellUnit} CellUnit */

// Viridis (as the PNG of the API): dark when a gate is closed, yellow when open.
const GATE_STOPS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
// Blue below zero, near white at zero, red above (RdBu, as the PNG).
const STATE_STOPS = [
  [33, 102, 172],
  [247, 247, 247],
  [178, 24, 43],
];

/**
 * The colour at `share` (0..1) along `stops`, as a CSS rgb().
 * @param {number[][]} stops
 * @param {number} share
 * @returns {string}
 */
function colourAt(stops, share) {
  const position = Math.min(Math.max(share, 0), 1) * (stops.length - 1);
  const index = Math.min(Math.floor(position), stops.length - 2);
  const mix = position - index;
  const [r, g, b] = stops[index].map((low, channel) =>
    Math.round(low + (stops[index + 1][channel] - low) * mix),
  );
  return `rgb(${r} ${g} ${b})`;
}

/**
 * A unit's name: its direction and index ("avant 12" / "forward 12").
 * @param {CellUnit} unit
 * @returns {string}
 */
function unitName(unit) {
  return translate(`sentiment.cells.direction.${unit.direction}`, { index: unit.index });
}

/**
 * The gates, then the states (cell state for an LSTM, hidden state).
 * @param {CellStates} cells
 * @returns {{signal: CellSignal, isGate: boolean}[]}
 */
export function cellSignals(cells) {
  const states = [cells.cell_state, cells.hidden_state].filter((state) => state != null);
  return [
    ...cells.gates.map((signal) => ({ signal, isGate: true })),
    ...states.map((signal) => ({ signal: /** @type {CellSignal} */ (signal), isGate: false })),
  ];
}

/**
 * The header row: one column per word of the text.
 * @param {CellStates} cells
 * @returns {HTMLTableSectionElement}
 */
function renderHead(cells) {
  const head = document.createElement("thead");
  const row = document.createElement("tr");
  const corner = document.createElement("th");
  corner.scope = "col";
  corner.textContent = translate("sentiment.cells.unit");
  row.append(corner);
  for (const word of cells.words) {
    const cell = document.createElement("th");
    cell.scope = "col";
    cell.className = "cell-word";
    cell.textContent = word.text;
    row.append(cell);
  }
  head.append(row);
  return head;
}

/**
 * One band: a heading row with the signal's name, then one row per unit.
 * @param {CellStates} cells
 * @param {CellSignal} signal
 * @param {boolean} isGate
 * @returns {HTMLTableSectionElement}
 */
function renderBand(cells, signal, isGate) {
  const band = document.createElement("tbody");
  band.className = "cell-band";
  band.dataset.signal = signal.name;
  const heading = document.createElement("tr");
  const title = document.createElement("th");
  title.scope = "rowgroup";
  title.colSpan = cells.words.length + 1;
  title.className = "cell-band-title";
  title.textContent = signal.label;
  heading.append(title);
  band.append(heading);
  const values = signal.values.flat().filter((value) => value != null);
  const limit = Math.max(1e-6, ...values.map((value) => Math.abs(/** @type {number} */ (value))));
  signal.values.forEach((row, unitIndex) => {
    const unit = cells.units[unitIndex];
    const line = document.createElement("tr");
    const name = document.createElement("th");
    name.scope = "row";
    name.className = "cell-unit";
    name.textContent = unitName(unit);
    name.title = translate("sentiment.cells.correlation", {
      value: formatDecimal(unit.correlation, 2),
    });
    line.append(name);
    row.forEach((value, wordIndex) => {
      line.append(renderValue(value, isGate, limit, cells.words[wordIndex].text));
    });
    band.append(line);
  });
  return band;
}

/**
 * @param {number | null} value
 * @param {boolean} isGate
 * @param {number} limit  The band's largest |value| (states only).
 * @param {string} word
 * @returns {HTMLTableCellElement}
 */
function renderValue(value, isGate, limit, word) {
  const cell = document.createElement("td");
  cell.className = "cell-value";
  const text = value == null ? translate("sentiment.cells.unread") : formatDecimal(value, 2);
  if (value == null) {
    cell.classList.add("is-unread");
  } else {
    const share = isGate ? value : (value / limit + 1) / 2;
    cell.style.backgroundColor = colourAt(isGate ? GATE_STOPS : STATE_STOPS, share);
  }
  cell.title = translate("sentiment.cells.value", { word, value: text });
  const hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  hidden.textContent = text;
  cell.append(hidden);
  return cell;
}

/**
 * The heat map table of `cells`.
 * @param {CellStates} cells
 * @returns {HTMLTableElement}
 */
export function renderCellTable(cells) {
  const table = document.createElement("table");
  table.className = "cell-heatmap";
  const caption = document.createElement("caption");
  caption.className = "visually-hidden";
  caption.textContent = translate("sentiment.cells.caption");
  table.append(caption, renderHead(cells));
  for (const { signal, isGate } of cellSignals(cells)) {
    table.append(renderBand(cells, signal, isGate));
  }
  return table;
}

/**
 * Each gate's and state's name with its two-sentence explanation.
 * @param {CellStates} cells
 * @returns {HTMLDListElement}
 */
export function renderCellExplanations(cells) {
  const list = document.createElement("dl");
  list.className = "cell-explanations";
  for (const { signal } of cellSignals(cells)) {
    const term = document.createElement("dt");
    term.textContent = signal.label;
    const description = document.createElement("dd");
    description.textContent = signal.explanation;
    list.append(term, description);
  }
  return list;
}

/**
 * How to read the colours: the gates' scale, the states' and the unread words.
 * @param {CellStates} cells
 * @returns {HTMLElement}
 */
export function renderCellLegend(cells) {
  const legend = document.createElement("ul");
  legend.className = "cell-legend";
  /** @type {[string, string][]} */
  const entries = [];
  if (cells.gates.length > 0) {
    entries.push(["is-gates", translate("sentiment.cells.legend.gates")]);
  }
  entries.push(["is-states", translate("sentiment.cells.legend.states")]);
  if (cells.words.some((word) => word.tokens === 0)) {
    entries.push(["is-unread", translate("sentiment.cells.legend.unread")]);
  }
  for (const [kind, text] of entries) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `cell-swatch ${kind}`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, text);
    legend.append(item);
  }
  return legend;
}
