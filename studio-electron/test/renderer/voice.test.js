'use strict';

/*
 * Talking to Crafty in Chromium: Chromium's fake microphone plays a WAV from alsa-utils, the
 * page captures it through its AudioWorklet at 16 kHz and streams it to the real /voice/chat
 * (pocketsphinx hears it, so the server runs in English); the fake Ollama answers and espeak-ng
 * speaks, and the page plays the answer with Web Audio. Also: interrupting Crafty, talking with
 * the keyboard and throwing a recording away, and the friendly message when the microphone is
 * not allowed.
 */
const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

const MICROPHONE = '/usr/share/sounds/alsa/Front_Center.wav';

let fake;
let sidecar;
let browser;

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '15']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url,
    env: { CRAFTY_LANGUAGE: 'en', CRAFTY_ORIGINS: 'file://,null' } });
  browser = await e2e.launchChromium({ microphone: MICROPHONE });
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
});

async function pressVoiceButton(page) {
  const box = await page.locator('#voice-button').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
}

/** Waits until the server has acknowledged at least `frames` microphone frames. */
function acknowledged(page, frames) {
  return page.waitForFunction((wanted) => Number(document.getElementById('voice-button').dataset.acked || 0) > 0
    && Number(document.getElementById('voice-button').dataset.sent || 0) >= wanted, frames, { timeout: 10_000 });
}

/** Waits until Crafty's voice has played for `ms` on the page's audio clock. */
function played(page, ms) {
  return page.waitForFunction((wanted) => Number(document.getElementById('playback').dataset.playedMs || 0) >= wanted,
    ms, { timeout: 20_000 });
}

test('the microphone reaches /voice/chat; the transcript and Crafty\'s spoken answer follow', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('#voice-button[data-state="idle"]');
  await page.waitForSelector('.engine[data-role="tts"][data-state="ready"]');
  await e2e.screenshot(page, 'idle');
  const frames = [];
  page.on('websocket', (socket) => {
    if (socket.url().includes('/voice/chat')) {
      socket.on('framesent', ({ payload }) => frames.push(payload));
    }
  });

  await pressVoiceButton(page);
  await page.waitForSelector('#voice-button[data-state="listening"]');
  await page.waitForSelector('#level i.lit');
  await page.waitForSelector('#partial:not([hidden])', { timeout: 10_000 });
  await acknowledged(page, 12);
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'listening');
  await e2e.screenshot(page, 'listening');
  await page.mouse.up();

  await page.waitForSelector('#voice-button[data-state="thinking"]');
  await e2e.screenshot(page, 'voice-thinking');
  const transcript = page.locator('.message-child[data-via="voice"] .message-text');
  await transcript.waitFor({ timeout: 15_000 });
  assert.ok((await transcript.textContent()).trim().length > 0);
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 15_000 });
  await played(page, 400);
  assert.ok(await page.isVisible('#playback'));
  await e2e.screenshot(page, 'speaking');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });

  assert.equal(await page.getAttribute('#voice-button', 'data-capture'), 'worklet');
  const controls = frames.filter((f) => typeof f === 'string').map((f) => JSON.parse(f));
  assert.deepEqual(controls[0], { action: 'audio_start', sampleRate: 16000, encoding: 'pcm_s16le', channels: 1 });
  assert.equal(controls.at(-1).action, 'process_audio');
  const audio = frames.filter((f) => typeof f !== 'string');
  assert.ok(audio.length >= 12);
  audio.slice(0, -1).forEach((frame) => assert.equal(frame.length, 5120, '160 ms of 16 kHz s16le'));
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('a message typed the moment reading aloud is switched on waits for the voice socket and is read aloud', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('#speak-toggle:not([hidden])');
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  // Switched on and sent in one task: /voice/chat cannot have opened yet.
  await page.evaluate(() => {
    document.getElementById('speak-replies').click();
    document.getElementById('input').value = 'Read this aloud please';
    document.getElementById('composer').requestSubmit();
  });
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 15_000 });
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });
  assert.deepEqual(await page.locator('.message-child .message-text').allTextContents(), ['Read this aloud please'],
    'sent once, not also in writing');
  assert.ok(sockets.some((url) => url.includes('/voice/chat')));
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('pressing the button while Crafty speaks silences him at once and listens again', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('#speak-toggle:not([hidden])');
  await page.check('#speak-replies');
  await e2e.typeAndSend(page, 'Tell me a long story');
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 15_000 });
  await played(page, 300);

  await pressVoiceButton(page);
  await page.waitForSelector('#voice-button[data-state="listening"]', { timeout: 1000 });
  assert.equal(await page.isVisible('#playback'), false, 'playback stopped');
  await acknowledged(page, 16);
  await page.mouse.up();
  await page.waitForSelector('.message-child[data-via="voice"]', { timeout: 15_000 });
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 15_000 });
  await page.click('#pause');
  await page.waitForSelector('#playback[data-state="paused"]');
  const pausedAt = Number(await page.getAttribute('#playback', 'data-played-ms'));
  await page.click('#pause');
  await page.waitForFunction((from) => Number(document.getElementById('playback').dataset.playedMs) > from + 200, pausedAt);
  await page.click('#stop-playback');
  await page.waitForSelector('#playback', { state: 'hidden' });
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('holding Space talks as holding the button does, and Escape throws the recording away', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('#voice-button[data-state="idle"]');
  const controls = [];
  const cleared = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no clear sent: ${JSON.stringify(controls)}`)), 10_000);
    page.on('websocket', (socket) => {
      if (socket.url().includes('/voice/chat')) {
        socket.on('framesent', ({ payload }) => {
          if (typeof payload === 'string') {
            controls.push(JSON.parse(payload));
            if (controls.at(-1).action === 'clear') {
              clearTimeout(timer);
              resolve();
            }
          }
        });
      }
    });
  });

  await page.focus('#voice-button');
  await page.keyboard.down('Space');
  await page.waitForSelector('#voice-button[data-state="listening"][aria-pressed="true"]');
  await acknowledged(page, 4);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#voice-button[data-state="idle"][aria-pressed="false"]');
  await cleared;
  await page.keyboard.up('Space');

  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'idle', 'still idle once Space comes up');
  assert.equal(await page.getAttribute('#level', 'aria-valuenow'), '0');
  assert.equal(await page.locator('#level i.lit').count(), 0);
  assert.deepEqual(controls.map((c) => c.action), ['audio_start', 'clear']);
  assert.equal(await page.locator('.message-child[data-via="voice"]').count(), 0);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('from file://, where no worklet module loads, the microphone streams through the fallback', async () => {
  const { page, context, problems } = await e2e.openAppPage(browser, sidecar, { getStatus: true });
  await page.waitForSelector('#voice-button[data-state="idle"]');
  await pressVoiceButton(page);
  await acknowledged(page, 16);
  await page.mouse.up();
  assert.equal(await page.getAttribute('#voice-button', 'data-capture'), 'script-processor');
  await page.waitForSelector('.message-child[data-via="voice"]', { timeout: 15_000 });
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 15_000 });
  await played(page, 200);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('without microphone permission: a friendly explanation, and typing still works', async (t) => {
  const denying = await e2e.launchChromium({ microphone: 'ask' });
  t.after(() => denying.close());
  const { page, problems } = await e2e.openPanel(denying, sidecar, { permissions: [] });
  await page.waitForSelector('#voice-button[data-state="idle"]');
  await pressVoiceButton(page);
  await page.mouse.up();
  await page.waitForSelector('#mic-problem:not([hidden])', { timeout: 10_000 });
  assert.equal(await page.textContent('#mic-problem'),
    "I'm not allowed to use your microphone. Ask a grown-up to allow it. Typing always works!");
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'idle');
  await e2e.screenshot(page, 'microphone-denied');

  await e2e.typeAndSend(page, 'Can you read this?');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });
  assert.deepEqual(problems.errors, []);
});
