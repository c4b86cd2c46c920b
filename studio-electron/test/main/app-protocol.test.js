'use strict';

/*
 * crafty://app/, the scheme the window loads from: the renderer's files with their types and
 * the window's CSP, and nothing outside the renderer directory.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');

const { APP_ORIGIN, PAGE_URL, SCHEME_PRIVILEGES, appResponse, resolveAppFile } = require('../../src/main/app-protocol');
const { buildCsp } = require('../../src/main/csp');

const RENDERER = path.join(__dirname, '..', '..', 'src', 'renderer');
const CSP = buildCsp({ port: 3847 });

test('the page is crafty://app/index.html, a standard secure scheme that may be fetched', () => {
  assert.equal(PAGE_URL, 'crafty://app/index.html');
  assert.ok(PAGE_URL.startsWith(`${APP_ORIGIN}/`));
  assert.deepEqual(SCHEME_PRIVILEGES, { scheme: 'crafty', privileges: { standard: true, secure: true, supportFetchAPI: true } });
});

test('serves the page, its scripts, the VAD model and onnxruntime\'s WebAssembly with their types and the CSP', async () => {
  for (const [url, type] of [
    ['crafty://app/', 'text/html; charset=utf-8'],
    ['crafty://app/index.html?x=1#token', 'text/html; charset=utf-8'],
    ['crafty://app/lib/hands-free.js', 'text/javascript; charset=utf-8'],
    ['crafty://app/styles/voice.css', 'text/css; charset=utf-8'],
    ['crafty://app/vendor/ort/ort-wasm-simd-threaded.mjs', 'text/javascript; charset=utf-8'],
    ['crafty://app/vendor/ort/ort-wasm-simd-threaded.wasm', 'application/wasm'],
    ['crafty://app/vendor/vad/silero_vad_v5.onnx', 'application/octet-stream'],
  ]) {
    const response = await appResponse(url, { root: RENDERER, csp: CSP });
    assert.equal(response.status, 200, url);
    assert.equal(response.headers.get('content-type'), type, url);
    assert.equal(response.headers.get('content-security-policy'), CSP, url);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const file = resolveAppFile(url, RENDERER);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(file)), url);
  }
});

test('nothing outside the renderer directory, and no other host', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-protocol-'));
  fs.mkdirSync(path.join(root, 'renderer'));
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
  const renderer = path.join(root, 'renderer');
  for (const url of ['crafty://app/../secret.txt', 'crafty://app/%2e%2e/secret.txt', 'crafty://app/..%2fsecret.txt',
    'crafty://app/%2e%2e%5csecret.txt', 'crafty://other/index.html', 'file:///etc/passwd', 'crafty://app/%E0%A4%A',
    'crafty://app/missing.js', 'crafty://app/vendor/', 'not a url']) {
    assert.equal((await appResponse(url, { root: renderer, csp: CSP })).status, 404, url);
  }
  // an encoded slash would leave the directory once decoded
  assert.equal(resolveAppFile('crafty://app/..%2fsecret.txt', renderer), null);
  assert.equal(resolveAppFile('crafty://app/..%2F..%2Fsecret.txt', renderer), null);
  assert.equal((await appResponse('crafty://app/index.html', { root: renderer, csp: CSP })).status, 200);
});

test('answers only GET and HEAD', async () => {
  const head = await appResponse('crafty://app/index.html', { root: RENDERER, csp: CSP, method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal((await head.arrayBuffer()).byteLength, 0);
  const post = await appResponse('crafty://app/index.html', { root: RENDERER, csp: CSP, method: 'POST' });
  assert.equal(post.status, 405);
});
