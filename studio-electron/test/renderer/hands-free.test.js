'use strict';

/*
 * The rules of talking hands-free (lib/hands-free.js): where it runs, the VAD's settings, when
 * the microphone listens — never while Crafty's voice could reach it — the utterance as
 * /voice/chat frames, and the remembered switches.
 */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const free = require('../../src/renderer/lib/hands-free');

function memoryStorage() {
  const items = new Map();
  return { getItem: (key) => (items.has(key) ? items.get(key) : null), setItem: (key, value) => items.set(key, String(value)) };
}

test('runs where the page may fetch its files and load worklets: not from file://', () => {
  const page = { audioWorklet: true, webAssembly: true };
  assert.equal(free.canRun({ ...page, protocol: 'http:' }), true);
  assert.equal(free.canRun({ ...page, protocol: 'crafty:' }), true);
  assert.equal(free.canRun({ ...page, protocol: 'file:' }), false);
  assert.equal(free.canRun({ ...page, protocol: 'http:', audioWorklet: false }), false);
  assert.equal(free.canRun({ ...page, protocol: 'http:', webAssembly: false }), false);
});

test('ends an utterance after 700 ms of silence unless told otherwise; a sound shorter than a word is none', () => {
  const bases = { vadBase: 'http://127.0.0.1:1/vendor/vad/', ortBase: 'http://127.0.0.1:1/vendor/ort/' };
  const options = free.vadOptions({}, bases);
  assert.equal(options.model, 'v5');
  assert.equal(options.redemptionMs, 700);
  assert.ok(options.minSpeechMs >= 200 && options.minSpeechMs <= 400, `minSpeechMs ${options.minSpeechMs}`);
  assert.equal(options.baseAssetPath, bases.vadBase);
  assert.equal(options.onnxWASMBasePath, bases.ortBase);
  assert.equal(options.startOnLoad, false);
  assert.equal(options.submitUserSpeechOnPause, false, 'speech cut off by closing the microphone is not sent');
  assert.ok(options.negativeSpeechThreshold < options.positiveSpeechThreshold);
  assert.equal(free.vadOptions({ endSilenceMs: 1000 }, bases).redemptionMs, 1000);
});

test('Crafty cannot hear himself with echo cancellation or headphones', () => {
  assert.equal(free.echoSafe({ echoCancellation: true, headphones: false, wideEcho: true }), true);
  assert.equal(free.echoSafe({ echoCancellation: false, headphones: true, wideEcho: false }), true);
  assert.equal(free.echoSafe({ echoCancellation: false, headphones: false, wideEcho: true }), false);
  assert.equal(free.echoSafe({ echoCancellation: undefined, headphones: false, wideEcho: true }), false);
  // a browser's own canceller does not hear Crafty's Web Audio voice: the track's word is not enough
  assert.equal(free.echoSafe({ echoCancellation: true, headphones: false, wideEcho: false }), false);
  assert.equal(free.echoSafe({ echoCancellation: true, headphones: false }), false);
});

test('without echo safety the microphone listens only while Crafty is silent, and a moment after', () => {
  const quiet = { holding: false, safe: false, sinceSpokeMs: Infinity };
  assert.equal(free.listens({ ...quiet, mode: 'idle' }), true);
  assert.equal(free.listens({ ...quiet, mode: 'listening' }), true);
  for (const mode of ['thinking', 'speaking', 'paused', 'disabled']) {
    assert.equal(free.listens({ ...quiet, mode }), false, mode);
  }
  assert.equal(free.listens({ ...quiet, mode: 'idle', sinceSpokeMs: 100 }), false, 'his voice may still ring in the room');
  assert.equal(free.listens({ ...quiet, mode: 'idle', sinceSpokeMs: free.AFTER_SPEAKING_MS }), true);
});

test('with echo safety it listens while Crafty speaks, so speaking interrupts him', () => {
  const safe = { holding: false, safe: true, sinceSpokeMs: 0 };
  for (const mode of ['idle', 'listening', 'thinking', 'speaking', 'paused']) {
    assert.equal(free.listens({ ...safe, mode }), true, mode);
  }
  assert.equal(free.listens({ ...safe, mode: 'disabled' }), false);
  assert.equal(free.listens({ ...safe, mode: 'idle', holding: true }), false, 'a held turn has the microphone');
  assert.deepEqual(['idle', 'listening', 'thinking', 'speaking', 'paused'].filter(free.interrupts), ['thinking', 'speaking', 'paused']);
});

test('cuts the utterance into 160 ms s16le frames, the last one shorter', () => {
  const samples = new Float32Array(2560 * 2 + 100);
  samples[0] = 0.5;
  samples[2560] = -1;
  samples[samples.length - 1] = 2;
  const frames = free.utteranceFrames(samples);
  assert.deepEqual(frames.map((frame) => frame.byteLength), [5120, 5120, 200]);
  assert.ok(frames.every((frame) => frame instanceof ArrayBuffer));
  assert.equal(new DataView(frames[0]).getInt16(0, true), Math.round(0.5 * 32767));
  assert.equal(new DataView(frames[1]).getInt16(0, true), -32768);
  assert.equal(new DataView(frames[2]).getInt16(198, true), 32767, 'louder than full scale is clipped');
  assert.deepEqual(free.utteranceFrames(new Float32Array(0)), []);
});

test('remembers the switches; push-to-talk is the default', () => {
  const storage = memoryStorage();
  assert.deepEqual(free.remembered(storage), { on: false, headphones: false });
  free.remember(storage, 'on', true);
  free.remember(storage, 'headphones', true);
  assert.deepEqual(free.remembered(storage), { on: true, headphones: true });
  free.remember(storage, 'on', false);
  assert.deepEqual(free.remembered(storage), { on: false, headphones: true });
  assert.deepEqual(free.remembered(null), { on: false, headphones: false });
  const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
  assert.deepEqual(free.remembered(broken), { on: false, headphones: false });
  assert.doesNotThrow(() => free.remember(broken, 'on', true));
});
