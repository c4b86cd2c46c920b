'use strict';

/*
 * "Crafty einrichten" in Chromium against the real voice server (browser mode): on a first start
 * the card opens by itself; a parent installs the recogniser and the voice from a download
 * server of the test's own (a school's mirror, MODELS_BASE_dash_URL) with a visible progress bar;
 * the files land in the models directory, checked against their digests. Files of random bytes
 * are no models: the engines cannot load them, so the rows say "Modell beschädigt – neu laden"
 * (never green), /status says model_damaged, and "Neu laden" downloads them again.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

const VOICE_CONFIG = { audio: { sample_rate: 22050 }, espeak: { voice: 'de' }, language: { code: 'de_DE' },
  inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 }, phoneme_type: 'espeak', num_speakers: 1,
  speaker_id_map: {}, phoneme_id_map: { _: [0], '^': [1], $: [2], ' ': [3], a: [14] } };
const FILES = {
  'ggml-tiny-test.bin': crypto.randomBytes(3_000_000),
  'de_DE-test-low.onnx': crypto.randomBytes(2_000_000),
  'de_DE-test-low.onnx.json': Buffer.from(JSON.stringify(VOICE_CONFIG)),
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
      files: [{ name: 'ggml-tiny-test.bin', size: FILES['ggml-tiny-test.bin'].length,
        url: 'https://example.invalid/ggml-tiny-test.bin', digest: digest('sha1', 'ggml-tiny-test.bin') }] },
    { id: 'tiny-voice', role: 'tts', languages: ['de'], default: true,
      name: { de: 'Deutsche Stimme – Test', en: 'German voice – test' },
      files: ['de_DE-test-low.onnx', 'de_DE-test-low.onnx.json'].map((name) => ({ name, size: FILES[name].length,
        url: `https://example.invalid/${name}`, digest: digest('md5', name) })) },
  ] }));
  files = await startFileServer();
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '10']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: {
    MODELS_CATALOG: catalog, MODELS_DIR: path.join(dir, 'models'), SPEECH_NATIVES: path.join(dir, 'natives'),
    MODELS_BASE_dash_URL: `http://127.0.0.1:${files.address().port}/` } });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop(), new Promise((r) => (files ? files.close(r) : r()))]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('on a first start the card opens; files the engines cannot load are "Modell beschädigt – neu laden", never green', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar, { firstStart: true });
  await page.waitForSelector('#setup-card:not([hidden]) .setup-row[data-role="stt"][data-state="todo"]');
  assert.equal(await page.textContent('#setup-title'), 'Crafty einrichten');
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-text'), /Noch nicht installiert: Spracherkennung – Test \(3,0 MB\)/);
  await page.waitForSelector('.setup-row[data-role="llm"][data-state="ready"]');
  const seen = [];
  await page.exposeFunction('rowSeen', (state) => seen.push(state));
  await page.evaluate(() => new MutationObserver(() => {
    document.querySelectorAll('.setup-row[data-role="stt"]').forEach((row) => window.rowSeen(row.dataset.state));
  }).observe(document.getElementById('setup-card'), { subtree: true, childList: true, attributes: true }));

  await page.click('.setup-row[data-role="stt"] button[data-action="stt"]');
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="working"] progress');
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-progress-text'), /MB von 3,0 MB/);
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="error"]', { timeout: 30_000 });
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-text'), /^Modell beschädigt – neu laden: Spracherkennung – Test/);
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-detail'), /ggml-tiny-test\.bin/);
  assert.equal(await page.textContent('.setup-row[data-role="stt"] button[data-action="stt"]'), 'Neu laden');
  assert.ok(!seen.includes('ready'), `the recogniser row was never green: ${seen.join(' ')}`);

  await page.click('.setup-row[data-role="tts"] button[data-action="tts"]');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="working"] progress');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="error"]', { timeout: 60_000 });
  assert.match(await page.textContent('.setup-row[data-role="tts"] .setup-text'), /^Modell beschädigt – neu laden: Deutsche Stimme – Test/);
  assert.equal(await page.locator('.setup-row[data-role="tts"] button', { hasText: 'Hör mal' }).count(), 0, 'no sample of a voice that cannot speak');
  await e2e.screenshot(page, 'setup-damaged');

  for (const [name, body] of Object.entries(FILES)) {
    assert.deepEqual(fs.readFileSync(path.join(dir, 'models', name)), body, `${name} is installed whole`);
  }
  const response = await fetch(`${sidecar.url}/status`, { headers: { Authorization: `Bearer ${sidecar.token}` } });
  const status = await response.json();
  assert.deepEqual([status.engines.stt.engine, status.engines.stt.available, status.engines.stt.detail.problem],
    ['whisper-jni', false, 'model_damaged']);
  assert.deepEqual([status.engines.tts.engine, status.engines.tts.available, status.engines.tts.detail.problem],
    ['piper-jni', false, 'model_damaged']);

  await page.click('.setup-close');
  assert.equal(await page.isVisible('#setup-card'), false);
  await page.waitForSelector('.engine[data-role="stt"][data-state="missing"]');
  await page.click('.engine[data-role="stt"]');
  await page.waitForSelector('#setup-card:not([hidden]) .setup-row[data-role="stt"][data-focus="true"][data-state="error"]');

  seen.length = 0;
  await page.click('.setup-row[data-role="stt"] button[data-action="stt"]');
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="working"] progress');
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="error"]', { timeout: 30_000 });
  assert.ok(!seen.includes('ready'), 'downloaded again, and still not green');
  assert.deepEqual(fs.readFileSync(path.join(dir, 'models', 'ggml-tiny-test.bin')), FILES['ggml-tiny-test.bin']);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
