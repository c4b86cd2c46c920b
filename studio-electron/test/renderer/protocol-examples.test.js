'use strict';

/*
 * The renderer against the documented protocol: every example in docs/protocol is loaded, so
 * the window and the contract cannot drift apart. Server examples go through the Conversation
 * (the model the chat panel renders); client examples are rebuilt with the renderer's own
 * message builders; the invalid examples are messages the builders refuse to produce.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test } = require('node:test');

const { Conversation } = require('../../src/renderer/lib/conversation');
const { translate } = require('../../src/renderer/lib/i18n');
const protocol = require('../../src/renderer/lib/protocol');
const parentExamples = require('./support/parent-examples');

const DOCS = path.join(__dirname, '..', '..', '..', 'docs', 'protocol');

function examples(kind) {
  const dir = path.join(DOCS, kind);
  return fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8').trim() }));
}

const WELCOME = JSON.parse(fs.readFileSync(path.join(DOCS, 'server', 'assistant-welcome.json'), 'utf8'));

/** A conversation that has had its welcome and is waiting for Crafty's reply to r-1. */
function waitingForReply() {
  const conversation = new Conversation({ now: () => 1764000000135 });
  conversation.receiveChat(WELCOME);
  conversation.addChild('Wie baue ich ein Diamantschwert?', { requestId: 'r-1', state: 'queued' });
  conversation.awaitChatReply('r-1');
  return conversation;
}

function crafty(conversation) {
  return conversation.messages.filter((m) => m.role === 'crafty');
}

/** A conversation in a voice turn: the child has spoken and the server is transcribing v-1. */
function voiceTurn() {
  const conversation = new Conversation();
  conversation.receiveVoice({ type: 'session', sessionId: 's-1', resumed: false });
  conversation.startListening();
  conversation.receiveVoice({ type: 'status', status: 'transcribing', requestId: 'v-1' });
  return conversation;
}

function expectError(c, m, events, channel) {
  const error = c.messages.at(-1);
  assert.equal(error.role, 'error');
  assert.equal(error.text, m.content, 'the kid-friendly content is shown as it came');
  assert.equal(error.code, m.code);
  assert.equal(c.phase[channel], 'idle');
  assert.equal(crafty(c).some((reply) => reply.requestId === m.requestId && reply.text === ''), false,
    'no empty reply bubble is left');
}

/** A reply the safety layer marked is shown whole, finished, like any other reply. */
function expectSafeReply(c, m, text, channel) {
  const reply = crafty(c).at(-1);
  assert.deepEqual([reply.text, reply.state, reply.streaming], [text, 'done', false]);
  assert.notEqual(c.phase[channel], channel === 'chat' ? 'streaming' : 'responding', 'the reply is over');
  assert.ok(['crisis', 'refused', 'masked', 'stopped'].includes(m.safety), 'marked by the safety layer');
}

function example(name) {
  return JSON.parse(fs.readFileSync(path.join(DOCS, 'server', name), 'utf8'));
}

/** The panel asks `build(sessions)` with the example's requestId, as the chat controller would. */
function ask(conversation, requestId, build) {
  conversation.sessions.nextRequestId = () => requestId;
  return build(conversation.sessions);
}

/** The panel shows the conversation of session-switched.json (the welcome's session, two saved messages). */
function showSwitched(conversation) {
  const switched = example('session-switched.json');
  ask(conversation, switched.requestId, (s) => s.switchTo(switched.session.sessionId));
  conversation.receiveChat(switched);
}

/** Checks a session:error: a friendly line in both languages, and the reply being waited for goes on. */
function expectSessionError(c, m, key) {
  const error = c.messages.at(-1);
  assert.deepEqual([error.role, error.key, error.code], ['error', key, m.code]);
  for (const language of ['de', 'en']) {
    assert.notEqual(translate(language, key), key, `${key} has ${language} words`);
  }
  assert.equal(crafty(c).find((reply) => reply.requestId === 'r-1').state, 'waiting', 'the reply being waited for goes on');
  assert.equal(c.phase.chat, 'thinking');
  assert.equal(c.sessions.pending.size, 0, 'nothing is left waiting for an answer');
}

function eventOf(events, type) {
  const found = events.filter((e) => e.type === type);
  assert.equal(found.length, 1, `one ${type} event`);
  return found[0];
}

/**
 * Every server example: which socket of the window receives it ('chat' or 'voice'; null for
 * /voice/stt and /voice/tts, which the window does not open) and what the panel shows then.
 */
const EXPECTED = {
  'assistant-welcome.json': ['chat', (c, m) => {
    assert.equal(c.sessionId, m.sessionId);
    assert.equal(crafty(c)[0].text, m.content, 'the first welcome is shown');
  }],
  'assistant-delta.json': ['chat', (c, m) => {
    const reply = crafty(c).at(-1);
    assert.equal(reply.text, m.content);
    assert.equal(reply.streaming, true);
    assert.equal(c.phase.chat, 'streaming');
  }],
  'assistant-done.json': ['chat', (c, m) => {
    const reply = crafty(c).at(-1);
    assert.equal(reply.text, m.fullContent);
    assert.equal(reply.streaming, false);
    assert.equal(reply.state, 'done');
    assert.equal(c.phase.chat, 'idle');
  }],
  // The safety layer's answers are ordinary replies: the help text, a refusal, a reply after
  // masked personal data or one ended by the neutral line are shown as they came (fullContent).
  'assistant-done-crisis.json': ['chat', (c, m) => expectSafeReply(c, m, m.fullContent, 'chat')],
  'assistant-done-masked.json': ['chat', (c, m) => expectSafeReply(c, m, m.fullContent, 'chat')],
  'assistant-done-stopped.json': ['chat', (c, m) => expectSafeReply(c, m, m.fullContent, 'chat')],
  'cancelled.json': ['chat', (c, m) => {
    const reply = crafty(c).at(-1);
    assert.equal(reply.text, m.partialContent);
    assert.equal(reply.state, 'cancelled');
    assert.equal(c.phase.chat, 'idle');
  }],
  'pong.json': ['chat', (c, m, events) => {
    assert.deepEqual(eventOf(events, 'pong'), { type: 'pong', rtt: 1764000000135 - m.t });
  }],
  'stopped.json': ['chat', (c, m, events) => {
    assert.deepEqual(events, [{ type: 'stopped', cancelled: m.cancelled }]);
  }],
  'error-bad-json.json': ['chat', (c, m, events) => {
    assert.equal(c.messages.at(-1).role, 'error');
    assert.equal(c.messages.at(-1).text, m.content);
    assert.equal(crafty(c).at(-1).streaming, true, 'a refused message does not end the reply that is streaming');
  }],
  'error-llm-unreachable.json': ['chat', (c, m, events) => expectError(c, m, events, 'chat')],
  'error-model-missing.json': ['chat', (c, m, events) => expectError(c, m, events, 'chat')],
  'session.json': ['voice', (c, m, events) => {
    assert.equal(c.sessionId, m.sessionId);
    assert.equal(c.resumed, true);
    assert.deepEqual(eventOf(events, 'session'), { type: 'session', sessionId: m.sessionId, resumed: true });
  }],
  'ack.json': ['voice', (c, m, events) => {
    assert.deepEqual(eventOf(events, 'ack'), { type: 'ack', received: m.received, total: m.total });
  }],
  'transcript-partial.json': ['voice', (c, m, events) => {
    assert.equal(c.partial, m.text);
    assert.deepEqual(eventOf(events, 'partial'), { type: 'partial', text: m.text });
  }],
  'status-transcribing.json': ['voice', (c) => assert.equal(c.phase.voice, 'transcribing')],
  'status-transcribed.json': ['voice', (c, m) => {
    const child = c.messages.at(-1);
    assert.deepEqual([child.role, child.text, child.via], ['child', m.text, 'voice']);
    assert.equal(c.partial, '');
  }],
  'status-thinking.json': ['voice', (c) => {
    assert.equal(c.phase.voice, 'thinking');
    assert.equal(crafty(c).at(-1).state, 'waiting');
  }],
  'status-responding.json': ['voice', (c, m) => {
    assert.equal(c.phase.voice, 'responding');
    assert.equal(crafty(c).at(-1).text, m.chunk);
    assert.equal(crafty(c).at(-1).streaming, true);
  }],
  'status-speaking.json': ['voice', (c) => assert.equal(c.phase.voice, 'speaking')],
  'sentence.json': ['voice', (c, m, events) => {
    assert.deepEqual(eventOf(events, 'sentence'), { type: 'sentence', index: 0, text: m.text });
  }],
  'audio-start.json': ['voice', (c, m, events) => {
    assert.deepEqual(eventOf(events, 'audio-start').format, { sampleRate: 22050, channels: 1, encoding: 'pcm_s16le' });
  }],
  'audio-end.json': ['voice', (c, m, events) => {
    assert.deepEqual(eventOf(events, 'audio-end'), { type: 'audio-end', frames: m.frames, bytes: m.bytes });
  }],
  'voice-done.json': ['voice', (c, m) => {
    const reply = crafty(c).at(-1);
    assert.deepEqual([reply.text, reply.state, reply.streaming], [m.text, 'done', false]);
    assert.equal(c.sessionId, m.sessionId);
  }],
  'voice-done-crisis.json': ['voice', (c, m) => expectSafeReply(c, m, m.text, 'voice')],
  'voice-done-tts-error.json': ['voice', (c, m) => {
    assert.equal(crafty(c).at(-1).text, m.text);
    assert.deepEqual(c.messages.at(-1), { ...c.messages.at(-1), role: 'notice', key: 'ttsFailed', params: { code: m.ttsError } });
  }],
  'cleared.json': ['voice', (c, m, events) => assert.deepEqual(events, [], 'nothing to show')],
  'error-no-audio.json': ['voice', (c, m, events) => expectError(c, m, events, 'voice')],
  'error-stt-unavailable.json': ['voice', (c, m, events) => expectError(c, m, events, 'voice')],
  'error-stt-wrong-language.json': ['voice', (c, m, events) => expectError(c, m, events, 'voice')],
  'session-list.json': ['chat', (c, m, events) => {
    assert.deepEqual(c.sessions.items.map((s) => s.sessionId), m.sessions.map((s) => s.sessionId), 'newest first');
    assert.deepEqual(c.sessions.items.map((s) => [s.title, s.messageCount, s.updatedAt]),
      [[m.sessions[0].title, 6, m.sessions[0].updatedAt], [null, 0, m.sessions[1].updatedAt]], 'an untitled chat has no title');
    assert.equal(c.sessions.loaded, true);
    assert.equal(eventOf(events, 'sessions').sessions, c.sessions.items);
    assert.equal(c.sessions.pending.size, 0);
    assert.equal(crafty(c).at(-1).state, 'waiting', 'the chat shown is untouched');
  }, (c, m) => ask(c, m.requestId, (s) => s.list())],
  'session-created.json': ['chat', (c, m, events) => {
    assert.equal(c.sessionId, m.session.sessionId, 'the new chat is the current one, also for a reconnect');
    assert.deepEqual(c.messages.map((x) => [x.role, x.text, x.welcome]), [['crafty', WELCOME.content, true]],
      'an empty chat with the welcome');
    assert.deepEqual(events.filter((e) => e.type === 'finished'),
      [{ type: 'finished', channel: 'chat', requestId: 'r-1', outcome: 'abandoned' }], 'the reply of the old chat is left behind');
    assert.equal(c.phase.chat, 'idle');
    assert.deepEqual(c.receiveChat({ type: 'assistant', content: 'Spät', streaming: true, requestId: 'r-1' }), [],
      'its late words do not appear in the new chat');
    assert.equal(c.messages.length, 1);
    assert.equal(c.sessions.find(m.session.sessionId).title, 'Mein Redstone-Schloss');
    assert.deepEqual(eventOf(events, 'session'), { type: 'session', sessionId: m.session.sessionId, resumed: false });
    assert.deepEqual(eventOf(events, 'history'), { type: 'history', before: null, loading: false });
  }, (c, m) => ask(c, m.requestId, (s) => s.create(m.session.title))],
  'session-switched.json': ['chat', (c, m, events) => {
    assert.equal(c.sessionId, m.session.sessionId);
    assert.deepEqual(c.messages.map((x) => [x.role, x.text, x.state, x.via]),
      [['child', m.messages[0].content, 'sent', 'voice'], ['crafty', m.messages[1].content, 'done', undefined]],
      'the saved messages, oldest first, replace what was shown');
    assert.equal(eventOf(events, 'cleared').type, 'cleared');
    assert.equal(c.sessions.before, '1207');
    assert.deepEqual(eventOf(events, 'history'), { type: 'history', before: '1207', loading: false });
    assert.equal(c.sessions.find(m.session.sessionId).messageCount, 52);
    assert.deepEqual(c.sessions.older(c.sessionId),
      { action: 'session:history', sessionId: m.session.sessionId, before: '1207', requestId: 'w-1' }, 'older ones can be loaded');
    assert.equal(c.sessions.older(c.sessionId), null, 'once at a time');
  }, (c, m) => ask(c, m.requestId, (s) => s.switchTo(m.session.sessionId))],
  'session-history.json': ['chat', (c, m, events) => {
    assert.deepEqual(c.messages.slice(0, 2).map((x) => [x.role, x.text, x.state]),
      [['child', 'Was ist ein Kolben?', 'sent'], ['crafty', 'Ein Kolben schiebt Blöcke', 'interrupted']],
      'older messages come in front; a partial reply shows as cut off');
    assert.deepEqual(c.messages.slice(2).map((x) => x.messageId), [1207, 1208]);
    assert.deepEqual(eventOf(events, 'prepended').messages.map((x) => x.messageId), [1101, 1102]);
    assert.deepEqual(eventOf(events, 'history'), { type: 'history', before: null, loading: false }, 'the start was reached');
    assert.equal(c.sessions.older(c.sessionId), null, 'nothing older to load');
  }, (c, m) => {
    showSwitched(c);
    ask(c, m.requestId, (s) => s.older(c.sessionId));
  }],
  'session-renamed.json': ['chat', (c, m, events) => {
    assert.deepEqual(c.sessions.items.map((s) => [s.sessionId, s.title]),
      [[m.session.sessionId, 'Schloss mit Zugbrücke'], ['0b6d2c1e-8f3a-4e5b-9c7d-2a1b3c4d5e6f', null]]);
    assert.equal(c.sessions.items[0].messageCount, 52);
    assert.equal(eventOf(events, 'sessions').sessions.length, 2);
  }, (c, m) => {
    c.receiveChat(example('session-list.json'));
    ask(c, m.requestId, (s) => s.rename(m.session.sessionId, m.session.title));
  }],
  'session-deleted.json': ['chat', (c, m, events) => {
    assert.deepEqual(c.sessions.items.map((s) => s.sessionId), ['0b6d2c1e-8f3a-4e5b-9c7d-2a1b3c4d5e6f']);
    assert.deepEqual(eventOf(events, 'current-deleted'), { type: 'current-deleted', sessionId: m.sessionId },
      'the chat on screen was deleted: a new one is asked for');
    assert.deepEqual(c.messages.map((x) => [x.role, x.welcome]), [['crafty', true]], 'only the welcome is left');
    assert.equal(c.sessions.before, null);
  }, (c, m) => {
    showSwitched(c);
    c.receiveChat(example('session-list.json'));
    ask(c, m.requestId, (s) => s.remove(m.sessionId));
  }],
  'session-error-not-found.json': ['chat', (c, m, events) => {
    expectSessionError(c, m, 'sessionNotFound');
    assert.equal(c.sessionId, WELCOME.sessionId, 'no switch happened');
    assert.deepEqual(c.sessions.items.map((s) => s.sessionId), ['0b6d2c1e-8f3a-4e5b-9c7d-2a1b3c4d5e6f'],
      'the chat that is gone leaves the list');
    assert.equal(eventOf(events, 'sessions').sessions.length, 1);
  }, (c, m) => {
    c.receiveChat(example('session-list.json'));
    ask(c, m.requestId, (s) => s.switchTo('5f0c9a51-2b7e-4c3a-9d8e-1f2a3b4c5d6e'));
  }],
  'session-error-bad-request.json': ['chat', (c, m, events) => {
    expectSessionError(c, m, 'sessionBadRequest');
    assert.equal(c.messages.at(-1).text, m.content, 'the server\'s words are kept with it');
    assert.deepEqual(events.map((e) => e.type), ['added'], 'nothing else changes');
  }],
  'error-quiet-hours.json': ['chat', (c, m, events) => {
    expectError(c, m, events, 'chat');
    assert.match(c.messages.at(-1).text, /07:00/, 'the friendly text names the time Crafty talks again');
  }],
  'error-time-limit.json': ['chat', (c, m, events) => expectError(c, m, events, 'chat')],
  'reminder-break.json': ['chat', (c, m) => {
    const reminder = crafty(c).at(-1);
    assert.deepEqual([reminder.text, reminder.reminder, reminder.state], [m.content, 'break', 'done']);
    assert.equal(crafty(c).find((reply) => reply.requestId === 'r-1').state, 'waiting', 'the reply still comes');
  }],
  'transcript.json': [null],
  'tts-done.json': [null],
};
for (const [name, check] of Object.entries(parentExamples.server)) {
  EXPECTED[name] = ['parent', check];
}

describe('server examples', () => {
  for (const { name, text } of examples('server')) {
    test(`${name} becomes what the panel shows`, (t) => {
      const message = protocol.parse(text);
      assert.ok(message, `${name} parses as a server message`);
      assert.ok(EXPECTED[name], `no expectation for ${name}: add one when the protocol grows`);
      const [channel, check, setup] = EXPECTED[name];
      if (channel === null) {
        t.diagnostic(`${message.type} comes on /voice/stt or /voice/tts, which the window does not open`);
        return;
      }
      if (channel === 'parent') {
        const { state, next } = parentExamples.receive(message);
        check(state, message, next);
      } else if (channel === 'chat') {
        const conversation = waitingForReply();
        if (name === 'error-bad-json.json') {
          conversation.receiveChat({ type: 'assistant', content: 'Für', streaming: true, requestId: 'r-1' });
        }
        if (setup) {
          setup(conversation, message);
        }
        check(conversation, message, conversation.receiveChat(message));
      } else {
        const conversation = voiceTurn();
        if (/^(status-(responding|speaking)|sentence|audio-|voice-done)/.test(name)) {
          conversation.receiveVoice({ type: 'status', status: 'thinking', requestId: message.requestId });
        }
        check(conversation, message, conversation.receiveVoice(message));
      }
    });
  }

  test('the welcome, deltas and done of one reply build one growing message', () => {
    const conversation = waitingForReply();
    const delta = protocol.parse(examples('server').find((e) => e.name === 'assistant-delta.json').text);
    const lengths = [];
    for (const piece of ['Für ein Diamant', 'schwert brauchst', ' du zwei Diamanten']) {
      conversation.receiveChat({ ...delta, content: piece });
      lengths.push(crafty(conversation).at(-1).text.length);
    }
    assert.deepEqual(lengths, [15, 31, 49]);
    assert.equal(crafty(conversation).length, 2, 'the welcome and one reply');
  });
});

describe('client examples', () => {
  const build = {
    chat: (m) => protocol.client.chat(m.payload, { requestId: m.requestId, sessionId: m.sessionId }),
    stop: (m) => protocol.client.stop(m.requestId),
    heard: (m) => protocol.client.heard(m.requestId, m.sentence, m.playedMs),
    ping: (m) => protocol.client.ping(m.t, m.requestId),
    audio_start: (m) => protocol.client.audioStart({ sampleRate: m.sampleRate, channels: m.channels, requestId: m.requestId }),
    process_audio: (m) => protocol.client.processAudio(m.requestId, m.sessionId),
    speak: (m) => protocol.client.speak(m.text, m.requestId),
    clear: (m) => protocol.client.clear(m.requestId),
    'session:list': (m) => protocol.client.sessionList(m.requestId),
    'session:create': (m) => protocol.client.sessionCreate({ title: m.title, model: m.model, requestId: m.requestId }),
    'session:switch': (m) => protocol.client.sessionSwitch(m.sessionId, m.requestId),
    'session:history': (m) => protocol.client.sessionHistory(m.sessionId, { before: m.before, limit: m.limit, requestId: m.requestId }),
    'session:rename': (m) => protocol.client.sessionRename(m.sessionId, m.title, m.requestId),
    'session:delete': (m) => protocol.client.sessionDelete(m.sessionId, m.requestId),
    ...parentExamples.build,
  };
  /** Messages of /voice/stt and /voice/tts that only those routes take; the window does not open them. */
  const otherRoutes = new Set(['stt-transcribe.json', 'tts-text.json']);
  for (const { name, text } of examples('client')) {
    test(`the renderer builds ${name} exactly`, (t) => {
      const example = JSON.parse(text);
      if (otherRoutes.has(name)) {
        assert.equal(build[example.action], undefined);
        t.diagnostic('a /voice/stt or /voice/tts message the window never sends');
        return;
      }
      assert.ok(build[example.action], `the renderer has no builder for "${example.action}"`);
      assert.deepEqual(build[example.action](example), example);
    });
  }

  test('the microphone is announced as 16 kHz mono s16le, the format the server wants', () => {
    const example = JSON.parse(examples('client').find((e) => e.name === 'stt-audio-start.json').text);
    const { requestId, ...format } = example;
    assert.deepEqual(protocol.client.audioStart(), format);
  });
});

describe('invalid examples', () => {
  /** One message from every builder the renderer has. */
  const everyBuiltMessage = [
    protocol.client.chat('Hallo', { requestId: 'r-1', sessionId: 'abc' }),
    protocol.client.stop('s-1'),
    protocol.client.heard('v-1', 0, 10),
    protocol.client.ping(1, 'p-1'),
    protocol.client.audioStart(),
    protocol.client.processAudio('v-1', 'abc'),
    protocol.client.speak('Hallo', 'v-2'),
    protocol.client.clear('c-1'),
    protocol.client.sessionList('l-1'),
    protocol.client.sessionCreate({ title: 'Burg', model: 'llama3.2:latest', requestId: 'c-1' }),
    protocol.client.sessionSwitch('abc', 'w-1'),
    protocol.client.sessionHistory('abc', { before: '12', limit: 200, requestId: 'h-1' }),
    protocol.client.sessionRename('abc', 'Burg', 'n-1'),
    protocol.client.sessionDelete('abc', 'd-1'),
  ].map((message) => JSON.stringify(message));

  const checks = {
    'bad-json.json': () => everyBuiltMessage.forEach((text) => assert.equal(typeof JSON.parse(text), 'object')),
    'not-an-object.json': () => everyBuiltMessage.forEach((text) => {
      const value = JSON.parse(text);
      assert.ok(value !== null && !Array.isArray(value));
    }),
    'missing-action.json': () => everyBuiltMessage.forEach((text) => assert.equal(typeof JSON.parse(text).action, 'string')),
    'unknown-action.json': (example) => {
      const action = JSON.parse(example.message).action;
      assert.ok(!everyBuiltMessage.some((text) => JSON.parse(text).action === action), `nothing builds "${action}"`);
    },
    'bad-session-id.json': () => assert.throws(() => protocol.client.chat('Hi', { sessionId: '../etc' }), TypeError),
    'empty-payload.json': () => assert.throws(() => protocol.client.chat('   '), TypeError),
    'missing-payload.json': () => assert.throws(() => protocol.client.chat(undefined, { requestId: 'r-3' }), TypeError),
    'number-payload.json': () => assert.throws(() => protocol.client.chat(42), TypeError),
    'stt-bad-encoding.json': () => assert.equal(protocol.client.audioStart().encoding, 'pcm_s16le'),
    'stt-bad-rate.json': () => assert.throws(() => protocol.client.audioStart({ sampleRate: 96000 }), TypeError),
    'tts-empty-text.json': () => assert.throws(() => protocol.client.speak('', 't-9'), TypeError),
    'voice-speak-without-text.json': () => assert.throws(() => protocol.client.speak(undefined), TypeError),
    'voice-heard-without-request.json': () => {
      assert.throws(() => protocol.client.heard(undefined, 1, 840), TypeError);
      assert.throws(() => protocol.client.heard('v-1', -1, 840), TypeError);
      assert.throws(() => protocol.client.heard('v-1', 1, 1.5), TypeError);
    },
    'session-create-bad-model.json': (example) => assert.throws(() => protocol.client.sessionCreate(
      { model: JSON.parse(example.message).model }), TypeError),
    'session-history-bad-cursor.json': (example) => assert.throws(() => protocol.client.sessionHistory('s-1',
      { before: JSON.parse(example.message).before }), TypeError),
    'session-history-limit-too-large.json': (example) => {
      assert.throws(() => protocol.client.sessionHistory('s-1', { limit: JSON.parse(example.message).limit }), TypeError);
      assert.throws(() => protocol.client.sessionHistory('s-1', { limit: 0 }), TypeError);
      assert.throws(() => protocol.client.sessionHistory('s-1', { limit: 2.5 }), TypeError);
    },
    'session-rename-blank-title.json': (example) => {
      assert.throws(() => protocol.client.sessionRename('s-1', JSON.parse(example.message).title), TypeError);
      assert.throws(() => protocol.client.sessionRename('s-1', 'x'.repeat(201)), TypeError);
      assert.throws(() => protocol.client.sessionCreate({ title: '  ' }), TypeError);
    },
    'session-switch-bad-id.json': (example) => {
      const id = JSON.parse(example.message).sessionId;
      for (const build of [protocol.client.sessionSwitch, protocol.client.sessionDelete, protocol.client.sessionHistory,
        (sessionId) => protocol.client.sessionRename(sessionId, 'Burg')]) {
        assert.throws(() => build(id, undefined), TypeError);
      }
    },
    'session-switch-without-id.json': () => {
      assert.throws(() => protocol.client.sessionSwitch(undefined, 'w-2'), TypeError);
      assert.throws(() => protocol.client.sessionHistory(undefined), TypeError);
      assert.throws(() => protocol.client.sessionRename(undefined, 'Burg'), TypeError);
      assert.throws(() => protocol.client.sessionDelete(''), TypeError);
    },
    'voice-unknown-action.json': (example) => {
      const action = JSON.parse(example.message).action;
      assert.ok(!everyBuiltMessage.some((text) => JSON.parse(text).action === action), `nothing builds "${action}"`);
    },
    ...parentExamples.invalid,
  };

  for (const { name, text } of examples('invalid')) {
    test(`the renderer never sends ${name}`, () => {
      const example = JSON.parse(text);
      assert.ok(checks[name], `no check for ${name}: add one when the protocol grows`);
      checks[name](example);
    });
  }
});
