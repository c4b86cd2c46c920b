'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { VoiceGesture } = require('../../src/renderer/lib/voice-gesture');

test('hold to talk: press starts listening, letting go after a while sends', () => {
  const gesture = new VoiceGesture({ holdMs: 350 });
  assert.deepEqual(gesture.press(0), ['start']);
  assert.equal(gesture.listening, true);
  assert.deepEqual(gesture.release(2000), ['finish']);
  assert.equal(gesture.listening, false);
});

test('tap to toggle: a short tap keeps listening until the next tap', () => {
  const gesture = new VoiceGesture({ holdMs: 350 });
  assert.deepEqual(gesture.press(0), ['start']);
  assert.deepEqual(gesture.release(120), []);
  assert.equal(gesture.listening, true);
  assert.deepEqual(gesture.press(3000), ['finish']);
  assert.deepEqual(gesture.release(3100), []);
  assert.equal(gesture.state, 'idle');
});

test('pressing while Crafty thinks or speaks interrupts him, then listens', () => {
  const gesture = new VoiceGesture();
  assert.deepEqual(gesture.press(0, { busy: true }), ['interrupt', 'start']);
});

test('escape throws the recording away', () => {
  const gesture = new VoiceGesture();
  gesture.press(0);
  gesture.release(50);
  assert.deepEqual(gesture.cancel(), ['cancel']);
  assert.deepEqual(gesture.cancel(), []);
});

test('when listening ends by itself while held, letting go does nothing more', () => {
  const gesture = new VoiceGesture();
  gesture.press(0);
  gesture.reset();
  assert.deepEqual(gesture.release(40000), []);
  assert.equal(gesture.state, 'idle');
});
