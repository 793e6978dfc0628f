// @ts-check
/**
 * Phase 3 challenges: templates, challenges, submissions, the baseline's dossier
 * and the leaderboard (also live). Every call needs a key, whatever the server's
 * read setting: the admin's runs them, a team's plays them.
 */

import {
  authorization,
  followEventStream,
  postJson,
  requestFile,
  requestJson,
} from "./api.js";

/**
 * @typedef {object} ChallengeTemplate
 * @property {string} id  e.g. "chiffres-dense".
 * @property {string} title  In English.
 * @property {string} title_fr
 * @property {string} dataset
 * @property {string} task
 * @property {Record<string, number>} split_sizes  validation, public, private (and train if capped).
 * @property {Record<string, unknown>} baseline  The baseline's spec.
 * @property {boolean} available
 * @property {string | null} [unavailable_reason]
 */

/**
 * @typedef {object} Challenge
 * @property {string} id
 * @property {string} template
 * @property {string} title
 * @property {string} dataset
 * @property {"draft" | "open" | "frozen" | "revealed"} status
 * @property {number} quota
 * @property {boolean} allow_external
 * @property {number} seed
 * @property {{seed: number, splits: Record<string, {rows: number, sha256: string}>}} manifest
 * @property {string | null} baseline_job_id
 * @property {string} created_at
 */

/**
 * @typedef {object} Submission
 * @property {string} id
 * @property {string | null} team
 * @property {boolean} is_baseline
 * @property {string} job_id
 * @property {string} note
 * @property {"queued" | "scored" | "failed"} status
 * @property {number | null} public_score
 * @property {number | null} private_score
 * @property {number | null} shown_public_score
 * @property {boolean | null} significant
 * @property {string | null} architecture
 * @property {number | null} parameters
 * @property {number | null} latency_ms_per_image
 * @property {string | null} error
 * @property {string} created_at
 */

/**
 * @typedef {object} ChallengeDetail
 * @property {Challenge} challenge
 * @property {{quota: number, max_running_jobs_per_team: number, allow_external: boolean}} rules
 * @property {number | null} remaining_submissions  The calling team's; null for an admin.
 * @property {Submission | null} baseline
 * @property {Submission[]} submissions  An admin's: every team's; a team's: its own.
 */

/**
 * @typedef {object} LeaderboardRow
 * @property {number | null} rank
 * @property {string | null} team
 * @property {boolean} is_baseline
 * @property {number | null} public_score
 * @property {number | null} delta_points
 * @property {number | null} errors_removed
 * @property {boolean | null} significant
 * @property {number} submissions_used
 * @property {number} quota
 * @property {string | null} architecture
 * @property {number | null} parameters
 * @property {number | null} latency_ms_per_image
 * @property {string | null} last_submission_at
 * @property {number | null} [private_score]
 * @property {number | null} [final_rank]
 * @property {number | null} [rank_change]
 */

/**
 * @typedef {object} Leaderboard
 * @property {string} challenge_id
 * @property {Challenge["status"]} status
 * @property {boolean} revealed
 * @property {number | null} public_examples
 * @property {LeaderboardRow | null} baseline
 * @property {LeaderboardRow[]} rows
 */

/**
 * @typedef {object} BaselineDossier
 * @property {string | null} job_id
 * @property {string | null} status
 * @property {Record<string, any> | null} spec
 * @property {import("./api-training.js").EpochRecord[]} history
 * @property {import("./api-training.js").JobDiagnosis | null} diagnosis
 * @property {string[] | null} [class_names]
 * @property {number[][] | null} [validation_confusion]
 * @property {{class_name: string, recall: number, examples: number}[] | null} [class_recalls]
 */

/**
 * @param {string} id
 * @returns {string}
 */
function challengePath(id) {
  return `/challenges/${encodeURIComponent(id)}`;
}

/**
 * @param {string} key
 * @returns {Promise<ChallengeTemplate[]>}
 */
export async function listChallengeTemplates(key) {
  return (await requestJson("/challenges/templates", { headers: authorization(key) })).templates;
}

/**
 * @param {string} key
 * @returns {Promise<Challenge[]>}  Newest first; a team sees no draft.
 */
export async function listChallenges(key) {
  return (await requestJson("/challenges", { headers: authorization(key) })).challenges;
}

/**
 * Create a challenge (a draft) and queue its baseline; admin key.
 * @param {{template: string, quota: number, title?: string}} body
 * @param {string} key
 * @returns {Promise<Challenge>}
 */
export function createChallenge(body, key) {
  return postJson("/challenges", body, key);
}

/**
 * @param {string} id
 * @param {string} key
 * @returns {Promise<ChallengeDetail>}
 */
export function getChallenge(id, key) {
  return requestJson(challengePath(id), { headers: authorization(key) });
}

/**
 * Open, freeze or reveal; admin key.
 * @param {string} id
 * @param {"open" | "freeze" | "reveal"} action
 * @param {string} key
 * @returns {Promise<Challenge>}
 */
export function advanceChallenge(id, action, key) {
  return postJson(`${challengePath(id)}/${action}`, {}, key);
}

/**
 * Submit a finished job of the team with its note; team key.
 * @param {string} id
 * @param {{job_id: string, note: string}} body
 * @param {string} key
 * @returns {Promise<Submission>}
 */
export function submitToChallenge(id, body, key) {
  return postJson(`${challengePath(id)}/submissions`, body, key);
}

/**
 * @param {string} id
 * @param {string} key
 * @returns {Promise<BaselineDossier>}
 */
export function getBaselineDossier(id, key) {
  return requestJson(`${challengePath(id)}/baseline`, { headers: authorization(key) });
}

/**
 * The baseline's validation images of true class `trueClass` predicted `predictedClass`.
 * @param {string} id
 * @param {number} trueClass
 * @param {number} predictedClass
 * @param {string} key
 * @returns {Promise<import("./components/confused-examples.js").ConfusedExamples>}
 */
export function getBaselineConfusions(id, trueClass, predictedClass, key) {
  const query = new URLSearchParams({ true: String(trueClass), predicted: String(predictedClass) });
  return requestJson(`${challengePath(id)}/baseline/confusions?${query}`, {
    headers: authorization(key),
  });
}

/**
 * @param {string} id
 * @param {string} key
 * @returns {Promise<Leaderboard>}
 */
export function getLeaderboard(id, key) {
  return requestJson(`${challengePath(id)}/leaderboard`, { headers: authorization(key) });
}

/**
 * Every submission as CSV; admin key.
 * @param {string} id
 * @param {string} key
 * @returns {Promise<{blob: Blob, filename: string}>}
 */
export function downloadChallengeResults(id, key) {
  return requestFile(`${challengePath(id)}/results.csv`, { headers: authorization(key) });
}

/**
 * Follow the leaderboard live until `signal` aborts.
 * @param {string} id
 * @param {string} key
 * @param {{onLeaderboard: (board: Leaderboard) => void,
 *          onState?: (state: "open" | "reconnecting") => void,
 *          onProblem?: (error: import("./api.js").ApiProblem) => void}} hooks
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
export function followLeaderboard(id, key, hooks, signal) {
  return followEventStream(
    `${challengePath(id)}/leaderboard/events`,
    authorization(key),
    {
      onMessage: (event, data) => {
        if (event === "leaderboard") {
          hooks.onLeaderboard(JSON.parse(data));
        }
      },
      onState: hooks.onState,
      onProblem: hooks.onProblem,
    },
    signal,
  );
}
