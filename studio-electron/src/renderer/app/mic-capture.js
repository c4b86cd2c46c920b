/*
 * The microphone: getUserMedia, then the AudioWorklet 'crafty-capture' (audio/capture-worklet.js)
 * turns it into 16 kHz mono s16le frames of 160 ms and loudness levels. Where a worklet module
 * cannot load (Chromium refuses module fetches for pages opened from file://), the same
 * CaptureChain runs in a ScriptProcessorNode on the page instead; `mode` says which one runs.
 * Failures are MicError with code 'denied', 'missing' or 'failed'.
 */
(function (root) {
  'use strict';

  const { CaptureChain } = root.CraftyUi.pcm;
  const WORKLET_MODULES = ['lib/pcm.js', 'audio/capture-worklet.js'];

  class MicError extends Error {
    constructor(code, cause) {
      super(`microphone: ${code}${cause ? ` (${cause.name || ''} ${cause.message || ''})` : ''}`);
      this.code = code;
    }
  }

  function micErrorCode(error) {
    switch (error && error.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return 'denied';
      case 'NotFoundError':
      case 'OverconstrainedError':
      case 'NotReadableError':
        return 'missing';
      default:
        return 'failed';
    }
  }

  class MicCapture {
    constructor({ outputRate = 16000, frameMs = 160 } = {}) {
      this.outputRate = outputRate;
      this.frameMs = frameMs;
      this.mode = null;
      this.session = null;
    }

    /**
     * Opens the microphone.
     *
     * @param {{onFrame: (frame: ArrayBuffer) => void, onLevel: (level: number) => void}} sink
     */
    async start({ onFrame, onLevel }) {
      if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') {
        throw new MicError('missing');
      }
      let stream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        });
      } catch (error) {
        throw new MicError(micErrorCode(error), error);
      }
      const context = new AudioContext({ latencyHint: 'interactive' });
      const session = { stream, context, onFrame, onLevel, node: null, flushed: null, stopped: false };
      this.session = session;
      try {
        await context.resume();
        const source = context.createMediaStreamSource(stream);
        session.node = await this.workletNode(session).catch(() => this.scriptNode(session));
        source.connect(session.node);
        session.node.connect(context.destination);
      } catch (error) {
        this.release(session);
        throw new MicError('failed', error);
      }
      return this.mode;
    }

    async workletNode(session) {
      for (const url of WORKLET_MODULES) {
        await session.context.audioWorklet.addModule(url);
      }
      const node = new AudioWorkletNode(session.context, 'crafty-capture', {
        numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1],
        processorOptions: { outputRate: this.outputRate, frameMs: this.frameMs },
      });
      session.flushed = new Promise((resolve) => {
        node.port.onmessage = ({ data }) => {
          data.frames.forEach((frame) => session.onFrame(frame));
          data.levels.forEach((level) => session.onLevel(level));
          if (data.flushed) {
            resolve();
          }
        };
      });
      session.flush = () => node.port.postMessage('flush');
      this.mode = 'worklet';
      return node;
    }

    scriptNode(session) {
      const chain = new CaptureChain({ inputRate: session.context.sampleRate, outputRate: this.outputRate, frameMs: this.frameMs });
      const node = session.context.createScriptProcessor(2048, 1, 1);
      node.onaudioprocess = (event) => {
        if (session.stopped) {
          return;
        }
        const { frames, levels } = chain.push(event.inputBuffer.getChannelData(0));
        frames.forEach((frame) => session.onFrame(frame.slice().buffer));
        levels.forEach((level) => session.onLevel(level));
      };
      session.flush = () => {
        chain.flush().forEach((frame) => session.onFrame(frame.slice().buffer));
      };
      session.flushed = Promise.resolve();
      this.mode = 'script-processor';
      return node;
    }

    /**
     * Closes the microphone. With `keep` (the default) the audio still in the pipeline is
     * delivered first; resolves once the last frame went to onFrame.
     */
    async stop({ keep = true } = {}) {
      const session = this.session;
      if (!session || session.stopped) {
        return;
      }
      this.session = null;
      if (keep && session.flush) {
        session.flush();
        await Promise.race([session.flushed, new Promise((resolve) => setTimeout(resolve, 500))]);
      }
      session.stopped = true;
      this.release(session);
    }

    release(session) {
      session.stopped = true;
      session.stream.getTracks().forEach((track) => track.stop());
      session.context.close().catch(() => {});
    }
  }

  root.CraftyUi.MicCapture = MicCapture;
  root.CraftyUi.MicError = MicError;
  root.CraftyUi.micErrorCode = micErrorCode;
}(window));
