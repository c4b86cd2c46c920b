'use strict';

/*
 * The spoken turns on a real Conversation: what conversation.test.js and the protocol examples
 * leave out (the phases the app sets itself, a cancelled spoken reply, a status from a newer
 * server).
 */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { Conversation } = require('../../src/renderer/lib/conversation');
const voiceTurns = require('../../src/renderer/lib/voice-turns');

function receive(conversation, message) {
  const out = [];
  voiceTurns.receive(conversation, message, out);
  return out;
}

test('holding the button forgets the last transcript; the app moves the phase ahead and back to idle', () => {
  const conversation = new Conversation();
  receive(conversation, { type: 'transcript.partial', text: 'Wie hoch' });
  assert.deepEqual(voiceTurns.startListening(conversation), [{ type: 'phase', channel: 'voice', phase: 'listening' }]);
  assert.equal(conversation.partial, '');
  assert.deepEqual(voiceTurns.setPhase(conversation, 'transcribing'),
    [{ type: 'phase', channel: 'voice', phase: 'transcribing' }]);
  assert.deepEqual(voiceTurns.setPhase(conversation, 'transcribing'), [], 'the same phase again is no change');
  receive(conversation, { type: 'transcript.partial', text: 'Wie hoch ist' });
  assert.deepEqual(voiceTurns.idle(conversation),
    [{ type: 'partial', text: '' }, { type: 'phase', channel: 'voice', phase: 'idle' }]);
  assert.equal(conversation.partial, '');
  assert.deepEqual(conversation.messages, [], 'no reply, no message');
});

test('a cancelled spoken reply keeps the words said so far and returns to idle', () => {
  const conversation = new Conversation();
  receive(conversation, { type: 'status', status: 'thinking', requestId: 'v-1' });
  receive(conversation, { type: 'status', status: 'responding', chunk: 'Ein Creeper', requestId: 'v-1' });
  const events = receive(conversation, { type: 'cancelled', requestId: 'v-1', partialContent: 'Ein Creeper' });
  assert.deepEqual(conversation.messages.map((m) => [m.role, m.text, m.state, m.streaming]),
    [['crafty', 'Ein Creeper', 'cancelled', false]]);
  assert.deepEqual(events.filter((e) => e.type !== 'updated'), [
    { type: 'finished', channel: 'voice', requestId: 'v-1', outcome: 'cancelled' },
    { type: 'phase', channel: 'voice', phase: 'idle' },
  ]);
});

test('a reply cancelled before its first words leaves no empty bubble', () => {
  const conversation = new Conversation();
  receive(conversation, { type: 'status', status: 'thinking', requestId: 'v-1' });
  receive(conversation, { type: 'cancelled', requestId: 'v-1' });
  assert.deepEqual(conversation.messages, []);
  assert.equal(conversation.phase.voice, 'idle');
});

test('a status this window does not know changes nothing', () => {
  const conversation = new Conversation();
  receive(conversation, { type: 'status', status: 'thinking', requestId: 'v-1' });
  assert.deepEqual(receive(conversation, { type: 'status', status: 'dreaming', requestId: 'v-1' }), []);
  assert.equal(conversation.phase.voice, 'thinking');
  assert.deepEqual(voiceTurns.VOICE_STATUSES, ['transcribing', 'transcribed', 'thinking', 'responding', 'speaking']);
});
