// @ts-check
/**
 * The CNN explorer: pick a model version, give it an image (drawing, upload or test
 * sample), walk its layers, open a layer's feature maps, one map with its kernel and
 * favourite pattern, and lay a Grad-CAM heatmap over the input; or start the
 * analysis report. Entry module of explorer.html: it holds the model and the image
 * and wires the panels (explorer-layers.js, explorer-gradcam.js,
 * explorer-input.js, explorer-samples.js, explorer-report.js) that use them.
 */

import { listVisionModels } from "../api-vision.js";
import { registerDrawingCanvas } from "../components/drawing-canvas.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import { requireElement } from "../dom.js";
import {
  bindLanguageToggle,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { GradCamPanel } from "./explorer-gradcam.js";
import { ImageInput } from "./explorer-input.js";
import { LayerPanel } from "./explorer-layers.js";
import { ReportPanel } from "./explorer-report.js";
import { SampleStrip } from "./explorer-samples.js";

/** @typedef {import("../api-vision.js").LayerSummary} LayerSummary */
/** @typedef {import("../api-vision.js").ModelSummary} ModelSummary */

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {HTMLSelectElement} modelSelect
 * @property {HTMLElement} problem
 * @property {HTMLElement} modelInfo
 * @property {ImageInput} input
 * @property {LayerPanel} layers
 * @property {GradCamPanel} gradCam
 * @property {SampleStrip} samples  Test images of the model's dataset.
 * @property {ReportPanel} report
 */

/**
 * @typedef {object} PageState
 * @property {ModelSummary[]} models
 * @property {ModelSummary | null} model
 * @property {unknown} error
 */

/**
 * @param {PageState} state
 * @returns {PageElements}
 */
function findElements(state) {
  const input = () => ({ model: state.model, image: elements.input.image });
  const onProblem = (/** @type {unknown} */ error) => reportProblem(elements, state, error);
  /** @type {PageElements} */
  const elements = {
    languageToggle: requireElement("#language-toggle"),
    modelSelect: requireElement("#model-select"),
    problem: requireElement("#problem"),
    modelInfo: requireElement("#model-info"),
    input: new ImageInput(
      {
        drawing: requireElement("lab-drawing-canvas"),
        clearButton: requireElement("#clear-button"),
        uploadInput: requireElement("#upload-input"),
        imageName: requireElement("#image-name"),
      },
      { onRefresh: () => refreshForImage(elements), onClear: () => clearImage(elements, state) },
    ),
    layers: new LayerPanel(
      { strip: requireElement("#layer-strip"), details: requireElement("#layer-details") },
      {
        input,
        onProblem,
        onSelect: (layer) => selectLayer(elements, state, layer),
        clearProblem: () => forgetProblem(elements, state),
      },
    ),
    gradCam: new GradCamPanel(
      {
        toggle: requireElement("#gradcam-toggle"),
        classSelect: requireElement("#gradcam-class"),
        result: requireElement("#gradcam-result"),
      },
      { input, onProblem },
    ),
    samples: new SampleStrip(requireElement("#sample-strip"), (image, describe) =>
      elements.input.pick(image, describe),
    ),
    report: new ReportPanel(
      {
        language: requireElement("#report-language"),
        button: requireElement("#report-button"),
        status: requireElement("#report-status"),
        links: requireElement("#report-links"),
        pdf: requireElement("#report-pdf"),
        html: requireElement("#report-html"),
      },
      onProblem,
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
    error: null,
  };
  const elements = findElements(state);

  setLanguage(resolveInitialLanguage(window.location));
  onLanguageChange(() => renderAll(elements, state));
  bindLanguageToggle(elements.languageToggle);
  elements.modelSelect.addEventListener("change", () => {
    const model = state.models[Number(elements.modelSelect.value)] ?? null;
    selectModel(elements, state, model);
  });
  renderAll(elements, state);
  loadModels(elements, state);
}

/**
 * The image is gone: so is everything computed from it.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function clearImage(elements, state) {
  elements.layers.clearImage();
  elements.gradCam.clear();
  state.error = null;
  renderAll(elements, state);
}

/**
 * Recompute what depends on the image: the open layer's maps (and open map), Grad-CAM.
 * @param {PageElements} elements
 */
function refreshForImage(elements) {
  elements.layers.refresh();
  elements.gradCam.load();
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
 * The problem shown is over.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function forgetProblem(elements, state) {
  state.error = null;
  clearProblem(elements.problem);
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
  elements.layers.reset(model);
  elements.gradCam.forget();
  renderAll(elements, state);
  if (model && (await elements.layers.loadLayers(model))) {
    renderAll(elements, state);
    elements.gradCam.load();
  }
}

/**
 * A layer was picked in the strip: show it, and its maps for the image.
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {LayerSummary} layer
 */
function selectLayer(elements, state, layer) {
  elements.layers.select(layer);
  forgetProblem(elements, state);
  renderAll(elements, state);
  if (elements.input.isWaiting()) {
    elements.input.refreshNow(); // A fresh stroke: no need to wait any longer.
  } else if (elements.input.image) {
    elements.layers.refresh();
  }
}

/**
 * Render everything that depends on the state or the language.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderAll(elements, state) {
  renderModelSelect(elements, state);
  elements.gradCam.renderClassSelect();
  elements.input.render();
  elements.layers.render();
  elements.gradCam.render();
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

// Entry module: module scripts run after the document is parsed, so start now.
initExplorerPage();
