// @ts-check
/**
 * Signing in from a team's printed sheet. Its QR code opens `<site>/#key=<key>`:
 * the key rides in the URL fragment, which the browser never sends to the server,
 * so it reaches no log. Any page opened that way stores the key where the site's
 * key fields read it (`api-key.js`), removes the fragment from the address bar
 * (so it is neither bookmarked nor shared by accident) and says which team the
 * browser now acts for.
 */

import { ApiProblem } from "../api.js";
import { getCurrentKey } from "../api-training.js";
import { onLanguageChange, translate } from "../i18n.js";
import { rememberApiKey } from "./api-key.js";

const KEY_FRAGMENT = "#key=";

/**
 * Take the key out of the address, if it carries one: store it and clear the
 * fragment. Runs synchronously, before the page's key fields read the storage.
 * @param {Location} location
 * @param {History} history
 * @returns {string | null} The key, or null when the address has none.
 */
export function takeKeyFromAddress(location = window.location, history = window.history) {
  if (!location.hash.startsWith(KEY_FRAGMENT)) {
    return null;
  }
  let key = location.hash.slice(KEY_FRAGMENT.length);
  try {
    key = decodeURIComponent(key).trim();
  } catch {
    key = key.trim(); // Not percent-encoded text: keep it as it came.
  }
  history.replaceState(history.state, "", location.pathname + location.search);
  if (!key) {
    return null;
  }
  rememberApiKey(key);
  return key;
}

/**
 * @typedef {object} SignInState
 * @property {"checking" | "team" | "admin" | "refused" | "unreachable"} status
 * @property {string} [team]
 */

/**
 * The sentence telling `state`, in the current language.
 * @param {SignInState} state
 * @returns {string}
 */
export function describeSignIn(state) {
  if (state.status === "team") {
    return translate("signIn.team", { team: state.team ?? "" });
  }
  return translate(`signIn.${state.status}`);
}

/**
 * Ask the server whose `key` is and say it in `notice` (a `role="status"` region),
 * again after each language change. An unknown or revoked key is forgotten.
 * @param {HTMLElement} notice
 * @param {string} key
 * @returns {Promise<void>}
 */
export async function announceSignIn(notice, key) {
  /** @type {SignInState} */
  let state = { status: "checking" };
  const render = () => {
    notice.textContent = describeSignIn(state);
    notice.dataset.status = state.status;
    notice.hidden = false;
  };
  onLanguageChange(render);
  render();
  try {
    const identity = await getCurrentKey(key);
    state =
      identity.role === "team"
        ? { status: "team", team: identity.team ?? "" }
        : { status: "admin" };
  } catch (error) {
    const refused = error instanceof ApiProblem && error.status === 401;
    if (refused) {
      rememberApiKey(""); // A dead key would only be refused on every action.
    }
    state = { status: refused ? "refused" : "unreachable" };
  }
  render();
}
