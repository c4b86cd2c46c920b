'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { Conversation } = require('../../src/renderer/lib/conversation');

function welcomed() {
  const conversation = new Conversation();
  conversation.receiveChat({ type: 'assistant', content: 'Hi, ich bin Crafty!', sessionId: 's-1', resumed: false });
  return conversation;
}

test('shows the welcome once, also when a reconnect sends it again', () => {
  const conversation = welcomed();
  conversation.receiveChat({ type: 'assistant', content: 'Da bin ich wieder!', sessionId: 's-1', resumed: true });
  assert.equal(conversation.messages.length, 1);
  assert.equal(conversation.resumed, true);
});

test('a reply bubble waits (thinking) before the first delta and streams after it', () => {
  const conversation = welcomed();
  conversation.addChild('Hallo', { requestId: 'r-1', state: 'queued' });
  conversation.awaitChatReply('r-1');
  assert.equal(conversation.messages[1].state, 'sent');
  assert.equal(conversation.messages[2].state, 'waiting');
  assert.equal(conversation.phase.chat, 'thinking');
  conversation.receiveChat({ type: 'assistant', content: 'Hal', streaming: true, requestId: 'r-1' });
  assert.equal(conversation.messages[2].state, 'streaming');
  assert.equal(conversation.phase.chat, 'streaming');
});

test('a superseded reply keeps its partial text and is marked cancelled', () => {
  const conversation = welcomed();
  conversation.awaitChatReply('r-1');
  conversation.receiveChat({ type: 'assistant', content: 'Für ein', streaming: true, requestId: 'r-1' });
  const events = conversation.receiveChat({ type: 'cancelled', requestId: 'r-1', reason: 'superseded' });
  assert.equal(conversation.messages[1].text, 'Für ein');
  assert.equal(conversation.messages[1].state, 'cancelled');
  assert.deepEqual(events.find((e) => e.type === 'finished'), { type: 'finished', channel: 'chat', requestId: 'r-1', outcome: 'cancelled' });
});

test('an invalid-request error without a requestId leaves the streaming reply alone', () => {
  const conversation = welcomed();
  conversation.awaitChatReply('r-1');
  conversation.receiveChat({ type: 'assistant', content: 'Für', streaming: true, requestId: 'r-1' });
  conversation.receiveChat({ type: 'error', code: 'too_large', category: 'invalid_request', content: 'Zu lang.' });
  assert.equal(conversation.messages[1].streaming, true);
  assert.equal(conversation.phase.chat, 'streaming');
  assert.equal(conversation.messages.at(-1).role, 'error');
});

test('a lost connection ends a streaming reply as interrupted', () => {
  const conversation = welcomed();
  conversation.awaitChatReply('r-1');
  conversation.receiveChat({ type: 'assistant', content: 'Für', streaming: true, requestId: 'r-1' });
  conversation.connectionLost('chat');
  assert.equal(conversation.messages[1].state, 'interrupted');
  assert.equal(conversation.phase.chat, 'idle');
});

test('ignores message types it does not know and fields it does not know', () => {
  const conversation = welcomed();
  assert.deepEqual(conversation.receiveChat({ type: 'future-thing', x: 1 }), []);
  conversation.awaitChatReply('r-1');
  conversation.receiveChat({ type: 'assistant', content: 'A', streaming: true, requestId: 'r-1', mood: 'happy' });
  assert.equal(conversation.messages[1].text, 'A');
});

test('a voice turn: partial transcript, transcribed text, streamed reply, audio announcements, done', () => {
  const conversation = new Conversation();
  const events = [];
  conversation.subscribe((event) => events.push(event));
  conversation.receiveVoice({ type: 'session', sessionId: 'v-s', resumed: false });
  conversation.startListening();
  conversation.receiveVoice({ type: 'ack', received: 1, total: 5120 });
  conversation.receiveVoice({ type: 'transcript.partial', text: 'front' });
  assert.equal(conversation.partial, 'front');
  conversation.receiveVoice({ type: 'status', status: 'transcribing' });
  conversation.receiveVoice({ type: 'status', status: 'transcribed', text: 'front center' });
  assert.equal(conversation.partial, '');
  conversation.receiveVoice({ type: 'status', status: 'thinking' });
  conversation.receiveVoice({ type: 'status', status: 'responding', chunk: 'Hallo' });
  conversation.receiveVoice({ type: 'status', status: 'responding', chunk: ' du!' });
  conversation.receiveVoice({ type: 'status', status: 'speaking' });
  conversation.receiveVoice({ type: 'sentence', index: 0, text: 'Hallo du!' });
  conversation.receiveVoice({ type: 'audio_start', sampleRate: 22050, channels: 1, encoding: 'pcm_s16le' });
  conversation.receiveVoice({ type: 'audio_end', frames: 3, bytes: 13230 });
  conversation.receiveVoice({ type: 'done', done: true, text: 'Hallo du!', sessionId: 'v-s' });
  assert.deepEqual(conversation.messages.map((m) => [m.role, m.text, m.via ?? null]),
    [['child', 'front center', 'voice'], ['crafty', 'Hallo du!', null]]);
  assert.equal(conversation.sessionId, 'v-s');
  assert.deepEqual(events.filter((e) => e.type === 'phase').map((e) => e.phase),
    ['listening', 'transcribing', 'thinking', 'responding', 'speaking', 'done']);
  assert.deepEqual(events.find((e) => e.type === 'audio-start').format, { sampleRate: 22050, channels: 1, encoding: 'pcm_s16le' });
});

test('a spoken reply whose speech failed still shows its text and says why it is silent', () => {
  const conversation = new Conversation();
  conversation.receiveVoice({ type: 'status', status: 'thinking', requestId: 'v-1' });
  conversation.receiveVoice({ type: 'done', done: true, text: 'Hier ist meine Antwort.', ttsError: 'tts_unavailable', requestId: 'v-1' });
  assert.deepEqual(conversation.messages.map((m) => m.role), ['crafty', 'notice']);
  assert.equal(conversation.messages[0].text, 'Hier ist meine Antwort.');
  assert.deepEqual(conversation.messages[1].params, { code: 'tts_unavailable' });
});

test('a voice error before any reply shows the kid-friendly text and returns to idle', () => {
  const conversation = new Conversation();
  conversation.startListening();
  conversation.receiveVoice({ type: 'error', code: 'no_audio', category: 'invalid_request', content: 'Ich habe nichts gehört.', requestId: 'v-1' });
  assert.deepEqual(conversation.messages.map((m) => [m.role, m.text, m.code]), [['error', 'Ich habe nichts gehört.', 'no_audio']]);
  assert.equal(conversation.phase.voice, 'idle');
});
