'use strict';

const assert = require('node:assert/strict');
const http = require('node:http');
const { test } = require('node:test');

const { findFreePort } = require('../../src/main/ports');
const { waitUntilReady, ReadyTimeoutError } = require('../../src/main/readiness');

const TOKEN = 'c0ffee'.repeat(10);

/** A /status server that answers 503 `busyAnswers` times, then 200; 401 without the token. */
async function statusServer(t, busyAnswers) {
  const seen = [];
  const server = http.createServer((request, response) => {
    seen.push(request.headers.authorization);
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401).end();
    } else if (busyAnswers-- > 0) {
      response.writeHead(503).end();
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { url: `http://127.0.0.1:${server.address().port}`, seen };
}

test('keeps asking until /status answers 200 and returns its JSON', async (t) => {
  const { url, seen } = await statusServer(t, 2);
  const status = await waitUntilReady({ url, token: TOKEN, intervalMs: 10, timeoutMs: 5000 });
  assert.deepEqual(status, { status: 'ok' });
  assert.equal(seen.length, 3);
});

test('sends the token as a bearer credential', async (t) => {
  const { url, seen } = await statusServer(t, 0);
  await waitUntilReady({ url, token: TOKEN, intervalMs: 10, timeoutMs: 5000 });
  assert.deepEqual(seen, [`Bearer ${TOKEN}`]);
});

test('treats 401 as not ready and gives up at the deadline naming the last answer', async (t) => {
  const { url } = await statusServer(t, 0);
  // long enough for the first 401 to come back on a busy machine
  await assert.rejects(waitUntilReady({ url, token: 'wrong', intervalMs: 10, timeoutMs: 1500 }), (error) => {
    assert.ok(error instanceof ReadyTimeoutError);
    assert.match(error.message, /did not answer within 1\.5 s \(last attempt: HTTP 401\)/);
    return true;
  });
});

test('gives up at the deadline when nothing listens', async () => {
  const port = await findFreePort('127.0.0.1');
  const started = Date.now();
  await assert.rejects(waitUntilReady({ url: `http://127.0.0.1:${port}`, token: TOKEN, intervalMs: 20, timeoutMs: 300 }),
    /last attempt: ECONNREFUSED/);
  assert.ok(Date.now() - started < 2000);
});

test('stops asking as soon as it is aborted', async () => {
  const port = await findFreePort('127.0.0.1');
  const controller = new AbortController();
  const waiting = waitUntilReady({ url: `http://127.0.0.1:${port}`, intervalMs: 50, timeoutMs: 10_000, signal: controller.signal });
  controller.abort(new Error('the sidecar exited'));
  await assert.rejects(waiting, /the sidecar exited/);
});
