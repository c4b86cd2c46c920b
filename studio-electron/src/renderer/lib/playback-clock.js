/*
 * When each piece of Crafty's voice starts, on the AudioContext's clock. Pieces are placed back
 * to back (the next starts exactly where the previous ends), across frames and sentences, so the
 * voice has no gaps or clicks. A piece that arrives after the previous one has finished playing
 * (the network or the speech engine was slower than real time) starts `leadSeconds` from now
 * instead of in the past.
 *
 * Loads as a classic script (window.CraftyUi.playbackClock) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.playbackClock = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  class PlaybackClock {
    /** @param {object} [options] leadSeconds: head start for a piece that begins a run */
    constructor({ leadSeconds = 0.05 } = {}) {
      this.leadSeconds = leadSeconds;
      this.reset();
    }

    /** Forgets everything scheduled (after stop). */
    reset() {
      this.endTime = 0;
      this.firstStart = null;
      this.scheduledSeconds = 0;
      this.underruns = 0;
    }

    /**
     * Places a piece of `duration` seconds.
     *
     * @param {number} now AudioContext.currentTime
     * @param {number} duration seconds
     * @returns {number} the time to pass to AudioBufferSourceNode.start()
     */
    schedule(now, duration) {
      let start = this.endTime;
      if (start < now + 0.005) {
        if (this.firstStart !== null) {
          this.underruns += 1;
        }
        start = now + this.leadSeconds;
      }
      if (this.firstStart === null) {
        this.firstStart = start;
      }
      this.endTime = start + duration;
      this.scheduledSeconds += duration;
      return start;
    }

    /** Seconds still to play at `now` (0 when everything scheduled has played). */
    remaining(now) {
      return Math.max(0, this.endTime - now);
    }

    /** Seconds of scheduled audio already played at `now`. */
    played(now) {
      return Math.max(0, this.scheduledSeconds - Math.min(this.remaining(now), this.scheduledSeconds));
    }
  }

  return { PlaybackClock };
}));
