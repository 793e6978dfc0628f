// @ts-check
/**
 * Figures of the explorer that need more than a PNG: the selectable tiles laid
 * over the feature-map grid, and the colour scale of the Grad-CAM overlay.
 */

import { translate } from "../i18n.js";

/**
 * @typedef {object} TileGrid
 * @property {number | null} columns
 * @property {number | null} tileSize  Tile side in PNG pixels; tiles are 1 px apart.
 */

/**
 * Lay one button per map over the grid `image`, the `selected` one pressed and
 * outlined. The mouse still clicks the image underneath (the buttons let pointer
 * events through); the keyboard reaches the tiles with Tab then the arrow keys.
 * @param {HTMLImageElement} image  Already inside `frame`.
 * @param {HTMLElement} frame  Positioned box around the image.
 * @param {{grid: TileGrid, channels: number, selected: number | null,
 *   shouldFocus: boolean, onSelect: (channel: number) => void}} options
 *   `shouldFocus`: move the focus to the selected tile once laid.
 */
export function layTileButtons(image, frame, { grid, channels, selected, shouldFocus, onSelect }) {
  frame.dataset.selectedTile = selected === null ? "" : String(selected);
  const lay = () => {
    const width = image.naturalWidth;
    const height = image.naturalHeight;
    if (width === 0 || channels === 0) {
      return;
    }
    const columns = grid.columns ?? Math.ceil(Math.sqrt(channels));
    const pitch = grid.tileSize ? grid.tileSize + 1 : (width + 1) / columns;
    const side = pitch - 1;
    const layer = document.createElement("div");
    layer.className = "map-tiles";
    const buttons = Array.from({ length: channels }, (_, channel) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "map-tile";
      button.textContent = translate("explorer.tile.label", { channel });
      const left = (channel % columns) * pitch;
      const top = Math.floor(channel / columns) * pitch;
      Object.assign(button.style, {
        left: `${(100 * left) / width}%`,
        top: `${(100 * top) / height}%`,
        width: `${(100 * side) / width}%`,
        height: `${(100 * side) / height}%`,
      });
      button.addEventListener("click", () => onSelect(channel));
      return button;
    });
    layer.addEventListener("keydown", (event) => moveFocus(event, buttons, columns));
    layer.append(...buttons);
    frame.querySelector(".map-tiles")?.remove();
    frame.append(layer);
    // The selection may have changed while the image was loading.
    const chosen = frame.dataset.selectedTile ? Number(frame.dataset.selectedTile) : null;
    markSelectedTile(frame, chosen);
    if (shouldFocus) {
      buttons[chosen ?? 0]?.focus();
    }
  };
  if (image.complete && image.naturalWidth > 0) {
    lay();
  } else {
    image.addEventListener("load", lay, { once: true });
  }
}

/**
 * Press and outline the `selected` tile of `frame` only; it becomes the grid's one
 * tab stop. Tiles not laid yet take the selection when they are.
 * @param {HTMLElement} frame
 * @param {number | null} selected
 */
export function markSelectedTile(frame, selected) {
  frame.dataset.selectedTile = selected === null ? "" : String(selected);
  frame.querySelectorAll(".map-tile").forEach((button, channel) => {
    button.setAttribute("aria-pressed", String(channel === selected));
    /** @type {HTMLButtonElement} */ (button).tabIndex = channel === (selected ?? 0) ? 0 : -1;
  });
}

/**
 * Arrow keys move the focus from tile to tile (one tab stop for the whole grid).
 * @param {KeyboardEvent} event
 * @param {HTMLButtonElement[]} buttons
 * @param {number} columns
 */
function moveFocus(event, buttons, columns) {
  const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns };
  const step = steps[/** @type {keyof typeof steps} */ (event.key)];
  const current = buttons.indexOf(/** @type {HTMLButtonElement} */ (event.target));
  if (step === undefined || current < 0) {
    return;
  }
  const next = buttons[current + step];
  if (next) {
    event.preventDefault();
    buttons[current].tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }
}

/**
 * The Grad-CAM colour of `heat` in 0..1: the same blue -> green -> yellow -> red
 * ramp as the cnn service's `_heat_colours` (lab_cnn/rendering.py).
 * @param {number} heat
 * @returns {string} CSS rgb()
 */
export function heatColour(heat) {
  /** @param {number} value */
  const channel = (value) => Math.floor(Math.min(1, Math.max(0, value)) * 255);
  const red = channel(1.5 * heat - 0.25);
  const green = channel(1.5 - Math.abs(2 * heat - 1.1) * 1.5);
  const blue = channel(1 - 2 * heat);
  return `rgb(${red}, ${green}, ${blue})`;
}

// Enough stops for the gradient to follow the ramp's bends.
const LEGEND_STOPS = 21;

/**
 * A horizontal colour bar from low to high attention, with its two ends named.
 * @returns {HTMLElement}
 */
export function renderHeatLegend() {
  const legend = document.createElement("div");
  legend.className = "heat-legend";
  legend.setAttribute("role", "img");
  legend.setAttribute("aria-label", translate("explorer.gradcam.scale"));
  const bar = document.createElement("div");
  bar.className = "heat-legend-bar";
  const stops = Array.from({ length: LEGEND_STOPS }, (_, index) => {
    const heat = index / (LEGEND_STOPS - 1);
    return `${heatColour(heat)} ${(100 * heat).toFixed(0)}%`;
  });
  bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
  const low = document.createElement("span");
  low.textContent = translate("explorer.gradcam.low");
  const high = document.createElement("span");
  high.textContent = translate("explorer.gradcam.high");
  const ends = document.createElement("div");
  ends.className = "heat-legend-ends";
  ends.setAttribute("aria-hidden", "true"); // The label above already says it.
  ends.append(low, high);
  legend.append(bar, ends);
  return legend;
}
