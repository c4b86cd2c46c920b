/*
 * The hands-free microphone: Silero VAD (@ricky0123/vad-web's MicVAD, the v5 model run by
 * onnxruntime-web's WebAssembly), both served from vendor/ (tools/vad-assets.js copies them
 * there; nothing comes from the network). open() loads them and asks for the microphone once;
 * listen(true/false) opens and closes it — closed, its track is stopped and nothing is heard.
 * What it hears goes to the callbacks: onSpeech (at least minSpeechMs of speech: a real
 * utterance has begun), onUtterance (its 16 kHz samples, after endSilenceMs of silence),
 * onFrame (each frame heard: its level 0..1 for the meter and its length in ms), onEcho (whether the track cancels echo, read from
 * getSettings() each time the microphone opens).
 */
(function (root) {
  'use strict';

  const { vadOptions } = root.CraftyUi.handsFree;
  const { levelFromRms } = root.CraftyUi.pcm;
  const SCRIPTS = ['vendor/ort/ort.wasm.min.js', 'vendor/vad/bundle.min.js'];
  const CONSTRAINTS = { audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true } };

  let loaded = null;

  /** The vendor scripts, once per page, in order (the VAD bundle takes the global `ort`). */
  function loadScripts() {
    loaded ??= SCRIPTS.reduce((previous, src) => previous.then(() => new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(script);
    })), Promise.resolve()).catch((error) => {
      loaded = null;
      throw error;
    });
    return loaded;
  }

  class HandsFreeListener {
    constructor({ settings = {}, onSpeech = () => {}, onUtterance = () => {}, onFrame = () => {}, onEcho = () => {} }) {
      Object.assign(this, { settings, onSpeech, onUtterance, onFrame, onEcho });
      this.vad = null;
      this.opening = null;
      this.wanted = false;
      this.listening = false;
      this.queue = Promise.resolve();
    }

    /** Loads the VAD and its model; rejects (a MicError for the microphone) when it cannot run. */
    open() {
      this.opening ??= this.create().catch((error) => {
        this.opening = null;
        throw error;
      });
      return this.opening;
    }

    async create() {
      await loadScripts();
      const base = (dir) => new URL(dir, document.baseURI).href;
      this.vad = await root.vad.MicVAD.new({
        ...vadOptions(this.settings, { vadBase: base('vendor/vad/'), ortBase: base('vendor/ort/') }),
        ortConfig: (ort) => {
          ort.env.logLevel = 'error';
          // one thread: without cross-origin isolation there is no SharedArrayBuffer for more
          ort.env.wasm.numThreads = 1;
        },
        getStream: () => this.stream(),
        resumeStream: () => this.stream(),
        onFrameProcessed: (_probs, frame) => this.heard(frame),
        onSpeechRealStart: () => this.onSpeech(),
        onSpeechEnd: (audio) => this.onUtterance(audio),
      });
    }

    async stream() {
      let stream;
      try {
        stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
      } catch (error) {
        throw new root.CraftyUi.MicError(root.CraftyUi.micErrorCode(error), error);
      }
      const [track] = stream.getAudioTracks();
      this.onEcho(Boolean(track && track.getSettings().echoCancellation === true));
      return stream;
    }

    /** One frame of 16 kHz samples went through the VAD. */
    heard(frame) {
      let sum = 0;
      for (let i = 0; i < frame.length; i++) {
        sum += frame[i] * frame[i];
      }
      this.onFrame(levelFromRms(Math.sqrt(sum / Math.max(1, frame.length))), frame.length / 16);
    }

    /** Opens (true) or closes (false) the microphone; changes are applied one after another. */
    listen(on) {
      this.wanted = on;
      const applied = this.queue.then(() => this.apply());
      // a microphone that failed to open leaves MicVAD errored for good: the next open() makes a new one
      this.queue = applied.catch(() => {
        this.wanted = false;
        this.listening = false;
        this.vad = null;
        this.opening = null;
      });
      return applied;
    }

    async apply() {
      if (!this.vad || this.wanted === this.listening) {
        return;
      }
      if (this.wanted) {
        await this.vad.start();
        this.listening = true;
      } else {
        this.listening = false;
        await this.vad.pause();
      }
    }

    /** Closes the microphone and frees the model. */
    async close() {
      this.wanted = false;
      await this.queue.catch(() => {});
      const vad = this.vad;
      this.vad = null;
      this.opening = null;
      this.listening = false;
      if (vad) {
        await vad.destroy().catch(() => {});
      }
    }
  }

  root.CraftyUi.HandsFreeListener = HandsFreeListener;
}(window));
