/*
 * "Freihändig": talking without holding the button. The switch (and "I wear headphones") are
 * the child's, remembered; the mode is offered only where the VAD can run (lib/hands-free.js
 * canRun: not from file://). While it is on, the HandsFreeListener hears the child: a real
 * utterance begins (interrupting Crafty when he may be interrupted by voice), and after the
 * closing silence it goes to /voice/chat through VoiceListening, as a held turn would.
 * update() runs on every render of the VoiceController and opens or closes the microphone by
 * lib/hands-free.js listens(): never while Crafty's voice could reach it.
 */
(function (root) {
  'use strict';

  const rules = root.CraftyUi.handsFree;

  class HandsFreeMode {
    /**
     * @param {object} options
     * @param {object} options.voice the VoiceController (mode, gesture, player, listening, conversation, interrupt, render)
     * @param {object} options.view the VoiceButtonView
     * @param {Storage|null} options.storage where the switches are remembered
     * @param {{protocol: string, audioWorklet: boolean, webAssembly: boolean}} options.page what the page can do
     */
    constructor({ voice, view, storage, page }) {
      Object.assign(this, { voice, view, storage });
      this.offered = rules.canRun(page);
      const saved = rules.remembered(storage);
      this.on = false;
      this.headphones = saved.headphones;
      this.echoCancellation = false;
      // the app switches on Chromium's wide echo cancellation, and its bridge says so
      this.wideEcho = Boolean(root.crafty && root.crafty.wideEchoCancellation === true);
      this.status = 'off';
      this.heard = false;
      this.heardMs = 0;
      this.lastSpoke = -Infinity;
      this.timer = null;
      this.listener = new root.CraftyUi.HandsFreeListener({
        onSpeech: () => this.speechBegins(),
        onUtterance: (audio) => this.utterance(audio),
        onFrame: (level, ms) => {
          this.heardMs += ms;
          this.view.showHeard(this.heardMs);
          if (this.heard || this.voice.mode === 'idle') {
            this.view.level(level);
          }
        },
        onEcho: (cancelled) => {
          this.echoCancellation = cancelled;
          this.changed();
        },
      });
      this.restoreOn = saved.on;
      view.bindHandsFree({ toggle: (on) => this.setOn(on), headphones: (on) => this.setHeadphones(on) });
    }

    /** Shows the switches, and turns the mode on when the child left it on last time. */
    restore() {
      if (this.offered && this.restoreOn) {
        this.setOn(true);
      } else {
        this.changed();
      }
    }

    /** Whether Crafty's voice cannot reach the microphone. */
    get safe() {
      return rules.echoSafe({ echoCancellation: this.echoCancellation, headphones: this.headphones,
        wideEcho: this.wideEcho });
    }

    /** Whether the button is hands-free now (presses while Crafty is busy only interrupt him). */
    get active() {
      return this.on && this.status !== 'failed';
    }

    setOn(on) {
      this.on = on && this.offered;
      rules.remember(this.storage, 'on', this.on);
      if (!this.on) {
        this.status = 'off';
        this.endHeard();
        this.listener.close();
        this.changed();
        return;
      }
      this.status = 'starting';
      this.changed();
      this.listener.open().then(() => {
        if (this.on) {
          this.status = 'ready';
          this.changed();
        }
      }, (error) => this.failed(error));
    }

    setHeadphones(on) {
      this.headphones = on;
      rules.remember(this.storage, 'headphones', on);
      this.changed();
    }

    failed(error) {
      this.status = 'failed';
      this.endHeard();
      this.voice.onProblem(error && error.code === 'denied' ? 'micDenied' : error && error.code === 'missing' ? 'micMissing'
        : 'handsFreeFailed');
      this.changed();
    }

    /** Opens or closes the microphone for the voice button's current mode. */
    update() {
      const voice = this.voice;
      const now = performance.now();
      if (voice.player.state !== 'idle') {
        this.lastSpoke = now;
      }
      const facts = { mode: voice.mode, holding: voice.gesture.listening, safe: this.safe, sinceSpokeMs: now - this.lastSpoke };
      const wanted = this.status === 'ready' && rules.listens(facts);
      clearTimeout(this.timer);
      if (this.status === 'ready' && !wanted && rules.listens({ ...facts, sinceSpokeMs: Infinity })) {
        this.timer = setTimeout(() => this.update(), rules.AFTER_SPEAKING_MS - facts.sinceSpokeMs);
      }
      if (!wanted && this.heard && !facts.holding) {
        this.endHeard();
      }
      this.heard = this.heard && wanted;
      if (wanted !== this.listener.wanted) {
        this.listener.listen(wanted).then(() => this.changed(), (error) => this.failed(error));
      }
    }

    /** At least a word's worth of speech: the child talks (and Crafty, if talking, stops). */
    speechBegins() {
      const voice = this.voice;
      if (!this.active) {
        return;
      }
      if (rules.interrupts(voice.mode)) {
        voice.interrupt();
      }
      this.heard = true;
      voice.onProblem(null);
      voice.conversation.startListening();
      voice.render(true);
    }

    /** The closing silence came: the utterance goes to /voice/chat. */
    utterance(audio) {
      const voice = this.voice;
      this.heard = false;
      if (!this.active) {
        return;
      }
      if (voice.replyOpen) {
        voice.interrupt();
      }
      voice.listening.sendRecorded(rules.utteranceFrames(audio));
      voice.render(true);
    }

    endHeard() {
      if (this.heard) {
        this.heard = false;
        this.voice.conversation.voiceIdle();
      }
    }

    /** What the view shows: {offered, on, status, listening, heard, safe, echo}. */
    state() {
      return { offered: this.offered, on: this.on, status: this.status, listening: this.listener.listening,
        heard: this.heard, safe: this.safe, headphones: this.headphones,
        echo: this.headphones ? 'headphones' : this.safe ? 'cancelled' : 'none' };
    }

    changed() {
      this.view.showHandsFree(this.state());
      this.voice.render(true);
    }
  }

  root.CraftyUi.HandsFreeMode = HandsFreeMode;
}(window));
