/*
 * Where the child stopped listening to Crafty: which sentence of the reply was playing and for
 * how long, from the seconds of voice played so far (PlaybackClock.played). Each sentence is
 * noted with the seconds of voice scheduled before its audio began; the sentence playing is the
 * last one that had begun. The panel sends it as {"action":"heard"} when the child stops or
 * interrupts a reply, so the history keeps only what was heard.
 *
 * Loads as a classic script (window.CraftyUi.heardPosition) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.heardPosition = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  class HeardPosition {
    constructor() {
      this.reset(null);
    }

    /** A new reply begins playing; forgets the last one. */
    reset(requestId) {
      this.requestId = requestId;
      this.starts = [];
    }

    /** Sentence `index` of the reply begins after `scheduledSeconds` of voice. */
    sentenceBegins(index, scheduledSeconds) {
      this.starts.push({ index, at: scheduledSeconds });
    }

    /**
     * The position after `playedSeconds` of voice: { requestId, sentence, playedMs }, or null
     * when no sentence of a reply had begun.
     */
    at(playedSeconds) {
      let current = null;
      for (const start of this.starts) {
        if (start.at <= playedSeconds + 1e-6) {
          current = start;
        }
      }
      if (current === null || this.requestId === null) {
        return null;
      }
      return {
        requestId: this.requestId,
        sentence: current.index,
        playedMs: Math.max(0, Math.round((playedSeconds - current.at) * 1000)),
      };
    }
  }

  return { HeardPosition };
}));
