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
const protocol = require('../../src/renderer/lib/protocol');

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
  'voice-done-tts-error.json': ['voice', (c, m) => {
    assert.equal(crafty(c).at(-1).text, m.text);
    assert.deepEqual(c.messages.at(-1), { ...c.messages.at(-1), role: 'notice', key: 'ttsFailed', params: { code: m.ttsError } });
  }],
  'cleared.json': ['voice', (c, m, events) => assert.deepEqual(events, [], 'nothing to show')],
  'error-no-audio.json': ['voice', (c, m, events) => expectError(c, m, events, 'voice')],
  'error-stt-unavailable.json': ['voice', (c, m, events) => expectError(c, m, events, 'voice')],
  'transcript.json': [null],
  'tts-done.json': [null],
};

describe('server examples', () => {
  for (const { name, text } of examples('server')) {
    test(`${name} becomes what the panel shows`, (t) => {
      const message = protocol.parse(text);
      assert.ok(message, `${name} parses as a server message`);
      assert.ok(EXPECTED[name], `no expectation for ${name}: add one when the protocol grows`);
      const [channel, check] = EXPECTED[name];
      if (channel === null) {
        t.diagnostic(`${message.type} comes on /voice/stt or /voice/tts, which the window does not open`);
        return;
      }
      if (channel === 'chat') {
        const conversation = waitingForReply();
        if (name === 'error-bad-json.json') {
          conversation.receiveChat({ type: 'assistant', content: 'Für', streaming: true, requestId: 'r-1' });
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
    ping: (m) => protocol.client.ping(m.t, m.requestId),
    audio_start: (m) => protocol.client.audioStart({ sampleRate: m.sampleRate, channels: m.channels, requestId: m.requestId }),
    process_audio: (m) => protocol.client.processAudio(m.requestId, m.sessionId),
    speak: (m) => protocol.client.speak(m.text, m.requestId),
    clear: (m) => protocol.client.clear(m.requestId),
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
    protocol.client.ping(1, 'p-1'),
    protocol.client.audioStart(),
    protocol.client.processAudio('v-1', 'abc'),
    protocol.client.speak('Hallo', 'v-2'),
    protocol.client.clear('c-1'),
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
    'voice-unknown-action.json': (example) => {
      const action = JSON.parse(example.message).action;
      assert.ok(!everyBuiltMessage.some((text) => JSON.parse(text).action === action), `nothing builds "${action}"`);
    },
  };

  for (const { name, text } of examples('invalid')) {
    test(`the renderer never sends ${name}`, () => {
      const example = JSON.parse(text);
      assert.ok(checks[name], `no check for ${name}: add one when the protocol grows`);
      checks[name](example);
    });
  }
});
