// @ts-check
/** Sentiment endpoints: the LSTM's predictions and explanations, the inside of
 * its cell, and the comparison with Mistral. */

import { requestJson } from "./api.js";

/** @typedef {import("./api.js").ApiProblem} ApiProblem */
/** @typedef {import("./api.js").ModelRef} ModelRef */
/** @typedef {import("./api.js").Cancel} Cancel */

/** @typedef {"fr" | "en"} TextLanguage */

/**
 * @typedef {object} SentimentPrediction
 * @property {"positive" | "negative"} label
 * @property {number} probability  Probability of `label`, 0.5..1.
 * @property {number} positive_probability  0..1
 * @property {TextLanguage} language
 * @property {boolean} language_detected  False when the language hint was used.
 * @property {ModelRef} model
 */

/**
 * @typedef {object} TokenContribution
 * @property {string} token  A word of the text as written.
 * @property {number} start  Offset of the word in the text, in characters (code points).
 * @property {number} end
 * @property {number} occlusion  Positive probability minus that without this word.
 * @property {number} gradient_x_input  0 for words outside the vocabulary.
 * @property {boolean} in_vocabulary
 */

/**
 * @typedef {object} SentimentExplanation
 * @property {SentimentPrediction} prediction
 * @property {TokenContribution[]} tokens
 * @property {number[]} trajectory  Positive probability after each word prefix.
 */

/**
 * @typedef {object} CellWord
 * @property {string} text  A word of the text as written.
 * @property {number} start
 * @property {number} end
 * @property {number} tokens  Tokens the model reads in it (0: not read).
 */

/**
 * @typedef {object} CellUnit
 * @property {"forward" | "backward"} direction
 * @property {number} index
 * @property {number} correlation  With the running opinion, -1..1.
 */

/**
 * @typedef {object} CellSignal  A gate or a state of the units shown.
 * @property {string} name  input, forget, output, update, reset, cell_state, hidden_state
 * @property {string} label  In the page's language.
 * @property {string} explanation  Two sentences, in the page's language.
 * @property {(number | null)[][]} values  [unit][word]; null: word not read.
 */

/**
 * @typedef {object} CellStates
 * @property {ModelRef} model
 * @property {string} layer
 * @property {"lstm" | "gru" | "simple-rnn"} cell
 * @property {number} units_per_direction
 * @property {boolean} bidirectional
 * @property {CellWord[]} words
 * @property {CellUnit[]} units
 * @property {string} selection  How the units were chosen.
 * @property {string} columns  How a word's column is read.
 * @property {CellSignal[]} gates  Empty for a SimpleRNN.
 * @property {CellSignal | null} cell_state  LSTM only.
 * @property {CellSignal} hidden_state
 * @property {number} positive_probability
 * @property {number[]} trajectory
 */

/**
 * @typedef {object} MistralVerdict
 * @property {"positive" | "negative"} label
 * @property {number} confidence  0..1
 * @property {string} rationale  One sentence, in the text's language.
 * @property {string} model
 * @property {number} latency_ms
 * @property {boolean} cached
 * @property {{prompt_tokens: number, completion_tokens: number} | null} [usage]
 */

/**
 * @typedef {object} SentimentComparison
 * @property {TextLanguage} language
 * @property {SentimentPrediction & {latency_ms: number}} lstm
 * @property {MistralVerdict} mistral
 * @property {boolean} agree
 */

/**
 * A JSON POST to a sentiment endpoint; `language` is left out when not given.
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @param {TextLanguage | null | undefined} language
 * @param {Cancel} [options]
 * @returns {Promise<any>}
 * @throws {ApiProblem}
 */
function postText(path, body, language, { signal } = {}) {
  return requestJson(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(language ? { ...body, language } : body),
    signal,
  });
}

/**
 * The LSTM's sentiment of one text or of several (answered in the same order).
 * @param {string | string[]} texts  At most 256 texts of at most 5,000 characters.
 * @param {TextLanguage | null} [language]  null or omitted: detected from each text.
 * @param {Cancel} [options]
 * @returns {Promise<SentimentPrediction[]>}
 * @throws {ApiProblem} `/problems/validation` for an empty or too long text.
 */
export async function predictSentiment(texts, language = null, options = {}) {
  const body = typeof texts === "string" ? { text: texts } : { texts };
  const response = await postText("/sentiment/predictions", body, language, options);
  return response.predictions;
}

/**
 * The LSTM's sentiment of `text`, with the contribution of each word and the
 * positive probability after each word prefix.
 * @param {string} text
 * @param {TextLanguage | null} [language]  null or omitted: detected from the text.
 * @param {Cancel} [options]
 * @returns {Promise<SentimentExplanation>}
 * @throws {ApiProblem}
 */
export function explainSentiment(text, language = null, options = {}) {
  return postText("/sentiment/explanations", { text }, language, options);
}

/**
 * The verdicts of the LSTM and of Mistral on `text`, side by side.
 * @param {string} text
 * @param {TextLanguage | null} [language]  null or omitted: detected from the text.
 * @param {Cancel} [options]
 * @returns {Promise<SentimentComparison>}
 * @throws {ApiProblem} `/problems/feature-unavailable` (503) when Mistral is not
 *   configured on the server.
 */
export function compareWithMistral(text, language = null, options = {}) {
  return postText("/sentiment/comparisons", { text }, language, options);
}

/**
 * The gates and states of `model`'s recurrent cell on `text`, word by word, for
 * the units that track its opinion best; names and explanations in the page's
 * language.
 * @param {ModelRef} model  The model that judged the text (from its prediction).
 * @param {string} text  At most 300 words.
 * @param {number} [units]  1..32; 8 by default.
 * @param {Cancel} [options]
 * @returns {Promise<CellStates>}
 * @throws {ApiProblem} `/problems/no-recurrent-layer` (422) for a model without
 *   an LSTM, GRU or SimpleRNN; `/problems/validation` past 300 words.
 */
export function lookInsideCell(model, text, units = 8, options = {}) {
  const name = encodeURIComponent(model.name);
  const version = encodeURIComponent(model.version);
  const path = `/sentiment/models/${name}/versions/${version}/cell-states`;
  return postText(path, { text, units }, null, options);
}
