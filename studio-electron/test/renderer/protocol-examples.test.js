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

/** What the panel must show after each server example, checked on a conversation waiting for r-1. */
const EXPECTED = {
  'assistant-welcome.json': (c, m) => {
    assert.equal(c.sessionId, m.sessionId);
    assert.equal(crafty(c)[0].text, m.content, 'the first welcome is shown');
  },
  'assistant-delta.json': (c, m) => {
    const reply = crafty(c).at(-1);
    assert.equal(reply.text, m.content);
    assert.equal(reply.streaming, true);
    assert.equal(c.phase.chat, 'streaming');
  },
  'assistant-done.json': (c, m) => {
    const reply = crafty(c).at(-1);
    assert.equal(reply.text, m.fullContent);
    assert.equal(reply.streaming, false);
    assert.equal(reply.state, 'done');
    assert.equal(c.phase.chat, 'idle');
  },
  'cancelled.json': (c, m) => {
    const reply = crafty(c).at(-1);
    assert.equal(reply.text, m.partialContent);
    assert.equal(reply.state, 'cancelled');
    assert.equal(c.phase.chat, 'idle');
  },
  'pong.json': (c, m, events) => {
    assert.deepEqual(events.filter((e) => e.type === 'pong'), [{ type: 'pong', rtt: 1764000000135 - m.t }]);
  },
  'stopped.json': (c, m, events) => {
    assert.deepEqual(events, [{ type: 'stopped', cancelled: m.cancelled }]);
  },
};

function expectError(c, m) {
  const error = c.messages.at(-1);
  assert.equal(error.role, 'error');
  assert.equal(error.text, m.content, 'the kid-friendly content is shown as it came');
  assert.equal(error.code, m.code);
  if (m.requestId === 'r-1') {
    assert.equal(crafty(c).some((reply) => reply.requestId === 'r-1'), false, 'the empty reply bubble is gone');
    assert.equal(c.phase.chat, 'idle');
  }
}

describe('server examples', () => {
  for (const { name, text } of examples('server')) {
    test(`${name} becomes what the panel shows`, () => {
      const message = protocol.parse(text);
      assert.ok(message, `${name} parses as a server message`);
      const conversation = waitingForReply();
      const events = conversation.receiveChat(message);
      const check = message.type === 'error' ? expectError : EXPECTED[name];
      assert.ok(check, `no expectation for ${name}: add one when the protocol grows`);
      check(conversation, message, events);
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
  };
  for (const { name, text } of examples('client')) {
    test(`the renderer builds ${name} exactly`, () => {
      const example = JSON.parse(text);
      assert.ok(build[example.action], `the renderer has no builder for "${example.action}"`);
      assert.deepEqual(build[example.action](example), example);
    });
  }
});

describe('invalid examples', () => {
  /** One message from every builder the renderer has. */
  const everyBuiltMessage = [
    protocol.client.chat('Hallo', { requestId: 'r-1', sessionId: 'abc' }),
    protocol.client.stop('s-1'),
    protocol.client.ping(1, 'p-1'),
    protocol.client.audioStart(),
    protocol.client.processAudio('v-1'),
    protocol.client.speak('Hallo', 'v-2'),
    protocol.client.clear(),
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
  };

  for (const { name, text } of examples('invalid')) {
    test(`the renderer never sends ${name}`, () => {
      const example = JSON.parse(text);
      assert.ok(checks[name], `no check for ${name}: add one when the protocol grows`);
      checks[name](example);
    });
  }
});
