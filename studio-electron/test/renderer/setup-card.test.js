'use strict';

/*
 * "Crafty einrichten" in Chromium against the real voice server (browser mode): on a first start
 * the card opens by itself; a parent installs the recogniser and the voice from a download
 * server of the test's own (a school's mirror, MODELS_BASE_dash_URL) with a visible progress bar,
 * and both rows turn green; the files land in the models directory, checked.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

const FILES = {
  'tiny-stt.bin': crypto.randomBytes(3_000_000),
  'tiny-voice.onnx': crypto.randomBytes(2_000_000),
  'tiny-voice.onnx.json': Buffer.from('{"audio":{"sample_rate":22050}}'),
};
const digest = (algorithm, name) => `${algorithm}:${crypto.createHash(algorithm).update(FILES[name]).digest('hex')}`;

let files;
let fake;
let sidecar;
let browser;
let dir;

/** Serves the files slowly enough that the progress bar is seen. */
function startFileServer() {
  const server = http.createServer((request, response) => {
    const body = FILES[decodeURIComponent(request.url.slice(1))];
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Length': body.length });
    let at = 0;
    const next = () => {
      if (at >= body.length) {
        response.end();
        return;
      }
      response.write(body.subarray(at, at + 100_000));
      at += 100_000;
      setTimeout(next, 40);
    };
    next();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-setup-'));
  const catalog = path.join(dir, 'catalog.json');
  fs.writeFileSync(catalog, JSON.stringify({ version: 1, models: [
    { id: 'tiny-stt', role: 'stt', languages: ['de', 'en'], default: true,
      name: { de: 'Spracherkennung – Test', en: 'Speech recognition – test' },
      files: [{ name: 'tiny-stt.bin', size: FILES['tiny-stt.bin'].length, url: 'https://example.invalid/tiny-stt.bin',
        digest: digest('sha1', 'tiny-stt.bin') }] },
    { id: 'tiny-voice', role: 'tts', languages: ['de'], default: true,
      name: { de: 'Deutsche Stimme – Test', en: 'German voice – test' },
      files: ['tiny-voice.onnx', 'tiny-voice.onnx.json'].map((name) => ({ name, size: FILES[name].length,
        url: `https://example.invalid/${name}`, digest: digest('md5', name) })) },
  ] }));
  files = await startFileServer();
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '10']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: {
    MODELS_CATALOG: catalog, MODELS_DIR: path.join(dir, 'models'),
    MODELS_BASE_dash_URL: `http://127.0.0.1:${files.address().port}/` } });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop(), new Promise((r) => (files ? files.close(r) : r()))]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('on a first start the card opens; a parent installs the recogniser and the voice and the rows turn green', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar, { firstStart: true });
  await page.waitForSelector('#setup-card:not([hidden]) .setup-row[data-role="stt"][data-state="todo"]');
  assert.equal(await page.textContent('#setup-title'), 'Crafty einrichten');
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-text'), /Noch nicht installiert: Spracherkennung – Test \(3,0 MB\)/);
  await page.waitForSelector('.setup-row[data-role="llm"][data-state="ready"]');

  await page.click('.setup-row[data-role="stt"] button[data-action="stt"]');
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="working"] progress');
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-progress-text'), /MB von 3,0 MB/);
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="ready"]', { timeout: 30_000 });

  await page.click('.setup-row[data-role="tts"] button[data-action="tts"]');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="working"] progress');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="ready"]', { timeout: 30_000 });
  assert.equal(await page.textContent('.setup-row[data-role="tts"] button:last-child'), 'Hör mal: „Hallo, ich bin Crafty!“');
  await e2e.screenshot(page, 'setup-installed');

  for (const [name, body] of Object.entries(FILES)) {
    assert.deepEqual(fs.readFileSync(path.join(dir, 'models', name)), body, `${name} is installed whole`);
  }
  await page.click('.setup-close');
  assert.equal(await page.isVisible('#setup-card'), false);
  await page.click('#engines');
  await page.waitForSelector('#setup-card:not([hidden]) .setup-row[data-role="tts"][data-state="ready"]');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
