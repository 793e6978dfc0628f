// @ts-check
/**
 * Every UI string of the site, in French (the default) and English, plus the
 * number formats of each language. Static markup names its strings with
 * `data-i18n` (text) and `data-i18n-<attribute>` (attributes); modules call
 * `translate()`.
 */

/** @typedef {"fr" | "en"} Language */

/** @type {readonly Language[]} */
export const SUPPORTED_LANGUAGES = ["fr", "en"];

/** @type {Language} */
export const DEFAULT_LANGUAGE = "fr";

const STORAGE_KEY = "archilab.language";
// Attributes that markup can translate with `data-i18n-<attribute>="key"`.
const TRANSLATED_ATTRIBUTES = ["aria-label", "title", "alt", "lang"];

/** @type {Record<Language, Record<string, string>>} */
const MESSAGES = {
  fr: {
    "page.title": "ArchiLab — Reconnaissance de chiffres",
    "nav.skip": "Aller au contenu",
    "header.tagline": "Laboratoire de réseaux de neurones",
    "language.switch": "English",
    "language.switch.lang": "en",
    "language.switch.title": "Display the page in English",
    "classify.heading": "Reconnaissance de chiffres manuscrits",
    "classify.intro":
      "Dessinez un chiffre de 0 à 9 ou envoyez une photo\u00a0: un réseau convolutif entraîné sur MNIST vous dit ce qu'il y voit.",
    "draw.heading": "Dessiner",
    "draw.canvas.label": "Zone de dessin\u00a0: tracez un chiffre de 0 à 9",
    "draw.hint":
      "À la souris, au doigt ou au stylet. Au clavier\u00a0: Entrée pour prédire, Suppr pour effacer.",
    "draw.clear": "Effacer",
    "draw.predict": "Prédire",
    "draw.auto": "Prédire automatiquement après chaque trait",
    "upload.heading": "Envoyer une image",
    "upload.label": "Choisir une image",
    "upload.drop": "ou déposez-la ici (PNG, JPEG…)",
    "upload.chosen": "Image analysée\u00a0: {name}",
    "results.heading": "Résultat",
    "results.empty":
      "Dessinez un chiffre ou envoyez une image pour voir la réponse du réseau.",
    "results.busy": "Analyse en cours…",
    "results.verdict": "Réponse du réseau",
    "results.table.caption": "Les {count} classes les plus probables",
    "results.table.class": "Chiffre",
    "results.table.probability": "Probabilité",
    "results.model": "Modèle\u00a0: {name} v{version}",
    "results.timing": "Inférence\u00a0: {inference} (total\u00a0: {total})",
    "results.input.caption": "L'image 28×28 que le réseau a réellement reçue",
    "results.input.alt": "L'image 28×28 reçue par le réseau, agrandie",
    "problem.heading": "Impossible d'obtenir une prédiction",
    "problem.status": "Erreur {status}",
    "problem.request": "Référence\u00a0: {id}",
    "problem.network.title": "Le serveur ne répond pas",
    "problem.network.detail":
      "Vérifiez votre connexion ou que le laboratoire est bien démarré, puis réessayez.",
    "problem.unexpected.title": "Erreur inattendue",
    "problem.type./problems/empty-image": "L'image est vide",
    "problem.type./problems/unreadable-image": "Image illisible",
    "problem.type./problems/image-too-large": "Image trop grande",
    "problem.type./problems/payload-too-large": "Fichier trop volumineux",
    "problem.type./problems/unsupported-media-type": "Type de fichier non pris en charge",
    "problem.type./problems/model-unavailable": "Aucun modèle disponible",
    "problem.type./problems/upstream-unavailable": "Service de vision injoignable",
    "problem.type./problems/upstream-timeout": "Le service de vision met trop de temps",
    "footer.model": "Modèle en service\u00a0: {name} v{version}",
    "footer.accuracy": "exactitude sur le jeu de test\u00a0: {accuracy}",
    "footer.model.none": "Aucun modèle en service pour le moment",
    "footer.health.ok": "Services opérationnels",
    "footer.health.degraded": "Services dégradés",
    "footer.health.unknown": "État des services inconnu",
  },
  en: {
    "page.title": "ArchiLab — Digit recognition",
    "nav.skip": "Skip to content",
    "header.tagline": "Neural network lab",
    "language.switch": "Français",
    "language.switch.lang": "fr",
    "language.switch.title": "Afficher la page en français",
    "classify.heading": "Handwritten digit recognition",
    "classify.intro":
      "Draw a digit from 0 to 9 or upload a picture: a convolutional network trained on MNIST tells you what it sees.",
    "draw.heading": "Draw",
    "draw.canvas.label": "Drawing area: draw a digit from 0 to 9",
    "draw.hint":
      "With a mouse, a finger or a pen. With the keyboard: Enter to predict, Delete to clear.",
    "draw.clear": "Clear",
    "draw.predict": "Predict",
    "draw.auto": "Predict automatically after each stroke",
    "upload.heading": "Upload a picture",
    "upload.label": "Choose a picture",
    "upload.drop": "or drop it here (PNG, JPEG…)",
    "upload.chosen": "Analysed picture: {name}",
    "results.heading": "Result",
    "results.empty": "Draw a digit or upload a picture to see the network's answer.",
    "results.busy": "Analysing…",
    "results.verdict": "The network's answer",
    "results.table.caption": "The {count} most probable classes",
    "results.table.class": "Digit",
    "results.table.probability": "Probability",
    "results.model": "Model: {name} v{version}",
    "results.timing": "Inference: {inference} (total: {total})",
    "results.input.caption": "The 28×28 image the network actually received",
    "results.input.alt": "The 28×28 image the network received, enlarged",
    "problem.heading": "Could not get a prediction",
    "problem.status": "Error {status}",
    "problem.request": "Reference: {id}",
    "problem.network.title": "The server does not answer",
    "problem.network.detail":
      "Check your connection or that the lab is running, then try again.",
    "problem.unexpected.title": "Unexpected error",
    "footer.model": "Serving model: {name} v{version}",
    "footer.accuracy": "test-set accuracy: {accuracy}",
    "footer.model.none": "No model is being served yet",
    "footer.health.ok": "Services up",
    "footer.health.degraded": "Services degraded",
    "footer.health.unknown": "Service status unknown",
  },
};

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
  document.title = translate("page.title");
}
