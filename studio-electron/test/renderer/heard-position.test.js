'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { HeardPosition } = require('../../src/renderer/lib/heard-position');
const { PlaybackClock } = require('../../src/renderer/lib/playback-clock');
const protocol = require('../../src/renderer/lib/protocol');

test('reports the sentence that was playing and how long it had played', () => {
  const position = new HeardPosition();
  const clock = new PlaybackClock({ leadSeconds: 0 });
  position.reset('v-1');
  position.sentenceBegins(0, clock.scheduledSeconds);
  clock.schedule(0, 0.6);
  position.sentenceBegins(1, clock.scheduledSeconds);
  clock.schedule(0, 1.0);
  clock.schedule(0, 1.0);
  position.sentenceBegins(2, clock.scheduledSeconds);
  clock.schedule(0, 1.5);

  const at = position.at(clock.played(0.6 + 1.25));
  assert.deepEqual(at, { requestId: 'v-1', sentence: 1, playedMs: 1250 });
  assert.deepEqual(protocol.client.heard(at.requestId, at.sentence, at.playedMs),
    { action: 'heard', requestId: 'v-1', sentence: 1, playedMs: 1250 });
});

test('stopped before the first sound: nothing of sentence 0 was heard', () => {
  const position = new HeardPosition();
  position.reset('v-2');
  position.sentenceBegins(0, 0);
  assert.deepEqual(position.at(0), { requestId: 'v-2', sentence: 0, playedMs: 0 });
});

test('no reply, or a reply whose voice had not begun, reports nothing', () => {
  const position = new HeardPosition();
  assert.equal(position.at(3), null);
  position.reset('v-3');
  assert.equal(position.at(0), null);
});

test('a new reply forgets the sentences of the last one', () => {
  const position = new HeardPosition();
  position.reset('v-1');
  position.sentenceBegins(0, 0);
  position.sentenceBegins(1, 2);
  position.reset('v-2');
  position.sentenceBegins(0, 0);
  assert.deepEqual(position.at(2.5), { requestId: 'v-2', sentence: 0, playedMs: 2500 });
});
