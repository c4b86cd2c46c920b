'use strict';

/*
 * The saved conversations in the renderer: the Sessions model (requests matched by requestId,
 * the cursor for older messages), what the Conversation does with every session:* answer, and
 * the words for "when" and "how many".
 */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { Conversation } = require('../../src/renderer/lib/conversation');
const protocol = require('../../src/renderer/lib/protocol');
const { Sessions, describeWhen, describeCount, errorKey } = require('../../src/renderer/lib/sessions');

const A = 'session-a';
const B = 'session-b';

function summary(sessionId, updatedAt, extra = {}) {
  return { sessionId, title: `Chat ${sessionId}`, createdAt: 1, updatedAt, messageCount: 2, ...extra };
}

function saved(messageId, role, content, extra = {}) {
  return { messageId, role, content, timestamp: messageId, voice: false, partial: false, ...extra };
}

/** A conversation welcomed in session A, with the requests it makes recorded. */
function welcomed() {
  const conversation = new Conversation();
  conversation.receiveChat({ type: 'assistant', content: 'Hi, ich bin Crafty!', sessionId: A, resumed: false });
  return conversation;
}

test('hands out a fresh requestId per request and matches each answer to its request once', () => {
  const sessions = new Sessions();
  const list = sessions.list();
  const rename = sessions.rename(A, 'Burg');
  assert.deepEqual(list, { action: 'session:list', requestId: 'q-1' });
  assert.deepEqual(rename, { action: 'session:rename', sessionId: A, title: 'Burg', requestId: 'q-2' });
  assert.deepEqual(sessions.settle('q-2'), { kind: 'rename', sessionId: A });
  assert.equal(sessions.settle('q-2'), undefined, 'an answer is matched only once');
  assert.equal(sessions.settle(undefined), undefined);
  assert.equal(sessions.pending.size, 1);
});

test('asks for older messages only with a cursor, and one page at a time', () => {
  const sessions = new Sessions();
  assert.equal(sessions.older(A), null, 'no cursor: the start of the chat is shown');
  sessions.before = '40';
  const first = sessions.older(A);
  assert.deepEqual(first, { action: 'session:history', sessionId: A, before: '40', requestId: 'q-1' });
  assert.equal(sessions.loadingOlder, true);
  assert.equal(sessions.older(A), null);
  sessions.connectionLost();
  assert.equal(sessions.loadingOlder, false, 'a lost connection answers nothing: nothing waits');
});

test('keeps the list newest first when a chat is created or renamed', () => {
  const sessions = new Sessions();
  sessions.setList([summary(A, 10), summary(B, 30)]);
  assert.deepEqual(sessions.items.map((s) => s.sessionId), [B, A]);
  sessions.upsert(summary(A, 50, { title: 'Neu' }));
  assert.deepEqual(sessions.items.map((s) => [s.sessionId, s.title]), [[A, 'Neu'], [B, `Chat ${B}`]]);
  assert.equal(sessions.drop(B), true);
  assert.equal(sessions.drop(B), false);
});

test('switching shows the saved messages instead of the welcome; load older puts the next page on top', () => {
  const conversation = welcomed();
  const request = conversation.sessions.switchTo(B);
  conversation.receiveChat({ type: 'session:switched', session: summary(B, 5), requestId: request.requestId, before: '3',
    messages: [saved(3, 'user', 'Frage 2'), saved(4, 'assistant', 'Antwort 2')] });
  assert.equal(conversation.sessionId, B);
  assert.deepEqual(conversation.messages.map((m) => m.text), ['Frage 2', 'Antwort 2']);
  const older = conversation.sessions.older(B);
  conversation.receiveChat({ type: 'session:history', sessionId: B, requestId: older.requestId,
    messages: [saved(1, 'user', 'Frage 1', { voice: true }), saved(2, 'assistant', 'Antwort 1'), saved(3, 'user', 'Frage 2')] });
  assert.deepEqual(conversation.messages.map((m) => m.text), ['Frage 1', 'Antwort 1', 'Frage 2', 'Antwort 2'],
    'a message already shown is not shown twice');
  assert.equal(conversation.messages[0].via, 'voice');
  assert.equal(conversation.sessions.before, null);
  assert.equal(new Set(conversation.messages.map((m) => m.id)).size, 4, 'every message has its own id');
});

test('a page of history for a chat no longer shown is dropped', () => {
  const conversation = welcomed();
  conversation.sessions.before = '9';
  const older = conversation.sessions.older(A);
  const created = conversation.sessions.create();
  conversation.receiveChat({ type: 'session:created', session: summary(B, 7, { messageCount: 0 }), requestId: created.requestId });
  const events = conversation.receiveChat({ type: 'session:history', sessionId: A, requestId: older.requestId,
    messages: [saved(1, 'user', 'Alt')] });
  assert.deepEqual(conversation.messages.map((m) => m.text), ['Hi, ich bin Crafty!']);
  assert.deepEqual(events, [{ type: 'history', before: null, loading: false }]);
});

test('a new chat shows the welcome the server gave, or the app\'s own before the server said one', () => {
  const fresh = new Conversation();
  const request = fresh.sessions.create('Burg');
  assert.deepEqual(request, { action: 'session:create', title: 'Burg', requestId: 'q-1' });
  fresh.receiveChat({ type: 'session:created', session: summary(B, 1), requestId: 'q-1' });
  assert.deepEqual(fresh.messages.map((m) => [m.role, m.text, m.key]), [['crafty', '', 'welcomeNew']]);

  const conversation = welcomed();
  conversation.receiveChat({ type: 'assistant', content: 'Da bin ich wieder!', sessionId: A, resumed: true });
  conversation.receiveChat({ type: 'session:created', session: summary(B, 1), requestId: 'x' });
  assert.deepEqual(conversation.messages.map((m) => m.text), ['Hi, ich bin Crafty!'], 'the greeting, not the welcome back');
});

test('opening another chat while Crafty speaks leaves that voice reply behind', () => {
  const conversation = welcomed();
  conversation.receiveVoice({ type: 'status', status: 'thinking', requestId: 'v-1' });
  conversation.receiveVoice({ type: 'status', status: 'responding', chunk: 'Also', requestId: 'v-1' });
  const events = conversation.receiveChat({ type: 'session:switched', session: summary(B, 1), messages: [] });
  assert.deepEqual(events.find((e) => e.type === 'finished'), { type: 'finished', channel: 'voice', requestId: 'v-1', outcome: 'abandoned' });
  assert.equal(conversation.phase.voice, 'idle');
  assert.deepEqual(conversation.receiveVoice({ type: 'done', text: 'Also gut', requestId: 'v-1', sessionId: A }), []);
  assert.equal(conversation.sessionId, B, 'its done does not take the chat back');
});

test('every session:error code has a friendly line; store_failed keeps the chat shown', () => {
  assert.deepEqual(['not_found', 'bad_request', 'store_failed', 'future'].map(errorKey),
    ['sessionNotFound', 'sessionBadRequest', 'sessionStoreFailed', 'sessionFailed']);
  const conversation = welcomed();
  conversation.sessions.setList([summary(A, 1)]);
  const request = conversation.sessions.rename(A, 'Burg');
  conversation.receiveChat({ type: 'session:error', code: 'store_failed', category: 'engine', content: 'Kaputt.',
    requestId: request.requestId });
  assert.deepEqual(conversation.messages.at(-1), { ...conversation.messages.at(-1), role: 'error', key: 'sessionStoreFailed',
    about: 'rename', text: 'Kaputt.' });
  assert.equal(conversation.sessions.items.length, 1, 'the chat is still listed');
  assert.equal(conversation.sessionId, A);
});

test('reads session answers defensively: unusable entries are left out, absent fields get defaults', () => {
  const reply = protocol.readSessionReply({ type: 'session:list', requestId: 'l-1', before: 'yesterday',
    sessions: [{ sessionId: '../x' }, { sessionId: 'ok', title: '  ', updatedAt: 5 }, null],
    messages: [{ role: 'system', content: 'x' }] });
  assert.deepEqual(reply.sessions, [{ sessionId: 'ok', title: null, createdAt: 5, updatedAt: 5, messageCount: 0,
    language: undefined, model: undefined }]);
  assert.deepEqual(reply.messages, []);
  assert.equal(reply.before, null);
});

test('says when a chat was used and how many messages it has', () => {
  const now = new Date(2026, 10, 24, 15, 30).getTime();
  const at = (days, hours, minutes) => new Date(2026, 10, 24 - days, hours, minutes).getTime();
  assert.deepEqual(describeWhen(now - 20_000, now), { key: 'whenJustNow', params: {} });
  assert.deepEqual(describeWhen(now - 5 * 60_000, now), { key: 'whenMinutes', params: { minutes: 5 } });
  assert.deepEqual(describeWhen(at(0, 9, 5), now), { key: 'whenToday', params: { time: '09:05' } });
  assert.deepEqual(describeWhen(at(1, 22, 0), now), { key: 'whenYesterday', params: { time: '22:00' } });
  assert.equal(describeWhen(at(3, 12, 0), now, 'de').key, 'whenDate');
  assert.match(describeWhen(at(3, 12, 0), now, 'de').params.date, /^21\. Nov\.? 2026$/);
  assert.deepEqual([describeCount(1), describeCount(0), describeCount(7)].map((c) => [c.key, c.params.count]),
    [['messageCountOne', undefined], ['messageCountMany', 0], ['messageCountMany', 7]]);
});
