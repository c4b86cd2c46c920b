/*
 * What a press on the big voice button means. Children do both, so both work:
 *   - hold to talk: press, speak, let go (a press held for `holdMs` or longer);
 *   - tap to toggle: a short tap starts listening, the next tap finishes.
 * Pressing while Crafty is busy (thinking or speaking) interrupts him first and then listens.
 * Actions returned: 'interrupt' (stop Crafty and his voice), 'start' (open the microphone),
 * 'finish' (close it and send the recording), 'cancel' (close it and throw the recording away).
 *
 * Loads as a classic script (window.CraftyUi.voiceGesture) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.voiceGesture = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const HOLD_MS = 350;

  class VoiceGesture {
    /** @param {object} [options] holdMs: how long a press must last to count as holding */
    constructor({ holdMs = HOLD_MS } = {}) {
      this.holdMs = holdMs;
      this.state = 'idle';
      this.pressedAt = 0;
    }

    /**
     * The button went down.
     *
     * @param {number} time ms
     * @param {{busy?: boolean}} [context] busy: Crafty is thinking or speaking
     * @returns {string[]} actions
     */
    press(time, { busy = false } = {}) {
      switch (this.state) {
        case 'idle':
          this.state = 'holding';
          this.pressedAt = time;
          return busy ? ['interrupt', 'start'] : ['start'];
        case 'toggled':
          this.state = 'finishing';
          return ['finish'];
        default:
          return [];
      }
    }

    /** The button came up. */
    release(time) {
      switch (this.state) {
        case 'holding':
          if (time - this.pressedAt < this.holdMs) {
            this.state = 'toggled';
            return [];
          }
          this.state = 'idle';
          return ['finish'];
        case 'finishing':
          this.state = 'idle';
          return [];
        default:
          return [];
      }
    }

    /** Escape, or the pointer left for good: throw the recording away. */
    cancel() {
      if (this.state === 'holding' || this.state === 'toggled') {
        this.state = 'idle';
        return ['cancel'];
      }
      return [];
    }

    /** Listening ended from elsewhere (time limit, microphone failure). */
    reset() {
      this.state = this.state === 'holding' ? 'finishing' : 'idle';
    }

    get listening() {
      return this.state === 'holding' || this.state === 'toggled';
    }
  }

  return { VoiceGesture, HOLD_MS };
}));
