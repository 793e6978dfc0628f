// @ts-check
/**
 * The page language: looking up UI strings (one dictionary per language, in
 * `i18n/fr.js` and `i18n/en.js`) and the number formats of each language. Static
 * markup names its strings with `data-i18n` (text) and `data-i18n-<attribute>`
 * (attributes); modules call `translate()`.
 */

import { ENGLISH } from "./i18n/en.js";
import { FRENCH } from "./i18n/fr.js";

/** @typedef {"fr" | "en"} Language */

/** @type {readonly Language[]} */
export const SUPPORTED_LANGUAGES = ["fr", "en"];

/** @type {Language} */
export const DEFAULT_LANGUAGE = "fr";

const STORAGE_KEY = "archilab.language";
// Attributes that markup can translate with `data-i18n-<attribute>="key"`.
const TRANSLATED_ATTRIBUTES = ["aria-label", "title", "alt", "lang"];

/** @type {Record<Language, Record<string, string>>} */
const MESSAGES = { fr: FRENCH, en: ENGLISH };

/** @type {Language} */
let currentLanguage = DEFAULT_LANGUAGE;

/** @type {Set<(language: Language) => void>} */
const listeners = new Set();

/**
 * @param {unknown} value
 * @returns {value is Language}
 */
function isLanguage(value) {
  return SUPPORTED_LANGUAGES.includes(/** @type {Language} */ (value));
}

/**
 * The language to start with: `?lang=` first, then the stored choice, then French.
 * @param {Location} location
 * @returns {Language}
 */
export function resolveInitialLanguage(location) {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (isLanguage(fromUrl)) {
    return fromUrl;
  }
  const stored = readStoredLanguage();
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/** @returns {string | null} */
function readStoredLanguage() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage can be disabled (private mode, strict settings).
  }
}

/** @returns {Language} The language the page is displayed in. */
export function getLanguage() {
  return currentLanguage;
}

/**
 * Switch the page language, remember it and notify listeners.
 * @param {Language} language
 * @param {{remember?: boolean}} [options] remember=false skips localStorage.
 */
export function setLanguage(language, { remember = true } = {}) {
  currentLanguage = language;
  document.documentElement.lang = language;
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Not remembered: the choice still holds until the page is left.
    }
  }
  applyTranslations(document);
  for (const listener of listeners) {
    listener(language);
  }
}

/**
 * Call `listener` after every language change.
 * @param {(language: Language) => void} listener
 */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/**
 * Whether `key` has a message in the current language.
 * @param {string} key
 * @returns {boolean}
 */
export function hasTranslation(key) {
  return key in MESSAGES[currentLanguage];
}

/**
 * The message `key` in the current language, with `{name}` placeholders filled.
 * Falls back to French, then to the key itself, so a gap shows instead of breaking.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function translate(key, params = {}) {
  const template = MESSAGES[currentLanguage][key] ?? MESSAGES[DEFAULT_LANGUAGE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (placeholder, name) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/**
 * A probability (0..1) as a percentage: "97,3 %" in French, "97.3%" in English.
 * @param {number} probability
 * @returns {string}
 */
export function formatPercent(probability) {
  return new Intl.NumberFormat(currentLanguage, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(probability);
}

/**
 * A whole number with the language's digit grouping: "1 234" / "1,234".
 * @param {number} value
 * @returns {string}
 */
export function formatInteger(value) {
  return new Intl.NumberFormat(currentLanguage).format(value);
}

/**
 * A duration in milliseconds: "1,2 ms" / "1.2 ms".
 * @param {number} milliseconds
 * @returns {string}
 */
export function formatMilliseconds(milliseconds) {
  return new Intl.NumberFormat(currentLanguage, {
    style: "unit",
    unit: "millisecond",
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(milliseconds);
}

/**
 * Fill every `[data-i18n]` element's text and every `data-i18n-<attr>` attribute
 * under `root`, and the document title.
 * @param {Document | Element} root
 */
export function applyTranslations(root) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = translate(element.getAttribute("data-i18n") ?? "");
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) ?? "";
      element.setAttribute(attribute, translate(key));
    }
  }
  // A page names its title key on <html data-title-key="…">; the default is the classify page's.
  document.title = translate(document.documentElement.dataset.titleKey ?? "page.title");
}

/**
 * Make `button` switch between French and English.
 * @param {HTMLButtonElement} button
 */
export function bindLanguageToggle(button) {
  button.addEventListener("click", () => {
    const next = getLanguage() === "fr" ? "en" : "fr";
    setLanguage(next);
    // Keep an explicit ?lang= in step, or a reload would switch back.
    const url = new URL(window.location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", next);
      window.history.replaceState(null, "", url);
    }
  });
}

/**
 * A number with at most `digits` decimals: "0,125" / "0.125".
 * @param {number} value
 * @param {number} digits
 * @returns {string}
 */
export function formatDecimal(value, digits) {
  return new Intl.NumberFormat(currentLanguage, { maximumFractionDigits: digits }).format(value);
}

/**
 * A moment as a short date and time in the page language: "12/05/2025 14:03".
 * @param {string | null | undefined} isoMoment  ISO 8601, as the API sends it.
 * @returns {string} Empty when there is no valid moment.
 */
export function formatDateTime(isoMoment) {
  const moment = isoMoment ? new Date(isoMoment) : null;
  if (!moment || Number.isNaN(moment.getTime())) {
    return "";
  }
  return new Intl.DateTimeFormat(currentLanguage, { dateStyle: "short", timeStyle: "short" }).format(
    moment,
  );
}

/**
 * A duration in seconds, rounded for reading: "45 s", "3 min 05 s", "1 h 02 min".
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) {
    return `${hours}\u00a0h ${String(minutes).padStart(2, "0")}\u00a0min`;
  }
  if (minutes > 0) {
    return `${minutes}\u00a0min ${String(rest).padStart(2, "0")}\u00a0s`;
  }
  return `${rest}\u00a0s`;
}
