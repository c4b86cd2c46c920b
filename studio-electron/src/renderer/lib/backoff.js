/*
 * Reconnect delays: exponential growth with jitter, so that a restarted voice server is not hit
 * by every window at the same instant and a dead one is not hammered.
 *
 * Attempt n (0-based) waits between (1 - jitter) and 1 times min(maxMs, baseMs * factor^n).
 * Loads as a classic script (window.CraftyUi.backoff) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.backoff = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const DEFAULTS = Object.freeze({ baseMs: 500, maxMs: 15000, factor: 2, jitter: 0.5 });

  /**
   * The delay before attempt `attempt` (0 for the first retry).
   *
   * @param {number} attempt how many retries came before
   * @param {object} [options] baseMs, maxMs, factor, jitter (0..1)
   * @param {number} [random] a number in [0, 1), Math.random() by default
   * @returns {number} milliseconds
   */
  function delayFor(attempt, options, random) {
    const { baseMs, maxMs, factor, jitter } = { ...DEFAULTS, ...options };
    const ceiling = Math.min(maxMs, baseMs * Math.pow(factor, Math.max(0, attempt)));
    const r = random === undefined ? Math.random() : random;
    return Math.round(ceiling * (1 - jitter + jitter * r));
  }

  /**
   * A counter of failed attempts that hands out the next delay.
   *
   * @param {object} [options] as for delayFor, plus `random` (a function)
   */
  function createBackoff(options = {}) {
    const random = options.random || Math.random;
    let attempts = 0;
    return {
      /** The delay before the next attempt; counts the attempt. */
      next() {
        const delay = delayFor(attempts, options, random());
        attempts += 1;
        return delay;
      },
      /** Back to the shortest delay, after a connection that worked. */
      reset() {
        attempts = 0;
      },
      /** Failed attempts since the last reset. */
      get attempts() {
        return attempts;
      },
    };
  }

  return { delayFor, createBackoff, DEFAULTS };
}));
