'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { PlaybackClock } = require('../../src/renderer/lib/playback-clock');

test('places frames back to back, without gaps, across sentences', () => {
  const clock = new PlaybackClock({ leadSeconds: 0.05 });
  const starts = [clock.schedule(10, 0.15), clock.schedule(10.02, 0.15), clock.schedule(10.1, 0.2), clock.schedule(10.3, 0.1)];
  assert.deepEqual(starts.map((s) => Number(s.toFixed(6))), [10.05, 10.2, 10.35, 10.55]);
  assert.equal(clock.underruns, 0);
});

test('a frame that comes after the previous one has played starts a little after now', () => {
  const clock = new PlaybackClock({ leadSeconds: 0.05 });
  clock.schedule(0, 0.1);
  const late = clock.schedule(2, 0.1);
  assert.equal(Number(late.toFixed(6)), 2.05);
  assert.equal(clock.underruns, 1);
});

test('knows how much is left and how much has played', () => {
  const clock = new PlaybackClock({ leadSeconds: 0 });
  clock.schedule(1, 0.5);
  clock.schedule(1, 0.5);
  assert.equal(clock.remaining(1.25), 0.75);
  assert.equal(clock.played(1.25), 0.25);
  assert.equal(clock.remaining(3), 0);
  assert.equal(clock.played(3), 1);
});

test('reset forgets the schedule (after stop)', () => {
  const clock = new PlaybackClock({ leadSeconds: 0.05 });
  clock.schedule(0, 5);
  clock.reset();
  assert.equal(Number(clock.schedule(1, 0.1).toFixed(6)), 1.05);
  assert.equal(clock.underruns, 0);
});
