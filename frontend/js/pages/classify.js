// @ts-check
/**
 * The digit-recognition page: draw or upload an image, ask the vision service, show
 * its top classes and the 28×28 input it really saw. Entry module of index.html.
 */

import { getHealth } from "../api.js";
import { listVisionModels, predictImage } from "../api-vision.js";
import { registerDrawingCanvas, STROKE_END_EVENT } from "../components/drawing-canvas.js";
import {
  renderPredictions,
  renderResultsMessage,
} from "../components/prediction-results.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import {
  bindLanguageToggle,
  formatPercent,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { requireElement, revealIfHidden } from "../dom.js";
import { LatestCall } from "../latest.js";

const TOP_K = 3;
// Long enough to let a second stroke start (a "4", a "7" with a bar), short
// enough to feel immediate.
const AUTO_PREDICT_DELAY_MS = 700;

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {import("../components/drawing-canvas.js").DrawingCanvas} drawing
 * @property {HTMLCanvasElement} canvas
 * @property {HTMLButtonElement} clearButton
 * @property {HTMLButtonElement} predictButton
 * @property {HTMLInputElement} autoPredict
 * @property {HTMLInputElement} uploadInput
 * @property {HTMLElement} dropZone
 * @property {HTMLElement} uploadName
 * @property {HTMLElement} results
 * @property {HTMLElement} problem
 * @property {HTMLElement} modelInfo
 * @property {HTMLElement} healthInfo
 */

/**
 * @typedef {object} PageState
 * @property {import("../api-vision.js").PredictionResponse | null} response
 * @property {unknown} error
 * @property {string} uploadName
 * @property {LatestCall} prediction  Only the latest answer is shown.
 * @property {number | undefined} autoPredictTimer
 * @property {import("../api-vision.js").ModelSummary | null | undefined} servingModel
 * @property {"ok" | "degraded" | "unknown"} healthStatus
 */

/** @returns {PageElements} */
function findElements() {
  return {
    languageToggle: requireElement("#language-toggle"),
    drawing: requireElement("lab-drawing-canvas"),
    canvas: requireElement("lab-drawing-canvas canvas"),
    clearButton: requireElement("#clear-button"),
    predictButton: requireElement("#predict-button"),
    autoPredict: requireElement("#auto-predict"),
    uploadInput: requireElement("#upload-input"),
    dropZone: requireElement("#drop-zone"),
    uploadName: requireElement("#upload-name"),
    results: requireElement("#results"),
    problem: requireElement("#problem"),
    modelInfo: requireElement("#model-info"),
    healthInfo: requireElement("#health-info"),
  };
}

/** Set up the page: language, drawing, upload, results and footer. */
export function initClassifyPage() {
  defineSiteHeader();
  registerDrawingCanvas();
  const elements = findElements();
  /** @type {PageState} */
  const state = {
    response: null,
    error: null,
    uploadName: "",
    prediction: new LatestCall(),
    autoPredictTimer: undefined,
    servingModel: undefined,
    healthStatus: "unknown",
  };

  setLanguage(resolveInitialLanguage(window.location));
  onLanguageChange(() => renderAll(elements, state));
  bindLanguageToggle(elements.languageToggle);
  bindDrawing(elements, state);
  bindUpload(elements, state);
  renderAll(elements, state);
  loadFooter(elements, state);
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function bindDrawing(elements, state) {
  const predictDrawing = () => {
    window.clearTimeout(state.autoPredictTimer);
    state.uploadName = "";
    return predict(elements, state, elements.drawing.toPngBlob());
  };
  const clearDrawing = () => {
    window.clearTimeout(state.autoPredictTimer);
    state.prediction.drop(); // An answer still on its way is for the old drawing.
    elements.drawing.clear();
    Object.assign(state, { response: null, error: null, uploadName: "" });
    setBusy(elements, state, false);
    renderAll(elements, state);
  };

  elements.predictButton.addEventListener("click", predictDrawing);
  elements.clearButton.addEventListener("click", clearDrawing);
  elements.drawing.addEventListener(STROKE_END_EVENT, () => {
    window.clearTimeout(state.autoPredictTimer);
    if (elements.autoPredict.checked) {
      state.autoPredictTimer = window.setTimeout(predictDrawing, AUTO_PREDICT_DELAY_MS);
    }
  });
  // Restart the countdown while the next stroke is being drawn.
  elements.canvas.addEventListener("pointerdown", () =>
    window.clearTimeout(state.autoPredictTimer),
  );
  elements.canvas.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      predictDrawing();
    } else if (["Delete", "Backspace", "Escape"].includes(event.key)) {
      event.preventDefault();
      clearDrawing();
    }
  });
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function bindUpload(elements, state) {
  /** @param {File | undefined} file */
  const predictFile = (file) => {
    if (!file) {
      return;
    }
    window.clearTimeout(state.autoPredictTimer);
    state.uploadName = file.name;
    predict(elements, state, file);
  };

  elements.uploadInput.addEventListener("change", () => {
    predictFile(elements.uploadInput.files?.[0]);
    elements.uploadInput.value = ""; // Choosing the same file again still counts.
  });

  const { dropZone } = elements;
  const setDragging = (/** @type {boolean} */ isDragging) => {
    dropZone.classList.toggle("is-dragging", isDragging);
  };
  for (const type of ["dragenter", "dragover"]) {
    dropZone.addEventListener(type, (event) => {
      event.preventDefault(); // Without it the browser opens the file instead.
      setDragging(true);
    });
  }
  dropZone.addEventListener("dragleave", (event) => {
    if (!dropZone.contains(/** @type {Node | null} */ (event.relatedTarget))) {
      setDragging(false);
    }
  });
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    setDragging(false);
    predictFile(event.dataTransfer?.files[0]);
  });
}

/**
 * Send `image` for classification and show the answer (or the problem).
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {Blob} image
 */
async function predict(elements, state, image) {
  const { signal, isCurrent } = state.prediction.begin();
  setBusy(elements, state, true);
  try {
    const response = await predictImage(image, { topK: TOP_K, filename: "drawing.png", signal });
    if (isCurrent()) {
      Object.assign(state, { response, error: null });
    }
  } catch (error) {
    if (isCurrent()) {
      Object.assign(state, { response: null, error });
    }
  } finally {
    if (isCurrent()) {
      setBusy(elements, state, false);
      renderAll(elements, state);
      revealIfHidden(state.error ? elements.problem : elements.results);
    }
  }
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {boolean} isBusy
 */
function setBusy(elements, state, isBusy) {
  const { results } = elements;
  results.setAttribute("aria-busy", String(isBusy));
  results.classList.toggle("is-busy", isBusy);
  if (isBusy && !state.response) {
    renderResultsMessage(results, translate("results.busy"));
  }
}

/**
 * Render everything that depends on the state or the language.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderAll(elements, state) {
  const { results, problem, uploadName } = elements;
  if (state.response) {
    renderPredictions(results, state.response);
  } else if (state.error) {
    results.replaceChildren(); // The problem above says what happened.
  } else if (results.getAttribute("aria-busy") !== "true") {
    renderResultsMessage(results, translate("results.empty"));
  }
  if (state.error) {
    showProblem(problem, state.error);
  } else {
    clearProblem(problem);
  }
  uploadName.textContent = state.uploadName
    ? translate("upload.chosen", { name: state.uploadName })
    : "";
  renderFooter(elements, state);
}

/**
 * Ask which model serves and whether the services are up; the footer shows it.
 * @param {PageElements} elements
 * @param {PageState} state
 */
async function loadFooter(elements, state) {
  const [models, health] = await Promise.allSettled([listVisionModels(), getHealth()]);
  state.servingModel =
    models.status === "fulfilled"
      ? (models.value.find((model) => model.is_serving) ?? null)
      : null;
  if (health.status === "fulfilled") {
    state.healthStatus = health.value.status === "ok" ? "ok" : "degraded";
  } else {
    state.healthStatus = "unknown";
  }
  renderFooter(elements, state);
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderFooter(elements, state) {
  const { modelInfo, healthInfo } = elements;
  const model = state.servingModel;
  if (model === undefined) {
    modelInfo.textContent = "";
  } else if (model === null) {
    modelInfo.textContent = translate("footer.model.none");
  } else {
    const { name, version, metrics } = model.metadata;
    const accuracy = metrics?.test_accuracy;
    const parts = [translate("footer.model", { name, version })];
    if (typeof accuracy === "number") {
      parts.push(translate("footer.accuracy", { accuracy: formatPercent(accuracy) }));
    }
    modelInfo.textContent = parts.join(" · ");
  }
  healthInfo.textContent = translate(`footer.health.${state.healthStatus}`);
  healthInfo.dataset.health = state.healthStatus;
}

// Entry module: module scripts run after the document is parsed, so start now.
initClassifyPage();
