// @ts-check
/**
 * Only the latest answer counts. A page often asks again before the previous answer
 * has arrived (a new stroke, another layer, a new text); the late answer must then
 * be dropped, or it would overwrite the newer one. `LatestCall` is the one place
 * that decides which answer is stale: each call takes a turn, and taking a new turn
 * (or dropping the call) makes the previous one stale and aborts its fetches.
 */

/**
 * @typedef {object} Turn
 * @property {AbortSignal} signal  Aborted once the turn is stale: hand it to fetch.
 * @property {() => boolean} isCurrent  False once a newer turn began or it was dropped.
 */

/**
 * @template T
 * @typedef {{ok: true, value: T} | {ok: false, error: unknown}} Outcome
 */

/** Calls of one kind (say, the Grad-CAM of the image) of which only the latest counts. */
export class LatestCall {
  /** @type {AbortController | null} */
  #controller = null;

  /**
   * Take a new turn: every earlier turn becomes stale.
   * @returns {Turn}
   */
  begin() {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    return { signal: controller.signal, isCurrent: () => this.#controller === controller };
  }

  /** Make the turn on its way stale without starting another. */
  drop() {
    this.#controller?.abort();
    this.#controller = null;
  }

  /**
   * Run `request` in a new turn. Resolves with its answer or its error while the
   * turn is still the latest, and with null once it is stale (nothing to apply).
   * @template T
   * @param {(signal: AbortSignal) => Promise<T>} request
   * @returns {Promise<Outcome<T> | null>}
   */
  async run(request) {
    const turn = this.begin();
    try {
      const value = await request(turn.signal);
      return turn.isCurrent() ? { ok: true, value } : null;
    } catch (error) {
      return turn.isCurrent() ? { ok: false, error } : null;
    }
  }
}
