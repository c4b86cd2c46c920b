/*
 * AudioWorklet processor 'crafty-capture': runs on the audio thread, takes the microphone at
 * the device's rate and posts {frames, levels} to the page: 16 kHz mono s16le frames (160 ms
 * each, as ArrayBuffers it transfers) and loudness values for the level meter. The arithmetic is
 * lib/pcm.js (CaptureChain), loaded into this worklet scope first by the page.
 * A 'flush' message answers with the last, shorter frame and {flushed: true}.
 */
const { CaptureChain } = globalThis.CraftyUi.pcm;

class CraftyCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { outputRate = 16000, frameMs = 160 } = (options && options.processorOptions) || {};
    this.chain = new CaptureChain({ inputRate: sampleRate, outputRate, frameMs });
    this.open = true;
    this.port.onmessage = (event) => {
      if (event.data === 'flush' && this.open) {
        this.open = false;
        const frames = this.chain.flush().map(copy);
        this.port.postMessage({ frames, levels: [], flushed: true }, frames);
      }
    };
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (this.open && channel) {
      const { frames, levels } = this.chain.push(channel);
      if (frames.length > 0 || levels.length > 0) {
        const buffers = frames.map(copy);
        this.port.postMessage({ frames: buffers, levels }, buffers);
      }
    }
    return this.open;
  }
}

/** An ArrayBuffer holding exactly the frame's bytes (frames may be views into a larger buffer). */
function copy(bytes) {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

registerProcessor('crafty-capture', CraftyCapture);
