// @ts-check
/**
 * The API key field shared by the jobs and models pages: a password input whose
 * value is remembered in this browser (localStorage) until the user forgets it.
 */

const STORAGE_KEY = "archilab.apiKey";

/**
 * Fill `input` with the remembered key, remember every change, and make `forget`
 * (when given) empty both.
 * @param {HTMLInputElement} input
 * @param {HTMLButtonElement | null} [forget]
 */
export function bindApiKeyField(input, forget = null) {
  if (input.value.trim()) {
    storeKey(input.value.trim()); // Typed (or autofilled) before this script ran.
  } else {
    input.value = readStoredKey();
  }
  input.addEventListener("input", () => storeKey(input.value.trim()));
  forget?.addEventListener("click", () => {
    input.value = "";
    storeKey("");
    input.focus();
  });
}

/**
 * The key typed in `input`, trimmed; empty when there is none.
 * @param {HTMLInputElement} input
 * @returns {string}
 */
export function apiKeyOf(input) {
  return input.value.trim();
}

/**
 * Remember `key` in this browser, where every key field of the site reads it
 * (the sign-in link of a team's sheet stores its key this way).
 * @param {string} key
 */
export function rememberApiKey(key) {
  storeKey(key.trim());
}

/**
 * The key remembered in this browser; empty when there is none.
 * @returns {string}
 */
export function readStoredKey() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return ""; // Storage can be disabled (private mode, strict settings).
  }
}

/** @param {string} key */
function storeKey(key) {
  try {
    if (key) {
      window.localStorage.setItem(STORAGE_KEY, key);
    } else {
      window.localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Not remembered: the key still works until the page is left.
  }
}
