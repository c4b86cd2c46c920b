'use strict';

/**
 * Decides what follows an unexpected exit of the sidecar: another try after an exponentially
 * growing pause, or giving up once `limit` crashes happened within `windowMs`.
 *
 * With the defaults the pauses are 0.5 s, 1 s, 2 s, 4 s and the fifth crash within a minute
 * gives up. Crashes older than the window are forgotten, so a sidecar that crashes once a day
 * is restarted every time.
 */
class CrashPolicy {
  /**
   * @param {object} [options]
   * @param {number} [options.limit] crashes within the window that make the supervisor give up
   * @param {number} [options.windowMs] length of that window
   * @param {number} [options.initialDelayMs] pause before the first restart
   * @param {number} [options.maxDelayMs] longest pause
   * @param {() => number} [options.now] clock, in milliseconds
   */
  constructor({ limit = 5, windowMs = 60_000, initialDelayMs = 500, maxDelayMs = 8_000, now = Date.now } = {}) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.initialDelayMs = initialDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.now = now;
    this.crashes = [];
  }

  /**
   * Records one crash.
   *
   * @returns {{giveUp: boolean, delayMs: number, recentCrashes: number}} what to do next
   */
  recordCrash() {
    const now = this.now();
    this.crashes = this.crashes.filter((at) => now - at < this.windowMs);
    this.crashes.push(now);
    const recentCrashes = this.crashes.length;
    if (recentCrashes >= this.limit) {
      return { giveUp: true, delayMs: 0, recentCrashes };
    }
    const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (recentCrashes - 1));
    return { giveUp: false, delayMs, recentCrashes };
  }

  /** Forgets every crash, e.g. when the user asks for a fresh start. */
  reset() {
    this.crashes = [];
  }
}

module.exports = { CrashPolicy };
