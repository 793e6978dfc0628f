// @ts-check
/**
 * The sentiment page's comparison: the LSTM's and Mistral's verdicts side by side,
 * or a panel saying Mistral is not configured. Takes data, returns nodes.
 */

import {
  formatInteger,
  formatMilliseconds,
  formatPercent,
  translate,
} from "../i18n.js";

/** @typedef {import("../api.js").ApiProblem} ApiProblem */
/** @typedef {import("../api-sentiment.js").SentimentComparison} SentimentComparison */

/**
 * @param {ApiProblem} problem  The 503 `/problems/feature-unavailable` answer.
 * @returns {HTMLElement}
 */
export function renderUnavailable(problem) {
  const panel = document.createElement("div");
  panel.className = "unavailable";
  const title = document.createElement("p");
  title.className = "unavailable-title";
  title.textContent = translate("sentiment.compare.unavailable.title");
  const parts = [title];
  if (problem.detail) {
    const detail = document.createElement("p");
    detail.className = "unavailable-detail";
    detail.textContent = problem.detail; // The server's sentence, in the page's language.
    parts.push(detail);
  }
  const still = document.createElement("p");
  still.className = "hint";
  still.textContent = translate("sentiment.compare.unavailable.lstm");
  parts.push(still);
  panel.append(...parts);
  return panel;
}

/**
 * @param {SentimentComparison} comparison
 * @returns {HTMLElement[]}
 */
export function renderVerdicts(comparison) {
  const { lstm, mistral } = comparison;
  const agreement = document.createElement("p");
  agreement.className = "agreement";
  agreement.dataset.agree = String(comparison.agree);
  agreement.textContent = translate(comparison.agree ? "sentiment.compare.agree" : "sentiment.compare.disagree");

  const lstmCard = renderCard(translate("sentiment.compare.lstm.heading"), [
    [translate("sentiment.compare.label"), translate(`sentiment.label.${lstm.label}`)],
    [translate("sentiment.compare.confidence"), formatPercent(lstm.probability)],
    [translate("sentiment.compare.latency"), formatMilliseconds(lstm.latency_ms)],
    [translate("sentiment.compare.model"), `${lstm.model.name} v${lstm.model.version}`],
  ]);
  const rows = [
    [translate("sentiment.compare.label"), translate(`sentiment.label.${mistral.label}`)],
    [translate("sentiment.compare.confidence"), formatPercent(mistral.confidence)],
    [translate("sentiment.compare.latency"), formatMilliseconds(mistral.latency_ms)],
    [translate("sentiment.compare.model"), mistral.model],
  ];
  if (mistral.usage) {
    rows.push([
      translate("sentiment.compare.usage"),
      translate("sentiment.compare.usage.value", {
        prompt: formatInteger(mistral.usage.prompt_tokens),
        completion: formatInteger(mistral.usage.completion_tokens),
      }),
    ]);
  }
  const mistralCard = renderCard(translate("sentiment.compare.mistral.heading"), rows);
  mistralCard.dataset.model = "mistral";
  if (mistral.cached) {
    const badge = document.createElement("p");
    badge.className = "badge";
    badge.textContent = translate("sentiment.compare.cached");
    mistralCard.append(badge);
  }
  const rationale = document.createElement("blockquote");
  rationale.className = "rationale";
  rationale.lang = comparison.language;
  rationale.textContent = mistral.rationale;
  const rationaleCaption = document.createElement("p");
  rationaleCaption.className = "rationale-caption";
  rationaleCaption.textContent = translate("sentiment.compare.rationale");
  mistralCard.append(rationaleCaption, rationale);

  const grid = document.createElement("div");
  grid.className = "comparison-grid";
  grid.append(lstmCard, mistralCard);
  return [agreement, grid];
}

/**
 * @param {string} heading
 * @param {string[][]} rows  [term, value] pairs.
 * @returns {HTMLElement}
 */
function renderCard(heading, rows) {
  const card = document.createElement("section");
  card.className = "verdict-card";
  const title = document.createElement("h3");
  title.textContent = heading;
  const list = document.createElement("dl");
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  card.append(title, list);
  return card;
}
