/*
 * The rules of talking hands-free ("Freihändig"), without the browser: where the mode can run,
 * Silero VAD's settings (the end of speech after `endSilenceMs` of silence; a sound shorter than
 * `minSpeechMs` of speech — a cough, a click — is no utterance), when the microphone listens,
 * the utterance cut into the 160 ms s16le frames /voice/chat takes, and the switches the child
 * set (remembered in localStorage).
 *
 * Crafty must never hear himself: while he thinks or speaks, and for a moment after, the
 * microphone listens only when his voice cannot reach it — the child wears headphones, or echo
 * cancellation is active on the microphone's track (getSettings().echoCancellation) AND it hears
 * what the page plays: that is Chromium's wide echo cancellation, which the Crafty app switches
 * on (its bridge says so, window.crafty.wideEchoCancellation). A browser's ordinary canceller
 * removes only audio that came over WebRTC, not Crafty's Web Audio voice, so in browser mode the
 * track's word alone is not enough. Then speaking interrupts him; otherwise the button or Space
 * does, as in hold-to-talk.
 *
 * Loads as a classic script (window.CraftyUi.handsFree) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const node = typeof module === 'object' && module.exports;
  const api = factory(node ? require('./pcm') : root.CraftyUi.pcm);
  if (node) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.handsFree = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (pcm) {
  'use strict';

  /** Silence that ends an utterance, the least speech that is one, and what comes before it. */
  const DEFAULTS = Object.freeze({ endSilenceMs: 700, minSpeechMs: 250, preSpeechPadMs: 300,
    positiveSpeechThreshold: 0.5, negativeSpeechThreshold: 0.35 });
  /** After Crafty fell silent, his voice may still ring in the room this long. */
  const AFTER_SPEAKING_MS = 400;
  const SAMPLE_RATE = 16000;
  const FRAME_MS = 160;
  const KEYS = { on: 'crafty.handsFree', headphones: 'crafty.headphones' };
  const BUSY = ['thinking', 'speaking', 'paused'];

  /**
   * Whether the page can run the VAD: it needs AudioWorklet and WebAssembly, and a page that
   * may fetch its files and load worklet modules — Chromium allows neither from file://.
   *
   * @param {{protocol: string, audioWorklet: boolean, webAssembly: boolean}} page
   */
  function canRun({ protocol, audioWorklet, webAssembly }) {
    return protocol !== 'file:' && protocol !== 'about:' && Boolean(audioWorklet) && Boolean(webAssembly);
  }

  /**
   * The MicVAD options (@ricky0123/vad-web) for `settings` (DEFAULTS, each may be overridden).
   * Asset paths must be absolute URLs: onnxruntime imports its loader as a module from there.
   */
  function vadOptions(settings = {}, { vadBase, ortBase }) {
    const s = { ...DEFAULTS, ...settings };
    return {
      model: 'v5',
      baseAssetPath: vadBase,
      onnxWASMBasePath: ortBase,
      positiveSpeechThreshold: s.positiveSpeechThreshold,
      negativeSpeechThreshold: s.negativeSpeechThreshold,
      redemptionMs: s.endSilenceMs,
      minSpeechMs: s.minSpeechMs,
      preSpeechPadMs: s.preSpeechPadMs,
      submitUserSpeechOnPause: false,
      startOnLoad: false,
    };
  }

  /**
   * Crafty's voice cannot reach the microphone: headphones are on, or the track's echo
   * cancellation is on and hears the page's own audio (wideEcho: the app's Chromium switch).
   */
  function echoSafe({ echoCancellation, headphones, wideEcho }) {
    return headphones === true || (echoCancellation === true && wideEcho === true);
  }

  /**
   * Whether the hands-free microphone listens now.
   *
   * @param {object} facts
   * @param {string} facts.mode the voice button's mode (disabled, idle, listening, thinking, speaking, paused)
   * @param {boolean} facts.holding a hold-to-talk turn has the microphone
   * @param {boolean} facts.safe echoSafe(...)
   * @param {number} facts.sinceSpokeMs time since Crafty's voice last played (Infinity: never)
   */
  function listens({ mode, holding, safe, sinceSpokeMs }) {
    if (mode === 'disabled' || holding) {
      return false;
    }
    if (safe) {
      return true;
    }
    return (mode === 'idle' || mode === 'listening') && sinceSpokeMs >= AFTER_SPEAKING_MS;
  }

  /** Speech heard while Crafty is busy stops him (only ever when listens(...) let it be heard). */
  function interrupts(mode) {
    return BUSY.includes(mode);
  }

  /** The utterance (16 kHz floats) as /voice/chat's frames: 160 ms of s16le each, the last shorter. */
  function utteranceFrames(samples) {
    const size = pcm.samplesFor(SAMPLE_RATE, FRAME_MS);
    const frames = [];
    for (let start = 0; start < samples.length; start += size) {
      const bytes = pcm.int16ToBytes(pcm.floatToInt16(samples.subarray(start, start + size)));
      frames.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
    return frames;
  }

  /** The switches the child set: {on, headphones}; both off when nothing is remembered. */
  function remembered(storage) {
    try {
      return { on: storage?.getItem(KEYS.on) === '1', headphones: storage?.getItem(KEYS.headphones) === '1' };
    } catch {
      return { on: false, headphones: false };
    }
  }

  /** Remembers one switch ('on' or 'headphones'). */
  function remember(storage, key, value) {
    try {
      storage?.setItem(KEYS[key], value ? '1' : '0');
    } catch {
      // private mode or storage full: the switch still works until the page closes
    }
  }

  return { DEFAULTS, AFTER_SPEAKING_MS, canRun, vadOptions, echoSafe, listens, interrupts, utteranceFrames, remembered,
    remember };
}));
