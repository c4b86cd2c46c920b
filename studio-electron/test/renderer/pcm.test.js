'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const pcm = require('../../src/renderer/lib/pcm');

function sine(frequency, rate, seconds, amplitude = 0.8) {
  const samples = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  }
  return samples;
}

/** Runs a resampler over `input` in blocks of 128 (an AudioWorklet's render quantum). */
function resampleInBlocks(inRate, outRate, input) {
  const resampler = new pcm.Resampler(inRate, outRate);
  const out = [];
  for (let i = 0; i < input.length; i += 128) {
    out.push(...resampler.push(input.subarray(i, i + 128)));
  }
  out.push(...resampler.flush());
  return Float32Array.from(out);
}

function rms(samples, from = 0, to = samples.length) {
  let sum = 0;
  for (let i = from; i < to; i++) {
    sum += samples[i] * samples[i];
  }
  return Math.sqrt(sum / (to - from));
}

test('resamples 48 kHz to 16 kHz: a 1 kHz tone keeps its shape and the length is a third', () => {
  const out = resampleInBlocks(48000, 16000, sine(1000, 48000, 1));
  assert.equal(out.length, 16000);
  const expected = sine(1000, 16000, 1);
  let worst = 0;
  for (let i = 64; i < out.length - 64; i++) {
    worst = Math.max(worst, Math.abs(out[i] - expected[i]));
  }
  assert.ok(worst < 0.01, `largest deviation ${worst}`);
});

test('resamples 44.1 kHz (a fractional ratio) to 16 kHz without drifting', () => {
  const out = resampleInBlocks(44100, 16000, sine(440, 44100, 1));
  assert.equal(out.length, 16000);
  const expected = sine(440, 16000, 1);
  let worst = 0;
  for (let i = 64; i < out.length - 64; i++) {
    worst = Math.max(worst, Math.abs(out[i] - expected[i]));
  }
  assert.ok(worst < 0.01, `largest deviation ${worst}`);
});

test('removes what 16 kHz cannot carry instead of folding it back as a false tone', () => {
  const out = resampleInBlocks(48000, 16000, sine(12000, 48000, 0.5));
  assert.ok(rms(out, 64, out.length - 64) < 0.01, `a 12 kHz tone leaves ${rms(out, 64, out.length - 64)} RMS`);
});

test('block size does not change the result', () => {
  const input = sine(700, 48000, 0.2);
  const whole = new pcm.Resampler(48000, 16000);
  const atOnce = Float32Array.from([...whole.push(input), ...whole.flush()]);
  const inBlocks = resampleInBlocks(48000, 16000, input);
  assert.equal(inBlocks.length, atOnce.length);
  inBlocks.forEach((value, i) => assert.ok(Math.abs(value - atOnce[i]) < 1e-6));
});

test('converts floats to 16-bit with clipping and back within one step', () => {
  const ints = pcm.floatToInt16(Float32Array.from([0, 1, -1, 1.5, -2, 0.5, -0.5]));
  assert.deepEqual(Array.from(ints), [0, 32767, -32768, 32767, -32768, 16384, -16384]);
  const bytes = pcm.int16ToBytes(ints);
  assert.deepEqual(Array.from(bytes.subarray(0, 6)), [0, 0, 0xff, 0x7f, 0x00, 0x80], 'little-endian');
  const back = new pcm.PcmDecoder().push(bytes);
  assert.ok(Math.abs(back[5] - 0.5) < 1 / 32768 + 1e-9);
});

test('decodes s16le across frames that split a sample in half', () => {
  const bytes = pcm.int16ToBytes(Int16Array.from([1000, -2000, 3000]));
  const decoder = new pcm.PcmDecoder();
  const first = decoder.push(bytes.slice(0, 3));
  const second = decoder.push(bytes.slice(3));
  assert.deepEqual([...first, ...second].map((v) => Math.round(v * 32768)), [1000, -2000, 3000]);
});

test('cuts samples into 160 ms frames of 16 kHz (2560 samples, 5120 bytes) and keeps the rest', () => {
  const framer = new pcm.Framer(pcm.samplesFor(16000, 160));
  const frames = [...framer.push(new Int16Array(3000)), ...framer.push(new Int16Array(3000))];
  assert.deepEqual(frames.map((f) => f.length), [2560, 2560]);
  assert.equal(framer.flush().length, 880);
  assert.equal(framer.flush().length, 0);
});

test('the capture chain turns 1 s of 48 kHz microphone audio into 16 kHz frames of 100-200 ms', () => {
  const chain = new pcm.CaptureChain({ inputRate: 48000 });
  const input = sine(300, 48000, 1, 0.3);
  const frames = [];
  const levels = [];
  for (let i = 0; i < input.length; i += 128) {
    const out = chain.push(input.subarray(i, i + 128));
    frames.push(...out.frames);
    levels.push(...out.levels);
  }
  frames.push(...chain.flush());
  const bytes = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
  assert.equal(bytes, 16000 * 2);
  frames.slice(0, -1).forEach((frame) => assert.equal(frame.byteLength, 5120));
  assert.equal(levels.length, 20, 'one level per 50 ms');
  assert.ok(levels.every((level) => level > 0.5 && level < 1), `levels ${levels}`);
});

test('the level is 0 for silence and full for a loud signal', () => {
  assert.equal(pcm.levelFromRms(0), 0);
  assert.equal(pcm.levelFromRms(0.0001), 0);
  assert.equal(pcm.levelFromRms(0.9), 1);
  assert.ok(pcm.levelFromRms(0.01) > 0 && pcm.levelFromRms(0.01) < 0.5);
});
