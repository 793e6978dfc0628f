// @ts-check
/**
 * The analysed text with each word coloured by its contribution to the verdict:
 * green towards positive, red towards negative, stronger for larger contributions.
 * The direction is also given by an arrow and the underline style (colour is never
 * the only cue), and each word is focusable (one tab stop, arrow keys move) with a
 * tooltip giving both scores.
 */

import { getLanguage, translate } from "../i18n.js";

/** @typedef {import("../api-sentiment.js").TokenContribution} TokenContribution */
/** @typedef {"occlusion" | "gradient_x_input"} ContributionMethod */

// Below this share of the largest contribution a word is drawn as neutral: the
// colour would be too faint to read anyway.
const NEUTRAL_SHARE = 0.05;

/**
 * Show `text` in `container` with its words coloured by `method`.
 * @param {HTMLElement} container
 * @param {string} text  The text exactly as it was analysed.
 * @param {TokenContribution[]} tokens  In text order.
 * @param {ContributionMethod} method
 */
export function renderTokenHighlights(container, text, tokens, method) {
  const largest = Math.max(0, ...tokens.map((token) => Math.abs(token[method])));
  const paragraph = document.createElement("p");
  paragraph.className = "token-text";
  paragraph.setAttribute("role", "group");
  paragraph.setAttribute("aria-label", translate("sentiment.tokens.label"));
  // Offsets count code points (the server is Python), not UTF-16 units.
  const characters = Array.from(text);
  let cursor = 0;
  tokens.forEach((token, index) => {
    const fits = token.start >= cursor && token.end <= characters.length;
    const gap = fits ? characters.slice(cursor, token.start).join("") : " ";
    if (gap) {
      paragraph.append(gap);
    }
    paragraph.append(renderToken(token, index, method, largest, container.id));
    cursor = fits ? token.end : cursor;
  });
  paragraph.append(characters.slice(cursor).join(""));
  bindRovingFocus(paragraph);

  const parts = [paragraph, renderLegend()];
  if (tokens.some((token) => !token.in_vocabulary)) {
    const note = document.createElement("p");
    note.className = "hint token-note";
    note.textContent = translate("sentiment.tokens.oov.note");
    parts.push(note);
  }
  container.replaceChildren(...parts);
}

/**
 * @param {TokenContribution} token
 * @param {number} index
 * @param {ContributionMethod} method
 * @param {number} largest  The largest |value| of the text, for the intensity.
 * @param {string} prefix  Keeps the tooltip ids unique on the page.
 * @returns {HTMLElement}
 */
function renderToken(token, index, method, largest, prefix) {
  const value = token[method];
  const share = largest > 0 ? Math.abs(value) / largest : 0;
  const direction = share < NEUTRAL_SHARE ? "neutral" : value > 0 ? "positive" : "negative";
  const word = document.createElement("span");
  word.className = "token";
  word.textContent = token.token;
  word.tabIndex = index === 0 ? 0 : -1;
  word.dataset.direction = direction;
  word.dataset.vocabulary = String(token.in_vocabulary);
  word.style.setProperty("--token-strength", share.toFixed(3));

  const tip = document.createElement("span");
  tip.className = "token-tip";
  tip.id = `${prefix || "tokens"}-tip-${index}`;
  // Read once as the word's description, not a second time as part of the text.
  tip.setAttribute("aria-hidden", "true");
  tip.textContent = describeToken(token, direction);
  word.setAttribute("aria-describedby", tip.id);
  word.append(tip);
  return word;
}

/**
 * "▲ vers positif · occlusion +0,120 · gradient × entrée +0,034 (hors vocabulaire)"
 * @param {TokenContribution} token
 * @param {string} direction
 * @returns {string}
 */
function describeToken(token, direction) {
  const parts = [
    translate(`sentiment.tokens.direction.${direction}`),
    translate("sentiment.tokens.score.occlusion", { value: formatSigned(token.occlusion) }),
    translate("sentiment.tokens.score.gradient", { value: formatSigned(token.gradient_x_input) }),
  ];
  if (!token.in_vocabulary) {
    parts.push(translate("sentiment.tokens.oov"));
  }
  return parts.join(" · ");
}

/**
 * A contribution with its sign and three decimals, in the page language.
 * @param {number} value
 * @returns {string}
 */
function formatSigned(value) {
  return new Intl.NumberFormat(getLanguage(), {
    signDisplay: "exceptZero",
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  }).format(value);
}

/** @returns {HTMLElement} The colour scale, with words as well as colours. */
function renderLegend() {
  const legend = document.createElement("p");
  legend.className = "token-legend";
  const negative = document.createElement("span");
  negative.className = "token-legend-end";
  negative.textContent = translate("sentiment.tokens.legend.negative");
  const scale = document.createElement("span");
  scale.className = "token-legend-scale";
  scale.setAttribute("aria-hidden", "true");
  const positive = document.createElement("span");
  positive.className = "token-legend-end";
  positive.textContent = translate("sentiment.tokens.legend.positive");
  legend.append(negative, scale, positive);
  return legend;
}

/**
 * One tab stop for the whole text; Left/Right/Home/End move between words.
 * @param {HTMLElement} paragraph
 */
function bindRovingFocus(paragraph) {
  paragraph.addEventListener("keydown", (event) => {
    const words = /** @type {HTMLElement[]} */ ([...paragraph.querySelectorAll(".token")]);
    const current = words.indexOf(/** @type {HTMLElement} */ (event.target));
    if (current < 0) {
      return;
    }
    /** @type {Record<string, number>} */
    const moves = {
      ArrowRight: current + 1,
      ArrowDown: current + 1,
      ArrowLeft: current - 1,
      ArrowUp: current - 1,
      Home: 0,
      End: words.length - 1,
    };
    if (!(event.key in moves)) {
      return;
    }
    event.preventDefault();
    const next = words[Math.min(words.length - 1, Math.max(0, moves[event.key]))];
    words[current].tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}
