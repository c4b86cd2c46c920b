'use strict';

/*
 * The reconnecting socket's bookkeeping for the details view, with a stand-in WebSocket and
 * timers the test fires by hand: how often the chat came back and what went wrong last.
 */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { createBackoff } = require('../../src/renderer/lib/backoff');
const { ReconnectingSocket } = require('../../src/renderer/lib/reconnecting-socket');

/** A socket, timers and a clock the test drives; `sockets` lists every socket opened. */
function harness({ connection, checkAccess } = {}) {
  const sockets = [];
  const pending = new Map();
  let nextTimer = 1;
  let clock = 1_000;
  const timers = {
    setTimeout: (fn, ms) => { pending.set(nextTimer, { fn, ms }); return nextTimer++; },
    clearTimeout: (id) => pending.delete(id),
  };
  const socket = new ReconnectingSocket({
    path: '/chat',
    connection: connection ?? (async () => ({ wsUrl: 'ws://127.0.0.1:1', token: 't' })),
    createSocket: (url, protocols) => {
      const fake = { url, protocols, readyState: 0, close: () => {}, send: () => {} };
      sockets.push(fake);
      return fake;
    },
    backoff: createBackoff({ random: () => 0.5 }),
    timers,
    now: () => clock,
    checkAccess,
  });
  const states = [];
  socket.on('state', (state) => states.push(state));
  return {
    socket,
    sockets,
    states,
    pending,
    advance(ms) { clock += ms; },
    /** Runs the retry timer (the longest pending one: the open timeout is 5 s, retries are shorter here). */
    fireRetry() {
      const [id, entry] = [...pending.entries()].filter(([, value]) => value.ms !== 5000).pop();
      pending.delete(id);
      entry.fn();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function open(fake) {
  fake.readyState = 1;
  fake.onopen();
}

test('counts a connection that came back after being open, not the first one', async () => {
  const h = harness();
  h.socket.start();
  await settle();
  open(h.sockets[0]);
  assert.deepEqual(h.socket.stats(), { reconnects: 0, lastProblem: null });

  h.advance(250);
  h.sockets[0].onclose({ code: 1006, reason: '' });
  assert.deepEqual(h.socket.stats().lastProblem, { code: 1006, text: '', at: 1_250 });
  h.fireRetry();
  await settle();
  open(h.sockets[1]);
  h.sockets[1].onclose({ code: 1011, reason: 'no pong' });
  h.fireRetry();
  await settle();
  open(h.sockets[2]);

  assert.equal(h.socket.stats().reconnects, 2);
  assert.deepEqual(h.socket.stats().lastProblem, { code: 1011, text: 'no pong', at: 1_250 });
  assert.equal(h.states.at(-1).state, 'open');
  assert.equal(h.states.at(-1).reconnects, 2);
});

test('failed attempts are not reconnects; a failing connection() is kept as the last problem', async () => {
  let calls = 0;
  const h = harness({ connection: async () => {
    calls += 1;
    if (calls === 1) {
      throw new Error('the voice server is not running yet');
    }
    return { wsUrl: 'ws://127.0.0.1:1' };
  } });
  h.socket.start();
  await settle();
  assert.deepEqual(h.socket.stats(), { reconnects: 0,
    lastProblem: { code: 'connect', text: 'the voice server is not running yet', at: 1_000 } });
  h.fireRetry();
  await settle();
  open(h.sockets[0]);
  assert.equal(h.socket.stats().reconnects, 0, 'the first connection that opens is no reconnect');
});

test('a normal close (1000) is no problem', async () => {
  const h = harness();
  h.socket.start();
  await settle();
  open(h.sockets[0]);
  h.sockets[0].onclose({ code: 1000, reason: 'bye' });
  assert.equal(h.socket.stats().lastProblem, null);
});

/** The upgrade was refused: the browser only sees a close with 1006 before the socket opened. */
function refuse(fake) {
  fake.onclose({ code: 1006, reason: '' });
}

test('stays refused, without retrying, when the server refuses the token and there is no other', async () => {
  const checked = [];
  const h = harness({ checkAccess: async (target) => {
    checked.push(target.token);
    return 'refused';
  } });
  h.socket.start();
  await settle();
  refuse(h.sockets[0]);
  await settle();
  await settle();

  assert.deepEqual(checked, ['t']);
  assert.equal(h.socket.state, 'refused');
  assert.equal(h.states.at(-1).retryAt, null);
  assert.deepEqual([...h.pending.values()].filter((timer) => timer.ms !== 5000), [], 'no retry is scheduled');
  assert.equal(h.socket.stats().lastProblem.code, 'token');

  h.socket.retryNow();
  await settle();
  assert.equal(h.sockets.length, 2, 'the retry button still tries again');
});

test('connects at once with the new token when the token was refused and the app has a new one', async () => {
  const tokens = ['old-token', 'new-token'];
  const h = harness({
    connection: async () => ({ wsUrl: 'ws://127.0.0.1:1', token: tokens.shift() ?? 'new-token' }),
    checkAccess: async (target) => (target.token === 'old-token' ? 'refused' : 'ok'),
  });
  h.socket.start();
  await settle();
  refuse(h.sockets[0]);
  await settle();
  await settle();
  await settle();

  assert.equal(h.sockets.length, 2, 'tried again without waiting');
  assert.ok(h.sockets[1].protocols.includes('token.new-token'), h.sockets[1].protocols.join());
  open(h.sockets[1]);
  assert.equal(h.socket.state, 'open');
  assert.ok(!h.states.some((state) => state.state === 'refused'));
});

test('keeps retrying with backoff when the socket closed unopened but the token is fine', async () => {
  const h = harness({ checkAccess: async () => 'unreachable' });
  h.socket.start();
  await settle();
  refuse(h.sockets[0]);
  await settle();
  await settle();

  assert.equal(h.socket.state, 'reconnecting');
  assert.ok(h.states.at(-1).retryAt > 0);
  h.fireRetry();
  await settle();
  assert.equal(h.sockets.length, 2);
});
