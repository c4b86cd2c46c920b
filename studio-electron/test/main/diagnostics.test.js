'use strict';

/*
 * Saving the diagnostics bundle against the real voice server: what lands in the file, that
 * the token is needed and masked, and that a failure leaves no file behind.
 */
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, test } = require('node:test');

const { diagnosticsFileName, fetchDiagnostics, saveDiagnostics } = require('../../src/main/diagnostics');
const { findFreePort } = require('../../src/main/ports');
const { waitUntilReady } = require('../../src/main/readiness');
const { realLauncher, tempDir } = require('../support/sidecar-fixtures');

const TOKEN = crypto.randomBytes(16).toString('hex');
let sidecar;
let url;

before(async () => {
  const { command, args } = await realLauncher();
  const port = await findFreePort('127.0.0.1');
  sidecar = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], env: { PATH: process.env.PATH, HOME: process.env.HOME,
    SERVER_HOST: '127.0.0.1', SERVER_PORT: String(port), CRAFTY_TOKEN: TOKEN, SIDECAR_STDIN: 'true', STORE_PATH: ':memory:',
    OLLAMA_URL: 'http://127.0.0.1:9' } });
  url = `http://127.0.0.1:${port}`;
  await waitUntilReady({ url, token: TOKEN, timeoutMs: 30_000 });
});

after(async () => {
  if (sidecar && sidecar.exitCode === null) {
    const gone = new Promise((resolve) => sidecar.once('exit', resolve));
    sidecar.stdin.end();
    await gone;
  }
});

test('writes the sidecar bundle to the chosen file: status, metrics, log, versions, masked token', async (t) => {
  const file = path.join(tempDir(t), diagnosticsFileName(new Date(2026, 10, 24, 7, 12)));
  const saved = await saveDiagnostics({ url, token: TOKEN, file });
  assert.equal(path.basename(saved.file), 'crafty-diagnose-2026-11-24-0712.json');
  const text = fs.readFileSync(file, 'utf8');
  assert.equal(saved.bytes, Buffer.byteLength(text));
  const bundle = JSON.parse(text);
  assert.equal(bundle.status.status, 'ok');
  assert.equal(typeof bundle.metrics, 'string');
  assert.ok(Array.isArray(bundle.log));
  assert.equal(typeof bundle.versions.crafty, 'string');
  assert.equal(bundle.configuration['crafty.token'], '***');
  assert.ok(!text.includes(TOKEN), 'the token never reaches the file');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)], 'no temporary file is left');
});

test('without the right token nothing is written and the error names the answer', async (t) => {
  const file = path.join(tempDir(t), 'refused.json');
  await assert.rejects(saveDiagnostics({ url, token: 'wrong', file }), /HTTP 401/);
  assert.equal(fs.existsSync(file), false);
});

test('a server that is gone is reported as a connection problem', async () => {
  const port = await findFreePort('127.0.0.1');
  await assert.rejects(fetchDiagnostics(`http://127.0.0.1:${port}`, TOKEN, 1000), /ECONNREFUSED/);
});
