// @ts-check
/**
 * The CNN explorer: pick a model version, give it an image (drawing or upload), walk
 * its layers, open a layer's feature maps, one map with its kernel and favourite
 * pattern, and lay a Grad-CAM heatmap over the input; or start the analysis report.
 * Entry module of explorer.html.
 */

import {
  getFeatureMapsPng,
  getFeatureMapStats,
  getFilterPatternPng,
  getFilterPng,
  getGradCamPng,
  getGradCamSummary,
  listModelLayers,
  listVisionModels,
} from "../api-vision.js";
import { registerDrawingCanvas, STROKE_END_EVENT } from "../components/drawing-canvas.js";
import {
  layTileButtons,
  markSelectedTile,
  renderHeatLegend,
} from "../components/explorer-figures.js";
import {
  formatNumber,
  isInput,
  isSpatial,
  renderLayerIntro,
  renderLayerStrip,
  renderMessage,
  renderPngFigure,
  renderStatsTable,
} from "../components/layer-views.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import {
  bindLanguageToggle,
  formatPercent,
  getLanguage,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { requireElement } from "../dom.js";
import { ReportPanel } from "./explorer-report.js";
import { SampleStrip } from "./explorer-samples.js";

// Wait a little after a stroke so a two-stroke digit is not analysed half drawn.
const REFRESH_DELAY_MS = 400;

/** @typedef {import("../api-vision.js").LayerSummary} LayerSummary */
/** @typedef {import("../api-vision.js").ModelSummary} ModelSummary */

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {HTMLSelectElement} modelSelect
 * @property {import("../components/drawing-canvas.js").DrawingCanvas} drawing
 * @property {HTMLButtonElement} clearButton
 * @property {HTMLInputElement} uploadInput
 * @property {HTMLElement} imageName
 * @property {HTMLInputElement} gradCamToggle
 * @property {HTMLSelectElement} gradCamClass
 * @property {HTMLElement} gradCamResult
 * @property {HTMLOListElement} layerStrip
 * @property {HTMLElement} layerDetails
 * @property {HTMLElement} problem
 * @property {HTMLElement} modelInfo
 * @property {SampleStrip} samples  Test images of the model's dataset.
 * @property {ReportPanel} report
 */

/**
 * @typedef {object} MapGrid
 * @property {string} url  Object URL of the PNG grid.
 * @property {number | null} columns
 * @property {number | null} tileSize
 */

/**
 * @typedef {object} ChannelView
 * @property {number} channel
 * @property {string | null} mapUrl
 * @property {string | null} kernelUrl
 * @property {string | null} patternUrl
 * @property {boolean} patternBusy
 */

/**
 * @typedef {object} PageState
 * @property {ModelSummary[]} models
 * @property {ModelSummary | null} model
 * @property {LayerSummary[] | null} layers  null while loading.
 * @property {LayerSummary | null} layer  The selected layer.
 * @property {Blob | null} image
 * @property {(() => string) | null} imageName  Names the image in the page language;
 *   null for the drawing.
 * @property {string | null} imageUrl  Object URL of an uploaded image, for its thumbnail.
 * @property {MapGrid | null} grid
 * @property {import("../api-vision.js").FeatureMapStats | null} stats
 * @property {boolean} mapsBusy
 * @property {ChannelView | null} channel
 * @property {{url: string, label: string, layer: string} | null} gradCam
 * @property {boolean} gradCamBusy
 * @property {unknown} error
 * @property {{layers: number, maps: number, channel: number, gradCam: number}} requests
 *   Counters that let a stale answer be dropped.
 * @property {number | undefined} refreshTimer
 */

/**
 * @param {PageState} state
 * @returns {PageElements}
 */
function findElements(state) {
  /** @type {PageElements} */
  const elements = {
    languageToggle: requireElement("#language-toggle"),
    modelSelect: requireElement("#model-select"),
    drawing: requireElement("lab-drawing-canvas"),
    clearButton: requireElement("#clear-button"),
    uploadInput: requireElement("#upload-input"),
    imageName: requireElement("#image-name"),
    gradCamToggle: requireElement("#gradcam-toggle"),
    gradCamClass: requireElement("#gradcam-class"),
    gradCamResult: requireElement("#gradcam-result"),
    layerStrip: requireElement("#layer-strip"),
    layerDetails: requireElement("#layer-details"),
    problem: requireElement("#problem"),
    modelInfo: requireElement("#model-info"),
    samples: new SampleStrip(requireElement("#sample-strip"), (image, describe) => {
      elements.drawing.clear();
      setImage(elements, state, image, describe);
    }),
    report: new ReportPanel(
      {
        language: requireElement("#report-language"),
        button: requireElement("#report-button"),
        status: requireElement("#report-status"),
        links: requireElement("#report-links"),
        pdf: requireElement("#report-pdf"),
        html: requireElement("#report-html"),
      },
      (error) => reportProblem(elements, state, error),
    ),
  };
  return elements;
}

/** Set up the explorer: language, model list, drawing, upload, layers, Grad-CAM. */
export function initExplorerPage() {
  defineSiteHeader();
  registerDrawingCanvas();
  /** @type {PageState} */
  const state = {
    models: [],
    model: null,
    layers: null,
    layer: null,
    image: null,
    imageName: null,
    imageUrl: null,
    grid: null,
    stats: null,
    mapsBusy: false,
    channel: null,
    gradCam: null,
    gradCamBusy: false,
    error: null,
    requests: { layers: 0, maps: 0, channel: 0, gradCam: 0 },
    refreshTimer: undefined,
  };
  const elements = findElements(state);

  setLanguage(resolveInitialLanguage(window.location));
  onLanguageChange(() => renderAll(elements, state));
  bindLanguageToggle(elements.languageToggle);
  bindImageInputs(elements, state);
  bindGradCam(elements, state);
  elements.modelSelect.addEventListener("change", () => {
    const model = state.models[Number(elements.modelSelect.value)] ?? null;
    selectModel(elements, state, model);
  });
  renderAll(elements, state);
  loadModels(elements, state);
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function bindImageInputs(elements, state) {
  const { drawing, uploadInput, clearButton } = elements;
  drawing.addEventListener(STROKE_END_EVENT, () => {
    setImage(elements, state, drawing.toPngBlob(), null);
  });
  drawing.addEventListener("pointerdown", () => window.clearTimeout(state.refreshTimer));
  const clearImage = () => {
    window.clearTimeout(state.refreshTimer);
    state.refreshTimer = undefined;
    drawing.clear();
    bumpRequests(state);
    revokeGrid(state);
    revokeChannel(state);
    revokeGradCam(state);
    revokeImage(state);
    Object.assign(state, { image: null, imageName: null, stats: null, mapsBusy: false });
    state.gradCamBusy = false;
    state.error = null;
    renderAll(elements, state);
  };
  clearButton.addEventListener("click", clearImage);
  drawing.addEventListener("keydown", (event) => {
    if (["Delete", "Backspace", "Escape"].includes(event.key)) {
      event.preventDefault();
      clearImage();
    }
  });
  uploadInput.addEventListener("change", () => {
    const file = uploadInput.files?.[0];
    uploadInput.value = "";
    if (file) {
      drawing.clear();
      setImage(elements, state, file, () => file.name);
    }
  });
}

/**
 * Use a new input image and refresh what depends on it shortly after.
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {Blob} image
 * @param {(() => string) | null} describe  Its name in the page language; null for
 *   the drawing. A function, so a language change renames it.
 */
function setImage(elements, state, image, describe) {
  revokeImage(state);
  state.image = image;
  state.imageName = describe;
  state.imageUrl = describe ? URL.createObjectURL(image) : null;
  renderImageName(elements, state);
  window.clearTimeout(state.refreshTimer);
  state.refreshTimer = window.setTimeout(
    () => refreshForImage(elements, state),
    describe ? 0 : REFRESH_DELAY_MS,
  );
}

/**
 * Recompute what depends on the image: the open layer's maps (and open map), Grad-CAM.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function refreshForImage(elements, state) {
  window.clearTimeout(state.refreshTimer);
  state.refreshTimer = undefined;
  if (state.layer && isSpatial(state.layer)) {
    loadMaps(elements, state, state.channel?.channel);
  }
  loadGradCam(elements, state);
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function bindGradCam(elements, state) {
  elements.gradCamToggle.addEventListener("change", () => {
    if (!elements.gradCamToggle.checked) {
      state.requests.gradCam += 1;
      revokeGradCam(state);
      state.gradCamBusy = false;
      renderGradCam(elements, state);
      return;
    }
    loadGradCam(elements, state);
  });
  elements.gradCamClass.addEventListener("change", () => loadGradCam(elements, state));
}

/**
 * Make every answer still on its way for `keys` stale.
 * @param {PageState} state
 * @param {("maps" | "channel" | "gradCam")[]} [keys]
 */
function bumpRequests(state, keys = ["maps", "channel", "gradCam"]) {
  for (const key of keys) {
    state.requests[key] += 1;
  }
}

/** @param {PageState} state */
function revokeImage(state) {
  if (state.imageUrl) {
    URL.revokeObjectURL(state.imageUrl);
  }
  state.imageUrl = null;
}

/** @param {PageState} state */
function revokeGrid(state) {
  if (state.grid) {
    URL.revokeObjectURL(state.grid.url);
  }
  state.grid = null;
}

/** @param {PageState} state */
function revokeChannel(state) {
  const view = state.channel;
  for (const url of [view?.mapUrl, view?.kernelUrl, view?.patternUrl]) {
    if (url) {
      URL.revokeObjectURL(url);
    }
  }
  state.channel = null;
}

/** @param {PageState} state */
function revokeGradCam(state) {
  if (state.gradCam) {
    URL.revokeObjectURL(state.gradCam.url);
  }
  state.gradCam = null;
}

/**
 * Record a failure and show it through the shared problem region.
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {unknown} error
 */
function reportProblem(elements, state, error) {
  state.error = error;
  showProblem(elements.problem, error);
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
async function loadModels(elements, state) {
  try {
    state.models = await listVisionModels();
  } catch (error) {
    state.models = [];
    reportProblem(elements, state, error);
  }
  const model = state.models.find((candidate) => candidate.is_serving) ?? state.models[0] ?? null;
  selectModel(elements, state, model);
}

/**
 * Switch to `model`: its class names, its layers, nothing selected.
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {ModelSummary | null} model
 */
async function selectModel(elements, state, model) {
  state.model = model;
  elements.samples.show(model?.metadata ?? null);
  elements.report.setModel(model?.metadata ?? null);
  state.layers = model ? null : [];
  state.layer = null;
  bumpRequests(state);
  revokeGrid(state);
  revokeChannel(state);
  revokeGradCam(state);
  state.stats = null;
  renderAll(elements, state);
  if (!model) {
    return;
  }
  state.requests.layers += 1;
  const requestNumber = state.requests.layers;
  try {
    const layers = await listModelLayers(model.metadata);
    if (requestNumber === state.requests.layers) {
      state.layers = layers;
    }
  } catch (error) {
    if (requestNumber === state.requests.layers) {
      state.layers = [];
      reportProblem(elements, state, error);
    }
  }
  if (requestNumber === state.requests.layers) {
    renderAll(elements, state);
    loadGradCam(elements, state);
  }
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {LayerSummary} layer
 */
function selectLayer(elements, state, layer) {
  state.layer = layer;
  bumpRequests(state, ["maps", "channel"]); // Grad-CAM does not depend on the layer.
  revokeGrid(state);
  revokeChannel(state);
  state.stats = null;
  state.mapsBusy = false;
  clearProblem(elements.problem);
  state.error = null;
  renderAll(elements, state);
  if (state.refreshTimer !== undefined) {
    refreshForImage(elements, state); // A fresh stroke: no need to wait any longer.
  } else if (state.image && isSpatial(layer)) {
    loadMaps(elements, state);
  }
}

/**
 * Fetch the feature-map grid and statistics of the selected layer for the image,
 * then the channel that was open (if any).
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {number} [reopenChannel]
 */
async function loadMaps(elements, state, reopenChannel) {
  const { model, layer, image } = state;
  if (!model || !layer || !image) {
    return;
  }
  state.requests.maps += 1;
  const requestNumber = state.requests.maps;
  state.mapsBusy = true;
  renderDetails(elements, state);
  try {
    const [grid, stats] = await Promise.all([
      getFeatureMapsPng(model.metadata, layer.name, image),
      getFeatureMapStats(model.metadata, layer.name, image),
    ]);
    if (requestNumber !== state.requests.maps) {
      return;
    }
    revokeGrid(state);
    state.grid = { url: URL.createObjectURL(grid.png), columns: grid.columns, tileSize: grid.tileSize };
    state.stats = stats;
    state.error = null;
    clearProblem(elements.problem);
  } catch (error) {
    if (requestNumber !== state.requests.maps) {
      return;
    }
    revokeGrid(state);
    state.stats = null;
    reportProblem(elements, state, error);
  }
  state.mapsBusy = false;
  renderDetails(elements, state);
  if (reopenChannel !== undefined && state.grid) {
    selectChannel(elements, state, reopenChannel);
  }
}

/**
 * Open map `channel` of the selected layer: the enlarged map, its kernel and the
 * pattern its filter likes most (that last one may take a few seconds).
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {number} channel
 */
async function selectChannel(elements, state, channel) {
  const { model, layer, image } = state;
  if (!model || !layer || !image) {
    return;
  }
  state.requests.channel += 1;
  const requestNumber = state.requests.channel;
  const isCurrent = () => requestNumber === state.requests.channel;
  revokeChannel(state);
  /** @type {ChannelView} */
  const view = { channel, mapUrl: null, kernelUrl: null, patternUrl: null, patternBusy: false };
  state.channel = view;
  renderDetails(elements, state, { focusChannel: true });
  const conv = layer.conv_layer ?? null;
  view.patternBusy = conv !== null;

  const pattern = conv === null ? null : getFilterPatternPng(model.metadata, conv, channel);
  try {
    const [map, kernel] = await Promise.all([
      getFeatureMapsPng(model.metadata, layer.name, image, { channel }),
      conv === null ? Promise.resolve(null) : getFilterPng(model.metadata, conv, channel),
    ]);
    if (!isCurrent()) {
      return;
    }
    view.mapUrl = URL.createObjectURL(map.png);
    view.kernelUrl = kernel ? URL.createObjectURL(kernel) : null;
  } catch (error) {
    if (isCurrent()) {
      reportProblem(elements, state, error);
    }
  }
  if (isCurrent()) {
    renderDetails(elements, state);
  }
  if (!pattern) {
    return;
  }
  try {
    const png = await pattern;
    if (isCurrent()) {
      view.patternUrl = URL.createObjectURL(png);
    }
  } catch (error) {
    if (isCurrent()) {
      reportProblem(elements, state, error);
    }
  }
  if (isCurrent()) {
    view.patternBusy = false;
    renderDetails(elements, state);
  }
}

/**
 * Fetch the Grad-CAM overlay (and which class it explains) when the toggle is on.
 * @param {PageElements} elements
 * @param {PageState} state
 */
async function loadGradCam(elements, state) {
  const { model, image } = state;
  if (!elements.gradCamToggle.checked || !model || !image) {
    renderGradCam(elements, state);
    return;
  }
  state.requests.gradCam += 1;
  const requestNumber = state.requests.gradCam;
  const value = elements.gradCamClass.value;
  const classIndex = value === "" ? null : Number(value);
  state.gradCamBusy = true;
  renderGradCam(elements, state);
  try {
    const [png, summary] = await Promise.all([
      getGradCamPng(model.metadata, image, classIndex),
      getGradCamSummary(model.metadata, image, classIndex),
    ]);
    if (requestNumber !== state.requests.gradCam) {
      return;
    }
    revokeGradCam(state);
    state.gradCam = { url: URL.createObjectURL(png), label: summary.label, layer: summary.layer };
  } catch (error) {
    if (requestNumber !== state.requests.gradCam) {
      return;
    }
    revokeGradCam(state);
    reportProblem(elements, state, error);
  }
  state.gradCamBusy = false;
  renderGradCam(elements, state);
}

/**
 * Render everything that depends on the state or the language.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderAll(elements, state) {
  renderModelSelect(elements, state);
  renderClassSelect(elements, state);
  renderImageName(elements, state);
  renderStrip(elements, state);
  renderDetails(elements, state);
  renderGradCam(elements, state);
  elements.samples.render();
  elements.report.render();
  if (state.error) {
    showProblem(elements.problem, state.error);
  } else {
    clearProblem(elements.problem);
  }
  const model = state.model?.metadata;
  elements.modelInfo.textContent = model
    ? translate("explorer.model.option", { name: model.name, version: model.version })
    : "";
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderModelSelect(elements, state) {
  const { modelSelect } = elements;
  const options = state.models.map((model, index) => {
    const { name, version } = model.metadata;
    const key = model.is_serving ? "explorer.model.serving" : "explorer.model.option";
    const option = new Option(translate(key, { name, version }), String(index));
    option.selected = model === state.model;
    return option;
  });
  if (options.length === 0) {
    options.push(new Option(translate("explorer.model.none"), ""));
  }
  modelSelect.replaceChildren(...options);
  modelSelect.disabled = state.models.length === 0;
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderClassSelect(elements, state) {
  const { gradCamClass } = elements;
  const previous = gradCamClass.value;
  const names = state.model?.metadata.class_names ?? [];
  const options = [new Option(translate("explorer.gradcam.predicted"), "")];
  names.forEach((name, index) => options.push(new Option(name, String(index))));
  gradCamClass.replaceChildren(...options);
  gradCamClass.value = Number(previous) < names.length ? previous : "";
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderImageName(elements, state) {
  let text = translate("explorer.image.none");
  if (state.image) {
    text = state.imageName
      ? translate("explorer.image.file", { name: state.imageName() })
      : translate("explorer.image.drawing");
  }
  elements.imageName.textContent = text;
  if (state.imageUrl) {
    const thumbnail = document.createElement("img");
    thumbnail.className = "upload-thumbnail";
    thumbnail.src = state.imageUrl;
    thumbnail.alt = ""; // The text next to it names the image.
    elements.imageName.prepend(thumbnail);
  }
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderStrip(elements, state) {
  const { layerStrip } = elements;
  if (state.layers === null) {
    const item = document.createElement("li");
    item.append(renderMessage(translate("explorer.network.loading")));
    layerStrip.replaceChildren(item);
    return;
  }
  layerStrip.replaceChildren(
    ...renderLayerStrip(state.layers, state.layer?.name ?? null, (layer) =>
      selectLayer(elements, state, layer),
    ),
  );
}

/**
 * The selected layer: explanation, then its maps, then the open map.
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {{focusChannel?: boolean}} [options]
 */
function renderDetails(elements, state, { focusChannel = false } = {}) {
  const { layerDetails } = elements;
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const { layer } = state;
  layerDetails.setAttribute("aria-busy", String(state.mapsBusy));
  // The strip's pressed state follows the selection.
  for (const button of elements.layerStrip.querySelectorAll("button")) {
    const name = button.querySelector(".layer-name")?.textContent;
    button.setAttribute("aria-pressed", String(name === layer?.name));
  }
  if (!layer) {
    layerDetails.replaceChildren(renderMessage(translate("explorer.layer.none")));
    return;
  }
  const layers = state.layers ?? [];
  const parts = renderLayerIntro(layer, layer === layers.at(-1));
  if (isInput(layer)) {
    parts.push(renderMessage(translate("explorer.layer.input")));
  } else if (!isSpatial(layer)) {
    const size = layer.output_shape.reduce((total, value) => (total ?? 0) * (value ?? 1), 1);
    parts.push(renderMessage(translate("explorer.layer.flat", { count: size ?? "?" })));
  } else if (!state.image) {
    parts.push(renderMessage(translate("explorer.layer.needImage")));
  } else if (state.mapsBusy && !state.grid) {
    parts.push(renderMessage(translate("explorer.maps.busy")));
  } else if (state.grid) {
    parts.push(renderMapsSection(elements, state, layer, state.grid));
    if (state.channel) {
      parts.push(renderChannelSection(state, layer, state.channel));
    }
  }
  layerDetails.replaceChildren(...parts);
  // A tile kept across the render lost the focus while it was moved: give it back.
  if (focused?.classList.contains("map-tile") && focused.isConnected) {
    focused.focus();
  }
  if (focusChannel) {
    layerDetails.querySelector(".channel-view h4")?.scrollIntoView({ block: "nearest" });
  }
}

/**
 * The grid of maps (click a tile to open it), a channel picker and the stats table.
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {LayerSummary} layer
 * @param {MapGrid} grid
 * @returns {HTMLElement}
 */
function renderMapsSection(elements, state, layer, grid) {
  const channels = channelCount(state, layer);
  const section = document.createElement("section");
  section.className = "maps";
  const heading = document.createElement("h4");
  heading.textContent = translate("explorer.maps.heading");
  const figure = document.createElement("figure");
  figure.className = "png-figure map-grid";
  const caption = document.createElement("figcaption");
  caption.textContent = translate("explorer.maps.hint");
  figure.append(gridFrame(elements, state, layer, grid, channels), caption);
  const picker = document.createElement("label");
  picker.className = "field field-inline";
  const pickerText = document.createElement("span");
  pickerText.textContent = translate("explorer.channel.label");
  const input = document.createElement("input");
  input.type = "number";
  input.className = "select";
  input.min = "0";
  input.max = String(Math.max(channels - 1, 0));
  input.value = state.channel ? String(state.channel.channel) : "";
  input.addEventListener("change", () => {
    const channel = Number(input.value);
    if (Number.isInteger(channel) && channel >= 0 && channel < channels) {
      selectChannel(elements, state, channel);
    }
  });
  picker.append(pickerText, input);
  section.append(heading, figure, picker);
  if (state.stats) {
    section.append(renderStatsTable(state.stats));
  }
  return section;
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
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {LayerSummary} layer
 * @param {MapGrid} grid
 * @param {number} channels
 * @returns {HTMLElement}
 */
function gridFrame(elements, state, layer, grid, channels) {
  const selected = state.channel?.channel ?? null;
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
      selectChannel(elements, state, channel);
    }
  });
  const frame = document.createElement("div");
  frame.className = "map-grid-frame";
  frame.append(image);
  // A tile chosen from the keyboard keeps the focus across a language change.
  const hadFocus = document.activeElement?.classList.contains("map-tile") ?? false;
  layTileButtons(image, frame, {
    grid,
    channels,
    selected,
    shouldFocus: hadFocus,
    onSelect: (channel) => selectChannel(elements, state, channel),
  });
  gridFrames.set(grid, { language: getLanguage(), frame });
  return frame;
}

/**
 * @param {PageState} state
 * @param {LayerSummary} layer
 * @returns {number}
 */
function channelCount(state, layer) {
  return state.stats?.shape[2] ?? layer.output_shape[2] ?? 0;
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

/**
 * The open map: enlarged, its statistics, its kernel and its favourite pattern.
 * @param {PageState} state
 * @param {LayerSummary} layer
 * @param {ChannelView} view
 * @returns {HTMLElement}
 */
function renderChannelSection(state, layer, view) {
  const { channel } = view;
  const section = document.createElement("section");
  section.className = "channel-view";
  const heading = document.createElement("h4");
  heading.textContent = translate("explorer.channel.heading", { channel, layer: layer.name });
  section.append(heading);
  const mean = state.stats?.mean_activation[channel];
  const zeros = state.stats?.zero_fraction[channel];
  if (mean !== undefined && zeros !== undefined) {
    const stats = document.createElement("p");
    stats.className = "layer-facts";
    stats.textContent = [
      translate("explorer.channel.mean", { value: formatNumber(mean) }),
      translate("explorer.channel.zeros", { value: formatPercent(zeros) }),
    ].join(" · ");
    section.append(stats);
  }
  const figures = document.createElement("div");
  figures.className = "channel-figures";
  if (view.mapUrl) {
    figures.append(
      renderPngFigure(
        view.mapUrl,
        translate("explorer.channel.alt", { channel, layer: layer.name }),
        translate("explorer.channel.heading", { channel, layer: layer.name }),
        "pixelated",
      ).figure,
    );
  } else {
    figures.append(renderMessage(translate("explorer.channel.busy")));
  }
  const conv = layer.conv_layer ?? null;
  if (conv === null) {
    section.append(figures, renderMessage(translate("explorer.kernel.none")));
    return section;
  }
  const names = { channel, layer: conv };
  if (view.kernelUrl) {
    figures.append(
      renderPngFigure(
        view.kernelUrl,
        translate("explorer.kernel.alt", names),
        translate("explorer.kernel.caption", names),
        "pixelated",
      ).figure,
    );
  }
  if (view.patternUrl) {
    figures.append(
      renderPngFigure(
        view.patternUrl,
        translate("explorer.pattern.alt", names),
        translate("explorer.pattern.caption"),
        "pixelated",
      ).figure,
    );
  } else if (view.patternBusy) {
    const busy = renderMessage(translate("explorer.pattern.busy"));
    busy.classList.add("is-busy");
    figures.append(busy);
  }
  section.append(figures, renderKernelNote(state, conv));
  return section;
}

/**
 * Say that a kernel over several input channels is shown as their mean.
 * @param {PageState} state
 * @param {string} conv  The convolution layer.
 * @returns {HTMLParagraphElement}
 */
function renderKernelNote(state, conv) {
  const layers = state.layers ?? [];
  const index = layers.findIndex((layer) => layer.name === conv);
  // The convolution's input channels are the channels of the layer before it.
  const count = index > 0 ? layers[index - 1].output_shape.at(-1) ?? null : null;
  const note = document.createElement("p");
  note.className = "hint kernel-note";
  note.textContent =
    count === 1
      ? translate("explorer.kernel.single", { layer: conv })
      : translate("explorer.kernel.averaged", { layer: conv, count: count ?? "?" });
  return note;
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderGradCam(elements, state) {
  const { gradCamResult, gradCamToggle } = elements;
  gradCamResult.setAttribute("aria-busy", String(state.gradCamBusy));
  if (!gradCamToggle.checked) {
    gradCamResult.replaceChildren(renderMessage(translate("explorer.gradcam.off")));
  } else if (!state.image) {
    gradCamResult.replaceChildren(renderMessage(translate("explorer.image.none")));
  } else if (state.gradCam) {
    const { url, label, layer } = state.gradCam;
    const { figure } = renderPngFigure(
      url,
      translate("explorer.gradcam.alt"),
      translate("explorer.gradcam.caption", { label, layer }),
      "gradcam-figure",
    );
    figure.querySelector("img")?.after(renderHeatLegend());
    gradCamResult.replaceChildren(figure);
  } else if (state.gradCamBusy) {
    gradCamResult.replaceChildren(renderMessage(translate("explorer.gradcam.busy")));
  } else {
    gradCamResult.replaceChildren();
  }
}

// Entry module: module scripts run after the document is parsed, so start now.
initExplorerPage();
