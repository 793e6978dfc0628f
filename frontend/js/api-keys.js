// @ts-check
/**
 * The teacher's team keys (admin key required): make the class's keys in one call,
 * list every key (never a secret), revoke every team key at the end of a session.
 */

import { authorization, postJson, requestJson } from "./api.js";

/**
 * @typedef {object} TeamKey
 * @property {string} team  The name in the key (a-z, 0-9, - and _).
 * @property {string} display_name  The name as the teacher typed it.
 * @property {string} key  The secret: this answer is the only time it is shown.
 * @property {string} prefix
 * @property {string} sign_in_link  `<base>/#key=<key>`.
 * @property {string} qr_svg  The sign-in link as a QR code, an `<svg>` document.
 * @property {string} created_at
 */

/**
 * @typedef {object} TeamKeysRequest
 * @property {number} [count]  Teams equipe-1…equipe-N.
 * @property {string[]} [names]  Or their names.
 * @property {string} [base_url]  The address students open.
 */

/**
 * @typedef {object} KeySummary
 * @property {string} id
 * @property {"admin" | "team"} role
 * @property {string | null} team
 * @property {string | null} label
 * @property {string} prefix
 * @property {string} created_at
 * @property {string | null} revoked_at
 */

/**
 * Make one key per team; all or none (409 `team-exists` when a team has a live key).
 * @param {TeamKeysRequest} body
 * @param {string} key  The admin key.
 * @returns {Promise<{base_url: string, teams: TeamKey[]}>}
 * @throws {import("./api.js").ApiProblem}
 */
export function createTeamKeys(body, key) {
  return postJson("/keys/teams", body, key);
}

/**
 * Every key, live or revoked, without secrets.
 * @param {string} key  The admin key.
 * @returns {Promise<KeySummary[]>}
 * @throws {import("./api.js").ApiProblem}
 */
export async function listKeys(key) {
  const body = await requestJson("/keys", { headers: authorization(key) });
  return body.keys;
}

/**
 * Revoke every live team key; resolves to how many were.
 * @param {string} key  The admin key.
 * @returns {Promise<number>}
 * @throws {import("./api.js").ApiProblem}
 */
export async function revokeTeamKeys(key) {
  const body = await requestJson("/keys/teams", {
    method: "DELETE",
    headers: authorization(key),
  });
  return body.revoked;
}
