'use strict';

/*
 * "Crafty einrichten" in Chromium against the real voice server (browser mode): on a first start
 * the card opens by itself; a parent installs the recogniser and the voice from a download
 * server of the test's own (a school's mirror, MODELS_BASE_dash_URL) with a visible progress bar;
 * the files land in the models directory, checked against their digests. Files of random bytes
 * are no models: the engines cannot load them, so the rows say "Modell beschädigt – neu laden"
 * (never green), /status says model_damaged, and "Neu laden" downloads them again. Tiny but real
 * models (the voice server's testing.TinyModels: a whisper.cpp ggml recogniser that hears "Hallo",
 * a Piper voice) load: the rows and the indicators turn green with the in-process engines named
 * in /status, a typed message read aloud is Piper's audio, and a spoken turn from the fake
 * microphone is heard by the in-process whisper and ends with exactly one final message.
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
  'ggml-damaged-test.bin': crypto.randomBytes(3_000_000),
  'de_DE-damaged-low.onnx': crypto.randomBytes(2_000_000),
  'de_DE-damaged-low.onnx.json': Buffer.from(JSON.stringify(VOICE_CONFIG)),
};
const digest = (algorithm, name) => `${algorithm}:${crypto.createHash(algorithm).update(FILES[name]).digest('hex')}`;

const MICROPHONE = '/usr/share/sounds/alsa/Front_Center.wav';

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
  for (const name of await e2e.tinyModels(path.join(dir, 'tiny'))) {
    FILES[name] = fs.readFileSync(path.join(dir, 'tiny', name));
  }
  const catalog = path.join(dir, 'catalog.json');
  fs.writeFileSync(catalog, JSON.stringify({ version: 1, models: [
    { id: 'tiny-stt', role: 'stt', languages: ['de', 'en'], default: true,
      name: { de: 'Spracherkennung – Test', en: 'Speech recognition – test' },
      files: [{ name: 'ggml-damaged-test.bin', size: FILES['ggml-damaged-test.bin'].length,
        url: 'https://example.invalid/ggml-damaged-test.bin', digest: digest('sha1', 'ggml-damaged-test.bin') }] },
    { id: 'tiny-voice', role: 'tts', languages: ['de'], default: true,
      name: { de: 'Deutsche Stimme – Test', en: 'German voice – test' },
      files: ['de_DE-damaged-low.onnx', 'de_DE-damaged-low.onnx.json'].map((name) => ({ name, size: FILES[name].length,
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
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-detail'), /ggml-damaged-test\.bin/);
  assert.equal(await page.textContent('.setup-row[data-role="stt"] button[data-action="stt"]'), 'Neu laden');
  assert.ok(!seen.includes('ready'), `the recogniser row was never green: ${seen.join(' ')}`);

  await page.click('.setup-row[data-role="tts"] button[data-action="tts"]');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="working"] progress');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="error"]', { timeout: 60_000 });
  assert.match(await page.textContent('.setup-row[data-role="tts"] .setup-text'), /^Modell beschädigt – neu laden: Deutsche Stimme – Test/);
  assert.equal(await page.locator('.setup-row[data-role="tts"] button', { hasText: 'Hör mal' }).count(), 0, 'no sample of a voice that cannot speak');
  await e2e.screenshot(page, 'setup-damaged');

  for (const name of ['ggml-damaged-test.bin', 'de_DE-damaged-low.onnx', 'de_DE-damaged-low.onnx.json']) {
    assert.deepEqual(fs.readFileSync(path.join(dir, 'models', name)), FILES[name], `${name} is installed whole`);
  }
  const status = await statusWhen(sidecar, (body) => body.engines.stt.engine === 'whisper-jni' && body.engines.tts.engine === 'piper-jni'
    && body.engines.tts.detail.state !== 'loading');
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
  assert.deepEqual(fs.readFileSync(path.join(dir, 'models', 'ggml-damaged-test.bin')), FILES['ggml-damaged-test.bin']);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

/** Asks /status again and again until `wanted(body)` holds, for up to 30 s; the last answer. */
async function statusWhen(server, wanted) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${server.url}/status`, { headers: { Authorization: `Bearer ${server.token}` } });
    const body = await response.json();
    if (wanted(body) || Date.now() > deadline) {
      return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A catalog of the tiny real models, served by the same file server. */
function tinyCatalog() {
  const file = path.join(dir, 'tiny-catalog.json');
  const entry = (name, algorithm) => ({ name, size: FILES[name].length, url: `https://example.invalid/${name}`,
    digest: digest(algorithm, name) });
  fs.writeFileSync(file, JSON.stringify({ version: 1, models: [
    { id: 'tiny-whisper', role: 'stt', languages: ['de', 'en'], default: true,
      name: { de: 'Spracherkennung – winzig', en: 'Speech recognition – tiny' }, files: [entry('ggml-tiny-test.bin', 'sha1')] },
    { id: 'tiny-piper', role: 'tts', languages: ['de'], default: true, name: { de: 'Deutsche Stimme – winzig', en: 'German voice – tiny' },
      files: [entry('de_DE-test-x_low.onnx', 'md5'), entry('de_DE-test-x_low.onnx.json', 'md5')] },
  ] }));
  return file;
}

test('tiny real models: the rows and indicators turn green, and typed and spoken turns go through the in-process engines', async (t) => {
  const models = path.join(dir, 'tiny-models');
  const real = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: {
    MODELS_CATALOG: tinyCatalog(), MODELS_DIR: models, SPEECH_NATIVES: path.join(dir, 'natives'),
    MODELS_BASE_dash_URL: `http://127.0.0.1:${files.address().port}/` } });
  const listening = await e2e.launchChromium({ microphone: MICROPHONE });
  t.after(() => Promise.allSettled([listening.close(), real.stop()]));
  const { page, problems } = await e2e.openPanel(listening, real, { firstStart: true });
  await page.waitForSelector('.engine[data-role="stt"][data-state="wrong-language"]');

  await page.click('.setup-row[data-role="stt"] button[data-action="stt"]');
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="working"] progress');
  await page.waitForSelector('.setup-row[data-role="stt"][data-state="ready"]', { timeout: 60_000 });
  await page.click('.setup-row[data-role="tts"] button[data-action="tts"]');
  await page.waitForSelector('.setup-row[data-role="tts"][data-state="ready"]', { timeout: 60_000 });
  assert.equal(await page.textContent('.setup-row[data-role="tts"] button:last-child'), 'Hör mal: „Hallo, ich bin Crafty!“');
  await page.click('.setup-close');
  await page.waitForSelector('.engine[data-role="stt"][data-state="ready"]', { timeout: 15_000 });
  await page.waitForSelector('.engine[data-role="tts"][data-state="ready"]', { timeout: 15_000 });
  assert.equal(await page.isVisible('#engine-limits'), false);
  // /status measures each engine at most every status.ttl (2 s): wait until it has measured the new ones
  const status = await statusWhen(real, (body) => body.engines.stt.engine === 'whisper-jni' && body.engines.tts.engine === 'piper-jni');
  assert.deepEqual([status.engines.stt.engine, status.engines.stt.location, status.engines.stt.model, status.engines.stt.available],
    ['whisper-jni', 'in-process', 'ggml-tiny-test.bin', true]);
  assert.deepEqual([status.engines.tts.engine, status.engines.tts.location, status.engines.tts.model, status.engines.tts.available],
    ['piper-jni', 'in-process', 'de_DE-test-x_low.onnx', true]);
  await e2e.screenshot(page, 'setup-tiny-models');

  const received = [];
  page.on('websocket', (socket) => {
    if (socket.url().includes('/voice/chat')) {
      socket.on('framereceived', ({ payload }) => received.push(payload));
    }
  });
  await page.check('#speak-replies');
  await e2e.typeAndSend(page, 'Lies das vor');
  await page.waitForFunction(() => Number(document.getElementById('playback').dataset.playedMs || 0) > 0, null, { timeout: 30_000 });
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 30_000 });
  const spoken = received.filter((f) => typeof f === 'string').map((f) => JSON.parse(f));
  assert.ok(spoken.some((m) => m.type === 'audio_start' && m.sampleRate === 22050), 'Piper announces its 22050 Hz');
  assert.ok(received.some((f) => typeof f !== 'string' && f.length > 0), 'and sends its audio');
  await page.waitForSelector('#voice-button[data-state="idle"]', { timeout: 30_000 });

  received.length = 0;
  const box = await page.locator('#voice-button').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForSelector('#voice-button[data-state="listening"]');
  await page.waitForFunction(() => Number(document.getElementById('voice-button').dataset.acked || 0) >= 12, null,
    { timeout: 20_000 });
  await page.mouse.up();
  const heard = page.locator('.message-child[data-via="voice"] .message-text');
  await heard.waitFor({ timeout: 60_000 });
  assert.equal((await heard.textContent()).trim(), 'Hallo', 'what the tiny whisper hears, whatever is said');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 30_000 });
  await page.waitForSelector('#voice-button[data-state="idle"]', { timeout: 30_000 });
  const messages = received.filter((f) => typeof f === 'string').map((f) => JSON.parse(f));
  const turn = messages.find((m) => m.type === 'status' && m.status === 'transcribed');
  assert.equal(turn.text, 'Hallo');
  const finals = messages.filter((m) => m.requestId === turn.requestId && ['done', 'error', 'cancelled'].includes(m.type));
  assert.deepEqual(finals.map((m) => m.type), ['done'], 'exactly one final message');
  await e2e.screenshot(page, 'spoken-turn-tiny-models');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
