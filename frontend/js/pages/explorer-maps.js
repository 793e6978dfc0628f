// @ts-check
/**
 * The explorer's feature-map grid of the selected layer: the PNG grid with a button
 * over each tile (click one to open that map), a channel picker and the per-channel
 * statistics.
 */

import { layTileButtons, markSelectedTile } from "../components/explorer-figures.js";
import { renderStatsTable } from "../components/layer-views.js";
import { getLanguage, translate } from "../i18n.js";

/** @typedef {import("../api-vision.js").LayerSummary} LayerSummary */
/** @typedef {import("../api-vision.js").FeatureMapStats} FeatureMapStats */

/**
 * @typedef {object} MapGrid
 * @property {string} url  Object URL of the PNG grid.
 * @property {number | null} columns
 * @property {number | null} tileSize
 */

/**
 * @typedef {object} MapsView
 * @property {LayerSummary} layer
 * @property {MapGrid} grid
 * @property {FeatureMapStats | null} stats
 * @property {number | null} selected  The open channel, if any.
 */

/**
 * How many maps `layer` has for the image shown.
 * @param {FeatureMapStats | null} stats
 * @param {LayerSummary} layer
 * @returns {number}
 */
export function channelCount(stats, layer) {
  return stats?.shape[2] ?? layer.output_shape[2] ?? 0;
}

/**
 * The grid of maps (click a tile to open it), a channel picker and the stats table.
 * @param {MapsView} view
 * @param {(channel: number) => void} onSelect  Opens a channel.
 * @returns {HTMLElement}
 */
export function renderMapsSection(view, onSelect) {
  const channels = channelCount(view.stats, view.layer);
  const section = document.createElement("section");
  section.className = "maps";
  const heading = document.createElement("h4");
  heading.textContent = translate("explorer.maps.heading");
  const figure = document.createElement("figure");
  figure.className = "png-figure map-grid";
  const caption = document.createElement("figcaption");
  caption.textContent = translate("explorer.maps.hint");
  figure.append(gridFrame(view, channels, onSelect), caption);
  section.append(heading, figure, renderChannelPicker(view.selected, channels, onSelect));
  if (view.stats) {
    section.append(renderStatsTable(view.stats));
  }
  return section;
}

/**
 * A number field that opens the channel typed into it.
 * @param {number | null} selected
 * @param {number} channels
 * @param {(channel: number) => void} onSelect
 * @returns {HTMLLabelElement}
 */
function renderChannelPicker(selected, channels, onSelect) {
  const picker = document.createElement("label");
  picker.className = "field field-inline";
  const pickerText = document.createElement("span");
  pickerText.textContent = translate("explorer.channel.label");
  const input = document.createElement("input");
  input.type = "number";
  input.className = "select";
  input.min = "0";
  input.max = String(Math.max(channels - 1, 0));
  input.value = selected === null ? "" : String(selected);
  input.addEventListener("change", () => {
    const channel = Number(input.value);
    if (Number.isInteger(channel) && channel >= 0 && channel < channels) {
      onSelect(channel);
    }
  });
  picker.append(pickerText, input);
  return picker;
}

/**
 * The grid frames already built, per grid and language: a re-render (the open map,
 * its kernel or its pattern arriving) moves the same image and tiles into the new
 * section instead of rebuilding them, so the image is not reloaded and the tile
 * under the pointer or the keyboard focus is never swapped for a copy.
 * @type {WeakMap<MapGrid, {language: string, frame: HTMLElement}>}
 */
const gridFrames = new WeakMap();

/**
 * The grid image (click a tile to open it) with its tile buttons over it.
 * @param {MapsView} view
 * @param {number} channels
 * @param {(channel: number) => void} onSelect
 * @returns {HTMLElement}
 */
function gridFrame({ layer, grid, selected }, channels, onSelect) {
  const kept = gridFrames.get(grid);
  if (kept && kept.language === getLanguage()) {
    markSelectedTile(kept.frame, selected);
    return kept.frame;
  }
  const image = document.createElement("img");
  image.src = grid.url;
  image.alt = translate("explorer.maps.alt", { count: channels, layer: layer.name });
  image.addEventListener("click", (event) => {
    const channel = channelAt(image, event, grid, channels);
    if (channel !== null) {
      onSelect(channel);
    }
  });
  const frame = document.createElement("div");
  frame.className = "map-grid-frame";
  frame.append(image);
  // A tile chosen from the keyboard keeps the focus across a language change.
  const hadFocus = document.activeElement?.classList.contains("map-tile") ?? false;
  layTileButtons(image, frame, { grid, channels, selected, shouldFocus: hadFocus, onSelect });
  gridFrames.set(grid, { language: getLanguage(), frame });
  return frame;
}

/**
 * Which channel's tile a click on the grid hit (tiles are row-major, 1 px apart).
 * Without the size headers, the layout is inferred as a near-square grid.
 * @param {HTMLImageElement} image
 * @param {MouseEvent} event
 * @param {MapGrid} grid
 * @param {number} channels
 * @returns {number | null}
 */
function channelAt(image, event, grid, channels) {
  const box = image.getBoundingClientRect();
  if (box.width === 0 || box.height === 0 || channels === 0) {
    return null;
  }
  const x = ((event.clientX - box.left) * image.naturalWidth) / box.width;
  const y = ((event.clientY - box.top) * image.naturalHeight) / box.height;
  const columns = grid.columns ?? Math.ceil(Math.sqrt(channels));
  const pitch = grid.tileSize ? grid.tileSize + 1 : (image.naturalWidth + 1) / columns;
  const column = Math.min(Math.floor(x / pitch), columns - 1);
  const row = Math.floor(y / pitch);
  const channel = row * columns + column;
  return channel >= 0 && channel < channels ? channel : null;
}
