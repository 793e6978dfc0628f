// @ts-check
/**
 * The sentiment page: write (or pick) a text, let the LSTM judge it, see which words
 * pushed it where and how the opinion evolved word after word, look inside its
 * cell (gates and states per word), then compare with Mistral. Entry module of
 * sentiment.html.
 */

import { ApiProblem } from "../api.js";
import {
  compareWithMistral,
  explainSentiment,
  lookInsideCell,
  predictSentiment,
} from "../api-sentiment.js";
import {
  renderCellExplanations,
  renderCellLegend,
  renderCellTable,
} from "../components/cell-heatmap.js";
import { renderUnavailable, renderVerdicts } from "../components/comparison-view.js";
import { renderOpinionChart } from "../components/opinion-chart.js";
import { bindScrollCue } from "../components/scroll-cue.js";
import { clearProblem, showProblem } from "../components/problem-message.js";
import { defineSiteHeader } from "../components/site-header.js";
import { renderTokenHighlights } from "../components/token-highlights.js";
import {
  bindLanguageToggle,
  formatInteger,
  formatPercent,
  getLanguage,
  onLanguageChange,
  resolveInitialLanguage,
  setLanguage,
  translate,
} from "../i18n.js";
import { requireElement, revealIfHidden } from "../dom.js";
import { LatestCall } from "../latest.js";

/** @typedef {import("../api-sentiment.js").TextLanguage} TextLanguage */
/** @typedef {import("../api-sentiment.js").SentimentPrediction} SentimentPrediction */
/** @typedef {import("../api-sentiment.js").SentimentExplanation} SentimentExplanation */
/** @typedef {import("../api-sentiment.js").SentimentComparison} SentimentComparison */
/** @typedef {import("../api-sentiment.js").CellStates} CellStates */
/** @typedef {import("../components/token-highlights.js").ContributionMethod} ContributionMethod */

// Same limit as the API (lab_common.text.schemas.MAX_TEXT_CHARACTERS).
const MAX_TEXT_CHARACTERS = 5000;
const NEAR_LIMIT_SHARE = 0.9;
const FEATURE_UNAVAILABLE_TYPE = "/problems/feature-unavailable";
const VALIDATION_TYPE = "/problems/validation";
const CELL_NAMES = { lstm: "LSTM", gru: "GRU", "simple-rnn": "SimpleRNN" };

/** Sentences to try, kept in their own language whatever the page language. */
const EXAMPLES = /** @type {const} */ ([
  { lang: "fr", text: "Ce film est une pure merveille, les acteurs sont formidables." },
  { lang: "fr", text: "Quelle déception : une intrigue creuse et des dialogues ennuyeux." },
  { lang: "fr", text: "Le service était lent, mais le repas était délicieux." },
  { lang: "en", text: "An absolute delight from start to finish, I loved every minute." },
  { lang: "en", text: "The plot was dull and the acting was painfully bad." },
  { lang: "en", text: "Not bad at all, though the ending felt a little rushed." },
]);

/**
 * @typedef {object} PageElements
 * @property {HTMLButtonElement} languageToggle
 * @property {HTMLFormElement} form
 * @property {HTMLButtonElement} analyseButton
 * @property {HTMLTextAreaElement} text
 * @property {HTMLElement} counter
 * @property {HTMLSelectElement} languageSelect
 * @property {HTMLUListElement} examples
 * @property {HTMLElement} result
 * @property {HTMLInputElement[]} methodInputs
 * @property {HTMLElement} methodHint
 * @property {HTMLElement} highlights
 * @property {HTMLElement} chart
 * @property {HTMLButtonElement} cellsButton
 * @property {HTMLElement} cellsProblem
 * @property {HTMLElement} cellsStatus
 * @property {HTMLElement} cellsFrame
 * @property {HTMLElement} cellsMap
 * @property {HTMLElement} cellsDetails
 * @property {HTMLButtonElement} compareButton
 * @property {HTMLElement} comparison
 * @property {HTMLElement} comparisonProblem
 * @property {HTMLElement} problem
 * @property {HTMLElement} modelInfo
 */

/**
 * @typedef {object} PageState
 * @property {string} analysedText  The text the explanation is about.
 * @property {string} verdictText  The text the verdict is about.
 * @property {SentimentPrediction | null} prediction  The verdict.
 * @property {unknown} error  Why there is no verdict.
 * @property {boolean} busy  The verdict is on its way.
 * @property {SentimentExplanation | null} explanation
 * @property {unknown} explanationError
 * @property {boolean} explanationBusy
 * @property {ContributionMethod} method
 * @property {CellStates | null} cells  Inside the cell of the verdict's model.
 * @property {string | null} cellsLanguage  The language `cells` is written in.
 * @property {unknown} cellsError
 * @property {boolean} cellsBusy
 * @property {SentimentComparison | null} comparison
 * @property {unknown} comparisonError
 * @property {boolean} comparisonBusy
 * @property {{analysis: LatestCall, comparison: LatestCall, cells: LatestCall}} calls
 *   Only the latest answer of each is shown.
 */

/** @returns {PageElements} */
function findElements() {
  return {
    languageToggle: requireElement("#language-toggle"),
    form: requireElement("#sentiment-form"),
    analyseButton: requireElement("#analyse-button"),
    text: requireElement("#sentiment-text"),
    counter: requireElement("#text-counter"),
    languageSelect: requireElement("#language-select"),
    examples: requireElement("#example-list"),
    result: requireElement("#sentiment-result"),
    methodInputs: [...document.querySelectorAll('input[name="contribution-method"]')].map(
      (input) => /** @type {HTMLInputElement} */ (input),
    ),
    methodHint: requireElement("#method-hint"),
    highlights: requireElement("#token-highlights"),
    chart: requireElement("#opinion-chart"),
    cellsButton: requireElement("#cells-button"),
    cellsProblem: requireElement("#cells-problem"),
    cellsStatus: requireElement("#cells-status"),
    cellsFrame: requireElement("#cells-frame"),
    cellsMap: requireElement("#cells-map"),
    cellsDetails: requireElement("#cells-details"),
    compareButton: requireElement("#compare-button"),
    comparison: requireElement("#comparison"),
    comparisonProblem: requireElement("#comparison-problem"),
    problem: requireElement("#problem"),
    modelInfo: requireElement("#model-info"),
  };
}

/** Set up the page: language, text input, examples, analysis and comparison. */
export function initSentimentPage() {
  defineSiteHeader();
  const elements = findElements();
  /** @type {PageState} */
  const state = {
    analysedText: "",
    verdictText: "",
    prediction: null,
    error: null,
    busy: false,
    explanation: null,
    explanationError: null,
    explanationBusy: false,
    method: "occlusion",
    cells: null,
    cellsLanguage: null,
    cellsError: null,
    cellsBusy: false,
    comparison: null,
    comparisonError: null,
    comparisonBusy: false,
    calls: { analysis: new LatestCall(), comparison: new LatestCall(), cells: new LatestCall() },
  };

  setLanguage(resolveInitialLanguage(window.location));
  onLanguageChange(() => {
    renderAll(elements, state);
    // The names and explanations of the gates come from the server: ask again.
    if (state.cells && state.cellsLanguage !== getLanguage()) {
      lookInside(elements, state);
    }
  });
  bindLanguageToggle(elements.languageToggle);
  bindScrollCue(requireElement(".sentiment-explanation .scroll-frame"));
  bindScrollCue(elements.cellsFrame);
  bindInput(elements, state);
  bindMethod(elements, state);
  elements.cellsButton.addEventListener("click", () => lookInside(elements, state));
  elements.compareButton.addEventListener("click", () => compare(elements, state));
  renderExamples(elements, state);
  renderAll(elements, state);
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function bindInput(elements, state) {
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    analyse(elements, state);
  });
  // Disabled in the markup: a click before this module ran would reload the page.
  elements.analyseButton.disabled = false;
  elements.text.addEventListener("input", () => renderCounter(elements));
  elements.text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      elements.form.requestSubmit();
    }
  });
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function bindMethod(elements, state) {
  for (const input of elements.methodInputs) {
    input.addEventListener("change", () => {
      if (input.checked) {
        state.method = input.value === "gradient_x_input" ? "gradient_x_input" : "occlusion";
        renderExplanation(elements, state);
      }
    });
  }
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderExamples(elements, state) {
  const items = EXAMPLES.map(({ lang, text }) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "example";
    button.lang = lang;
    button.textContent = text;
    button.addEventListener("click", () => {
      elements.text.value = text;
      elements.languageSelect.value = "";
      renderCounter(elements);
      analyse(elements, state);
    });
    item.append(button);
    return item;
  });
  elements.examples.replaceChildren(...items);
}

/**
 * The language hint chosen by the user, or null to let the server detect it.
 * @param {PageElements} elements
 * @returns {TextLanguage | null}
 */
function chosenLanguage(elements) {
  const { value } = elements.languageSelect;
  return value === "fr" || value === "en" ? value : null;
}

/**
 * A problem with `text` found before asking the server, or null.
 * @param {string} text
 * @returns {ApiProblem | null}
 */
function checkText(text) {
  if (!text.trim()) {
    return new ApiProblem({ type: VALIDATION_TYPE, status: 422, detail: translate("sentiment.error.empty") });
  }
  if (text.length > MAX_TEXT_CHARACTERS) {
    const detail = translate("sentiment.error.long", {
      count: formatInteger(text.length),
      max: formatInteger(MAX_TEXT_CHARACTERS),
    });
    return new ApiProblem({ type: VALIDATION_TYPE, status: 422, detail });
  }
  return null;
}

/**
 * Ask the LSTM for its verdict on the text and for the explanation, and show each
 * as it comes: the verdict is one model call, the explanation one per word, and
 * an explanation that fails must not hide the verdict.
 * @param {PageElements} elements
 * @param {PageState} state
 */
async function analyse(elements, state) {
  const text = elements.text.value;
  const turn = state.calls.analysis.begin();
  const invalid = checkText(text);
  if (invalid) {
    Object.assign(state, { error: invalid, busy: false, explanationBusy: false });
    renderAll(elements, state);
    elements.text.focus();
    return;
  }
  Object.assign(state, { busy: true, error: null, explanationBusy: true, explanationError: null });
  // The cell shown was the previous text's.
  state.calls.cells.drop();
  Object.assign(state, { cells: null, cellsError: null, cellsBusy: false });
  renderAll(elements, state);
  const language = chosenLanguage(elements);
  await Promise.all([
    fetchVerdict(elements, state, { text, language, turn }),
    fetchExplanation(elements, state, { text, language, turn }),
  ]);
}

/**
 * @typedef {object} AnalysisRequest
 * @property {string} text
 * @property {TextLanguage | null} language
 * @property {import("../latest.js").Turn} turn  Stale once a newer analysis started.
 */

/**
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {AnalysisRequest} request
 */
async function fetchVerdict(elements, state, { text, language, turn }) {
  const { signal, isCurrent } = turn;
  try {
    const [prediction] = await predictSentiment(text, language, { signal });
    if (isCurrent()) {
      // A new text: the previous comparison was about another one.
      state.calls.comparison.drop();
      Object.assign(state, {
        prediction,
        verdictText: text,
        comparison: null,
        comparisonError: null,
        comparisonBusy: false,
      });
    }
  } catch (error) {
    if (isCurrent()) {
      Object.assign(state, { prediction: null, error });
    }
  } finally {
    if (isCurrent()) {
      state.busy = false;
      renderAll(elements, state);
      revealIfHidden(state.error ? elements.problem : elements.result);
    }
  }
}

/**
 * @param {PageElements} elements
 * @param {PageState} state
 * @param {AnalysisRequest} request
 */
async function fetchExplanation(elements, state, { text, language, turn }) {
  const { signal, isCurrent } = turn;
  try {
    const explanation = await explainSentiment(text, language, { signal });
    if (isCurrent()) {
      Object.assign(state, { explanation, analysedText: text });
    }
  } catch (error) {
    if (isCurrent()) {
      Object.assign(state, { explanation: null, explanationError: error });
    }
  } finally {
    if (isCurrent()) {
      state.explanationBusy = false;
      renderExplanation(elements, state);
    }
  }
}

/**
 * Ask for the LSTM and Mistral verdicts side by side.
 * @param {PageElements} elements
 * @param {PageState} state
 */
async function compare(elements, state) {
  const text = elements.text.value;
  const { signal, isCurrent } = state.calls.comparison.begin();
  const invalid = checkText(text);
  if (invalid) {
    Object.assign(state, { comparison: null, comparisonError: invalid, comparisonBusy: false });
    renderComparison(elements, state);
    return;
  }
  Object.assign(state, { comparisonBusy: true, comparisonError: null });
  renderComparison(elements, state);
  try {
    const comparison = await compareWithMistral(text, chosenLanguage(elements), { signal });
    if (isCurrent()) {
      state.comparison = comparison;
    }
  } catch (error) {
    if (isCurrent()) {
      Object.assign(state, { comparison: null, comparisonError: error });
    }
  } finally {
    if (isCurrent()) {
      state.comparisonBusy = false;
      renderComparison(elements, state);
    }
  }
}

/**
 * Ask for the gates and states of the verdict's model on the verdict's text.
 * @param {PageElements} elements
 * @param {PageState} state
 */
async function lookInside(elements, state) {
  const { prediction } = state;
  if (!prediction) {
    return;
  }
  const { signal, isCurrent } = state.calls.cells.begin();
  const language = getLanguage();
  Object.assign(state, { cellsBusy: true, cellsError: null });
  renderCells(elements, state);
  try {
    const cells = await lookInsideCell(prediction.model, state.verdictText, undefined, { signal });
    if (isCurrent()) {
      Object.assign(state, { cells, cellsLanguage: language });
    }
  } catch (error) {
    if (isCurrent()) {
      Object.assign(state, { cells: null, cellsError: error });
    }
  } finally {
    if (isCurrent()) {
      state.cellsBusy = false;
      renderCells(elements, state);
      revealIfHidden(state.cellsError ? elements.cellsProblem : elements.cellsStatus);
    }
  }
}

/**
 * Render everything that depends on the state or the language.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderAll(elements, state) {
  renderCounter(elements);
  if (state.error) {
    showProblem(elements.problem, state.error);
  } else {
    clearProblem(elements.problem);
  }
  renderVerdict(elements, state);
  renderExplanation(elements, state);
  renderCells(elements, state);
  renderComparison(elements, state);
}

/** @param {PageElements} elements */
function renderCounter(elements) {
  const count = elements.text.value.length;
  elements.counter.textContent = translate("sentiment.counter", {
    count: formatInteger(count),
    max: formatInteger(MAX_TEXT_CHARACTERS),
  });
  elements.counter.classList.toggle("is-near-limit", count >= MAX_TEXT_CHARACTERS * NEAR_LIMIT_SHARE);
}

/**
 * @param {HTMLElement} region
 * @param {boolean} isBusy
 */
function markBusy(region, isBusy) {
  region.setAttribute("aria-busy", String(isBusy));
  region.classList.toggle("is-busy", isBusy);
}

/**
 * @param {HTMLElement} container
 * @param {string} message
 * @param {boolean} [isBusy]
 */
function renderMessage(container, message, isBusy = false) {
  const paragraph = document.createElement("p");
  paragraph.className = isBusy ? "results-message is-busy" : "results-message";
  paragraph.textContent = message;
  container.replaceChildren(paragraph);
}

/**
 * The label, its probability, the language and the model.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderVerdict(elements, state) {
  const { result, modelInfo } = elements;
  markBusy(result, state.busy);
  const { prediction } = state;
  if (!prediction) {
    modelInfo.textContent = "";
    if (state.busy) {
      renderMessage(result, translate("results.busy"), true);
    } else if (state.error) {
      result.replaceChildren(); // The problem above says what happened.
    } else {
      renderMessage(result, translate("sentiment.result.empty"));
    }
    return;
  }
  const verdict = document.createElement("p");
  verdict.className = "sentiment-label";
  verdict.dataset.label = prediction.label;
  const caption = document.createElement("span");
  caption.className = "verdict-caption";
  caption.textContent = translate("sentiment.result.verdict");
  const label = document.createElement("span");
  label.className = "sentiment-chip";
  label.textContent = translate(`sentiment.label.${prediction.label}`);
  const probability = document.createElement("span");
  probability.className = "sentiment-probability";
  probability.textContent = formatPercent(prediction.probability);
  verdict.append(caption, " ", label, " ", probability);

  const facts = document.createElement("p");
  facts.className = "sentiment-facts";
  const languageName = translate(`sentiment.language.name.${prediction.language}`);
  const languageKey = prediction.language_detected
    ? "sentiment.result.detected"
    : "sentiment.result.hinted";
  const model = translate("sentiment.result.model", prediction.model);
  facts.append(
    translate("sentiment.result.positive", { value: formatPercent(prediction.positive_probability) }),
    document.createElement("br"),
    translate(languageKey, { language: languageName }),
    document.createElement("br"),
    model,
  );
  result.replaceChildren(verdict, facts);
  modelInfo.textContent = model;
}

/**
 * The coloured words and the running-opinion chart.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderExplanation(elements, state) {
  const { highlights, chart, methodHint } = elements;
  methodHint.textContent = translate(`sentiment.method.hint.${state.method}`);
  markBusy(highlights, state.explanationBusy);
  markBusy(chart, state.explanationBusy);
  const { explanation } = state;
  if (!explanation) {
    chart.replaceChildren();
    if (state.explanationError && !state.explanationBusy && !state.error) {
      renderExplanationFailure(highlights, state.explanationError);
    } else {
      const key = state.explanationBusy ? "results.busy" : "sentiment.explanation.empty";
      renderMessage(highlights, translate(key), state.explanationBusy);
    }
    return;
  }
  renderTokenHighlights(highlights, state.analysedText, explanation.tokens, state.method);
  const words = explanation.tokens.map((token) => token.token);
  renderOpinionChart(chart, words, explanation.trajectory);
}

/**
 * Say that the explanation failed while the verdict stands; a problem with the
 * text itself (too many words to explain) also says what to change.
 * @param {HTMLElement} container
 * @param {unknown} error
 */
function renderExplanationFailure(container, error) {
  renderMessage(container, translate("sentiment.explanation.failed"));
  if (error instanceof ApiProblem && error.status < 500 && error.detail) {
    const detail = document.createElement("p");
    detail.className = "results-message";
    detail.textContent = error.detail;
    container.append(detail);
  }
}

/**
 * The button, then what the cell did: a summary, the heat map, its legend and
 * the explanation of each gate and state.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderCells(elements, state) {
  const { cellsButton, cellsStatus, cellsFrame, cellsMap, cellsDetails, cellsProblem } =
    elements;
  cellsButton.disabled = !state.prediction || state.busy || state.cellsBusy;
  markBusy(cellsStatus, state.cellsBusy);
  if (state.cellsError) {
    showProblem(cellsProblem, state.cellsError);
  } else {
    clearProblem(cellsProblem);
  }
  const cells = state.cellsBusy ? null : state.cells;
  cellsFrame.hidden = !cells;
  if (!cells) {
    cellsMap.replaceChildren();
    cellsDetails.replaceChildren();
    if (state.cellsBusy) {
      renderMessage(cellsStatus, translate("sentiment.cells.busy"), true);
    } else if (state.cellsError) {
      cellsStatus.replaceChildren();
    } else {
      renderMessage(cellsStatus, translate("sentiment.cells.empty"));
    }
    return;
  }
  const summary = translate("sentiment.cells.summary", {
    cell: CELL_NAMES[cells.cell] ?? cells.cell,
    name: cells.model.name,
    version: cells.model.version,
    units: formatInteger(cells.units.length),
    total: formatInteger(cells.units_per_direction * (cells.bidirectional ? 2 : 1)),
    words: formatInteger(cells.words.length),
  });
  renderMessage(cellsStatus, summary);
  cellsMap.replaceChildren(renderCellTable(cells));
  const notes = [cells.selection, cells.columns].map((text) => {
    const paragraph = document.createElement("p");
    paragraph.className = "hint";
    paragraph.textContent = text;
    return paragraph;
  });
  cellsDetails.replaceChildren(renderCellLegend(cells), ...notes, renderCellExplanations(cells));
}

/**
 * The LSTM and Mistral verdicts side by side, or why Mistral is not there.
 * @param {PageElements} elements
 * @param {PageState} state
 */
function renderComparison(elements, state) {
  const { comparison, comparisonProblem } = elements;
  markBusy(comparison, state.comparisonBusy);
  const error = state.comparisonError;
  const isUnavailable = error instanceof ApiProblem && error.type === FEATURE_UNAVAILABLE_TYPE;
  if (error && !isUnavailable) {
    showProblem(comparisonProblem, error);
  } else {
    clearProblem(comparisonProblem);
  }
  if (state.comparisonBusy) {
    renderMessage(comparison, translate("sentiment.compare.busy"), true);
  } else if (isUnavailable) {
    comparison.replaceChildren(renderUnavailable(error));
  } else if (state.comparison) {
    comparison.replaceChildren(...renderVerdicts(state.comparison));
  } else {
    comparison.replaceChildren();
  }
}

// Entry module: module scripts run after the document is parsed, so start now.
initSentimentPage();
