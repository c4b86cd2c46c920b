/*
 * What the voice stage shows and the presses it hears: the big voice button (its mode as
 * data-state, aria-disabled and aria-pressed, its label, hint and icon), the level meter, the
 * problem line, the live transcript, Crafty's playback controls with the time played, and the
 * hands-free switches (HandsFreeMode decides; the button's label and hint follow it). Also
 * the button's counters the tests read (data-sent, data-acked, data-capture, data-heard-ms). It decides
 * nothing: the VoiceController says which mode to show, and hears every press, release, Escape
 * and stop; pause and resume go straight to the AudioPlayer.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const { icon } = root.CraftyUi.pixelArt;

  const LEVEL_BLOCKS = 10;
  const LABELS = { disabled: 'voiceDisabled', idle: 'voiceIdle', listening: 'voiceListening', thinking: 'voiceThinking',
    speaking: 'voiceSpeaking', paused: 'voicePaused' };
  const HINTS = { idle: 'voiceIdleHint', listening: 'voiceListeningHint', thinking: 'voiceBusyHint',
    speaking: 'voiceSpeakingHint', paused: 'voicePausedHint' };

  /** Labels and hints while hands-free is starting or on: [without, with] echo safety where it differs. */
  const BUSY_FREE = ['voiceHandsFreeButtonHint', 'voiceHandsFreeInterruptHint'];
  const HANDS_FREE = {
    starting: { label: 'voiceHandsFreeStarting', idle: 'voiceHandsFreeStartingHint' },
    ready: { label: 'voiceHandsFreeIdle', idle: 'voiceHandsFreeIdleHint', listening: 'voiceHandsFreeListeningHint',
      thinking: BUSY_FREE, speaking: BUSY_FREE, paused: BUSY_FREE },
  };

  class VoiceButtonView {
    /**
     * @param {object} options
     * @param {object} options.elements button, label, hint, iconSlot, level, partial, problem, playback, pause,
     *   stopPlayback, time, handsFree (the switch's label), handsFreeToggle, headphonesSwitch, headphones
     * @param {object} options.i18n
     * @param {object} options.player the AudioPlayer whose state and time the playback controls show
     * @param {{press: Function, release: Function, escape: Function, stop: Function}} options.actions
     */
    constructor({ elements, i18n, player, actions }) {
      this.ui = elements;
      this.i18n = i18n;
      this.player = player;
      this.problem = null;
      this.tick = null;
      this.levelBlocks = Array.from({ length: LEVEL_BLOCKS }, () => el('i'));
      this.ui.level.replaceChildren(...this.levelBlocks);
      this.bindButton(actions);
      this.ui.pause.addEventListener('click', () => (player.state === 'paused' ? player.resume() : player.pause()));
      this.ui.stopPlayback.addEventListener('click', () => actions.stop());
    }

    /** Hold or tap with the mouse, a finger, Space or Enter; Escape cancels. */
    bindButton({ press, release, escape }) {
      const button = this.ui.button;
      button.addEventListener('pointerdown', (event) => {
        if (event.button !== 0) {
          return;
        }
        event.preventDefault();
        button.setPointerCapture(event.pointerId);
        press();
      });
      button.addEventListener('pointerup', () => release());
      button.addEventListener('pointercancel', () => release());
      button.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          escape();
        } else if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) {
          event.preventDefault();
          press();
        }
      });
      button.addEventListener('keyup', (event) => {
        if (event.key === ' ' || event.key === 'Enter') {
          event.preventDefault();
          release();
        }
      });
      button.addEventListener('click', (event) => event.preventDefault());
    }

    /**
     * The button in `mode` (disabled, idle, listening, thinking, speaking, paused); `phase` is the voice
     * phase ('transcribing' is named while thinking), `reason` why it is disabled.
     */
    showMode(mode, { phase, reason, handsFree = null }) {
      const t = this.i18n.t;
      const { button, label, hint, iconSlot } = this.ui;
      button.setAttribute('data-state', mode);
      button.setAttribute('aria-disabled', mode === 'disabled' ? 'true' : 'false');
      button.setAttribute('aria-pressed', mode === 'listening' ? 'true' : 'false');
      const freeKey = handsFree && handsFree.on && handsFree.status === 'ready' && !handsFree.listening && mode === 'idle'
        ? 'starting' : handsFree && handsFree.on ? handsFree.status : null;
      const free = HANDS_FREE[freeKey] || null;
      const freeLabel = free && mode === 'idle' ? free.label : null;
      label.textContent = t(freeLabel || (mode === 'thinking' && phase === 'transcribing' ? 'voiceTranscribing' : LABELS[mode]));
      hint.textContent = t(mode === 'disabled' ? reason || 'voiceDisabledStt'
        : free && free[mode] ? (typeof free[mode] === 'string' ? free[mode] : free[mode][handsFree.safe ? 1 : 0]) : HINTS[mode]);
      iconSlot.replaceChildren(icon(mode === 'speaking' || mode === 'paused' ? 'stop' : mode === 'thinking' ? 'llm' : 'mic', 'voice-glyph'));
      if (this.problem) {
        this.showProblem(this.problem);
      }
    }

    /** The hands-free switches: what HandsFreeMode calls when the child flips them. */
    bindHandsFree({ toggle, headphones }) {
      const { handsFreeToggle, headphones: headphonesBox } = this.ui;
      handsFreeToggle.addEventListener('change', () => toggle(handsFreeToggle.checked));
      headphonesBox.addEventListener('change', () => headphones(headphonesBox.checked));
    }

    /**
     * The hands-free switches and, on the button, data-hands-free (off, starting, listening,
     * deaf, failed) and data-echo (none, cancelled, headphones). Offered only where it can run.
     */
    showHandsFree({ offered, on, status, listening, headphones, echo }) {
      const { button, handsFree, handsFreeToggle, headphonesSwitch, headphones: headphonesBox } = this.ui;
      handsFree.hidden = !offered;
      handsFreeToggle.checked = on;
      headphonesSwitch.hidden = !on;
      headphonesBox.checked = headphones;
      button.setAttribute('data-hands-free', !on ? 'off' : status === 'ready' ? (listening ? 'listening' : 'deaf') : status);
      button.setAttribute('data-echo', echo);
    }

    /** The problem line: an i18n key (microphone denied, missing, failed, server unreachable) or null. */
    showProblem(key) {
      this.problem = key;
      this.ui.problem.hidden = !key;
      this.ui.problem.textContent = key ? this.i18n.t(key) : '';
    }

    /** The level meter, `value` from 0 to 1. */
    level(value) {
      const lit = Math.round(value * LEVEL_BLOCKS);
      this.levelBlocks.forEach((block, i) => block.classList.toggle('lit', i < lit));
      this.ui.level.setAttribute('aria-valuenow', String(Math.round(value * 100)));
    }

    /** The live transcript of what the child says; hidden when empty. */
    showPartial(text) {
      this.ui.partial.hidden = text === '';
      this.ui.partial.textContent = text ? this.i18n.t('youSay', { text }) : '';
    }

    /** Microphone frames sent in this turn. */
    showSent(count) {
      this.ui.button.setAttribute('data-sent', String(count));
    }

    /** Frames the server has acknowledged in this turn. */
    showAcked(count) {
      this.ui.button.setAttribute('data-acked', String(count));
    }

    /** Audio the hands-free microphone has heard since the page opened, in ms. */
    showHeard(ms) {
      this.ui.button.setAttribute('data-heard-ms', String(Math.round(ms)));
    }

    /** How the microphone is captured: 'worklet' or 'script-processor'. */
    showCapture(mode) {
      this.ui.button.setAttribute('data-capture', mode);
    }

    /** Pause/resume and stop while Crafty speaks, and the time played, kept current every frame. */
    showPlayback() {
      const { playback, pause, stopPlayback, time } = this.ui;
      const player = this.player;
      playback.hidden = player.state === 'idle';
      const paused = player.state === 'paused';
      pause.replaceChildren(icon(paused ? 'play' : 'pause'), el('span', { text: this.i18n.t(paused ? 'resume' : 'pause') }));
      stopPlayback.replaceChildren(icon('stop'), el('span', { text: this.i18n.t('stop') }));
      cancelAnimationFrame(this.tick);
      const update = () => {
        const seconds = player.played();
        playback.setAttribute('data-played-ms', String(Math.round(seconds * 1000)));
        playback.setAttribute('data-state', player.state);
        time.textContent = `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
        if (player.state !== 'idle') {
          this.tick = requestAnimationFrame(update);
        }
      };
      update();
    }
  }

  root.CraftyUi.VoiceButtonView = VoiceButtonView;
}(window));
