/*
 * Audio arithmetic for the microphone and for Crafty's voice, shared by the AudioWorklet, the
 * main thread and the Node tests:
 *   - Resampler: any rate to any rate (the microphone's 44.1/48 kHz to the server's 16 kHz),
 *     streaming, with a windowed-sinc low-pass so that nothing above the new Nyquist folds back;
 *   - floatToInt16 / int16ToBytes / PcmDecoder: Web Audio floats <-> 16-bit little-endian PCM;
 *   - Framer: cuts a stream of samples into frames of a fixed length (e.g. 160 ms);
 *   - LevelMeter: the loudness for the button's level meter, 0..1, per short window.
 *
 * Loads as a classic script and as an AudioWorklet module (globalThis.CraftyUi.pcm), and in
 * Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.pcm = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  /** Samples in `ms` milliseconds at `sampleRate`. */
  function samplesFor(sampleRate, ms) {
    return Math.round((sampleRate * ms) / 1000);
  }

  /** Web Audio floats (-1..1) to signed 16-bit integers, clipping what is louder. */
  function floatToInt16(samples) {
    const out = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i] > 1 ? 1 : samples[i] < -1 ? -1 : samples[i] || 0;
      out[i] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
    }
    return out;
  }

  /** The bytes of 16-bit samples in little-endian order (s16le), whatever the machine's order. */
  function int16ToBytes(samples) {
    if (LITTLE_ENDIAN) {
      return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    }
    const bytes = new Uint8Array(samples.length * 2);
    const view = new DataView(bytes.buffer);
    samples.forEach((s, i) => view.setInt16(i * 2, s, true));
    return bytes;
  }

  /**
   * s16le bytes to floats, across frames: a frame that ends in the middle of a sample keeps its
   * odd byte for the next one.
   */
  class PcmDecoder {
    constructor() {
      this.carry = null;
    }

    /** @param {ArrayBuffer|Uint8Array} chunk @returns {Float32Array} */
    push(chunk) {
      let bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
      if (this.carry !== null) {
        const joined = new Uint8Array(bytes.length + 1);
        joined[0] = this.carry;
        joined.set(bytes, 1);
        bytes = joined;
        this.carry = null;
      }
      const count = bytes.length >> 1;
      if (bytes.length % 2 === 1) {
        this.carry = bytes[bytes.length - 1];
      }
      const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        out[i] = view.getInt16(i * 2, true) / 32768;
      }
      return out;
    }

    /** Forgets a half sample (a new stream starts). */
    reset() {
      this.carry = null;
    }
  }

  const ZERO_CROSSINGS = 8;
  const TABLE_STEPS = 256;

  function blackman(x) {
    return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
  }

  /**
   * Streaming sample-rate converter: each output sample is the input convolved with a
   * Blackman-windowed sinc whose cut-off sits just below the lower of the two Nyquist rates.
   * Output is aligned with the input (no delay); flush() returns the tail.
   */
  class Resampler {
    constructor(inRate, outRate) {
      if (!(inRate > 0 && outRate > 0)) {
        throw new RangeError('sample rates must be positive');
      }
      this.inRate = inRate;
      this.outRate = outRate;
      this.step = inRate / outRate;
      this.cutoff = Math.min(1, outRate / inRate) * 0.94;
      this.half = Math.ceil(ZERO_CROSSINGS / this.cutoff);
      this.table = new Float32Array(this.half * TABLE_STEPS + 2);
      for (let i = 0; i < this.table.length; i++) {
        const x = i / TABLE_STEPS;
        const sinc = x === 0 ? 1 : Math.sin(Math.PI * this.cutoff * x) / (Math.PI * this.cutoff * x);
        this.table[i] = x >= this.half ? 0 : this.cutoff * sinc * blackman(x / this.half);
      }
      this.buffer = new Float32Array(this.half);
      this.length = this.half;
      this.position = this.half;
    }

    append(samples) {
      if (this.length + samples.length > this.buffer.length) {
        const grown = new Float32Array(Math.max(this.buffer.length * 2, this.length + samples.length));
        grown.set(this.buffer.subarray(0, this.length));
        this.buffer = grown;
      }
      this.buffer.set(samples, this.length);
      this.length += samples.length;
    }

    /** @param {Float32Array} samples at inRate @returns {Float32Array} samples at outRate */
    push(samples) {
      if (this.inRate === this.outRate) {
        return Float32Array.from(samples);
      }
      this.append(samples);
      return this.drain();
    }

    drain() {
      const out = [];
      const { buffer, half, table } = this;
      while (Math.floor(this.position) + half < this.length) {
        const centre = Math.floor(this.position);
        const fraction = this.position - centre;
        let sum = 0;
        for (let k = -half + 1; k <= half; k++) {
          const distance = Math.abs(k - fraction);
          sum += buffer[centre + k] * table[Math.round(distance * TABLE_STEPS)];
        }
        out.push(sum);
        this.position += this.step;
      }
      const keepFrom = Math.floor(this.position) - half + 1;
      if (keepFrom > 0) {
        this.buffer.copyWithin(0, keepFrom, this.length);
        this.length -= keepFrom;
        this.position -= keepFrom;
      }
      return Float32Array.from(out);
    }

    /** The last output samples, computed as if silence followed. */
    flush() {
      if (this.inRate === this.outRate) {
        return new Float32Array(0);
      }
      const end = this.length;
      const start = this.position;
      this.append(new Float32Array(this.half + 1));
      const all = this.drain();
      const wanted = Math.max(0, Math.ceil((end - start) / this.step - 1e-9));
      this.buffer = new Float32Array(this.half);
      this.length = this.half;
      this.position = this.half;
      return all.slice(0, Math.min(all.length, wanted));
    }
  }

  /** Cuts 16-bit samples into frames of exactly `frameSamples`; flush() returns the rest. */
  class Framer {
    constructor(frameSamples) {
      if (!Number.isInteger(frameSamples) || frameSamples < 1) {
        throw new RangeError('frameSamples must be a positive integer');
      }
      this.frameSamples = frameSamples;
      this.frame = new Int16Array(frameSamples);
      this.filled = 0;
    }

    /** @param {Int16Array} samples @returns {Int16Array[]} the frames completed by them */
    push(samples) {
      const frames = [];
      let offset = 0;
      while (offset < samples.length) {
        const take = Math.min(this.frameSamples - this.filled, samples.length - offset);
        this.frame.set(samples.subarray(offset, offset + take), this.filled);
        this.filled += take;
        offset += take;
        if (this.filled === this.frameSamples) {
          frames.push(this.frame);
          this.frame = new Int16Array(this.frameSamples);
          this.filled = 0;
        }
      }
      return frames;
    }

    /** The incomplete last frame (possibly empty), trimmed to its length. */
    flush() {
      const rest = this.frame.slice(0, this.filled);
      this.filled = 0;
      return rest;
    }
  }

  /** 0..1 for the level meter: -60 dBFS and below is 0, -10 dBFS and above is 1. */
  function levelFromRms(rms) {
    if (!(rms > 0)) {
      return 0;
    }
    const db = 20 * Math.log10(rms);
    return Math.max(0, Math.min(1, (db + 60) / 50));
  }

  /** The loudness of consecutive windows of `windowMs`. */
  class LevelMeter {
    constructor(sampleRate, windowMs = 50) {
      this.window = Math.max(1, samplesFor(sampleRate, windowMs));
      this.sum = 0;
      this.count = 0;
    }

    /** @param {Float32Array} samples @returns {number[]} one level per completed window */
    push(samples) {
      const levels = [];
      for (let i = 0; i < samples.length; i++) {
        this.sum += samples[i] * samples[i];
        this.count += 1;
        if (this.count === this.window) {
          levels.push(levelFromRms(Math.sqrt(this.sum / this.count)));
          this.sum = 0;
          this.count = 0;
        }
      }
      return levels;
    }
  }

  /**
   * The microphone pipeline in one object: floats at the device rate in, 16 kHz s16le frames and
   * levels out. The AudioWorklet and the ScriptProcessor fallback both use it.
   */
  class CaptureChain {
    constructor({ inputRate, outputRate = 16000, frameMs = 160, levelMs = 50 }) {
      this.resampler = new Resampler(inputRate, outputRate);
      this.framer = new Framer(samplesFor(outputRate, frameMs));
      this.meter = new LevelMeter(inputRate, levelMs);
    }

    /** @returns {{frames: Uint8Array[], levels: number[]}} */
    push(samples) {
      const levels = this.meter.push(samples);
      const frames = this.framer.push(floatToInt16(this.resampler.push(samples))).map(int16ToBytes);
      return { frames, levels };
    }

    /** The rest of the audio as complete frames plus one shorter last frame (if any). */
    flush() {
      const frames = this.framer.push(floatToInt16(this.resampler.flush())).map(int16ToBytes);
      const rest = this.framer.flush();
      if (rest.length > 0) {
        frames.push(int16ToBytes(rest));
      }
      return frames;
    }
  }

  return {
    samplesFor, floatToInt16, int16ToBytes, PcmDecoder, Resampler, Framer, LevelMeter, levelFromRms, CaptureChain,
  };
}));
