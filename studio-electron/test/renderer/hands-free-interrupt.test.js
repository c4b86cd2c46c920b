'use strict';

/*
 * Interrupting Crafty hands-free, in Chromium with the fake microphone looping German speech:
 * Crafty answers the first pass, and the next pass comes while he is still speaking (the pass
 * is about 12 s long: its silence leaves him time to begin his long answer, which lasts longer). With echo
 * cancellation on the microphone's track (Chromium's fake device reports it) that hears the page's
 * own audio — the app's Chromium-wide echo cancellation, which its bridge reports as
 * window.crafty.wideEchoCancellation — or with the headphones switch, that speech stops him and is
 * the next turn. Without either — a plain browser, whose canceller does not hear Crafty's Web
 * Audio voice however the track reports — the microphone is closed while he speaks: he is not
 * interrupted, and the button or Space still stops him.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');
const wav = require('./support/speech-wavs');

let dir;
let microphone;
let fake;
let sidecar;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-interrupt-'));
  microphone = wav.concat(dir, 'speech', [wav.silence(dir, 'lead', 1), wav.say(dir, 'question', 'Crafty wie baue ich ein Haus'),
    wav.silence(dir, 'tail', 9)]);
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '15']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: { CRAFTY_LANGUAGE: 'en' } });
});

after(async () => {
  await Promise.allSettled([sidecar?.stop(), fake?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The panel with hands-free on; `echoCancellation: false` makes the track report none;
 * `wideEcho: true` gives the page the app bridge's fact that Chromium-wide echo cancellation is on.
 * Records the actions sent on /voice/chat and every voice button state shown.
 */
async function openHandsFree(browser, { echoCancellation = true, headphones = false, wideEcho = false } = {}) {
  const opened = await e2e.newPage(browser);
  const { page } = opened;
  if (wideEcho) {
    await page.addInitScript(() => {
      window.crafty = Object.freeze({ wideEchoCancellation: true });
    });
  }
  if (!echoCancellation) {
    await page.addInitScript(() => {
      const settings = MediaStreamTrack.prototype.getSettings;
      MediaStreamTrack.prototype.getSettings = function getSettings() {
        return { ...settings.call(this), echoCancellation: false };
      };
    });
  }
  await page.addInitScript(() => {
    window.seenStates = [];
    document.addEventListener('DOMContentLoaded', () => {
      const button = document.getElementById('voice-button');
      new MutationObserver(() => {
        if (window.seenStates.at(-1) !== button.dataset.state) {
          window.seenStates.push(button.dataset.state);
        }
      }).observe(button, { attributes: true, attributeFilter: ['data-state'] });
    });
  });
  const actions = [];
  const sent = [];
  const waiting = [];
  /** Resolves once `action` (or one of several) has been sent `count` times. */
  actions.sent = (action, count = 1) => new Promise((resolve, reject) => {
    const names = [action].flat();
    const timer = setTimeout(() => reject(new Error(`${names} not sent ${count} times: ${actions.join(', ')}`)), 30_000);
    waiting.push({ done: () => actions.filter((a) => names.includes(a)).length >= count, resolve: () => {
      clearTimeout(timer);
      resolve();
    } });
    notify();
  });
  function notify() {
    waiting.splice(0).forEach((w) => (w.done() ? w.resolve() : waiting.push(w)));
  }
  page.on('websocket', (socket) => {
    if (socket.url().includes('/voice/chat')) {
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') {
          const message = JSON.parse(payload);
          sent.push(message);
          actions.push(message.action);
          notify();
        }
      });
    }
  });
  await page.goto(`${sidecar.url}/#token=${sidecar.token}`);
  await page.waitForSelector('#voice-button[data-state="idle"]', { timeout: 15_000 });
  await page.click('#hands-free-toggle');
  if (headphones) {
    await page.click('#headphones');
  }
  await page.waitForSelector('#voice-button[data-hands-free="listening"]', { timeout: 30_000 });
  return { ...opened, actions, sent };
}

for (const [name, options, echo] of [
  ['the app\'s wide echo cancellation', { wideEcho: true }, 'cancelled'],
  ['headphones', { echoCancellation: false, headphones: true }, 'headphones'],
]) {
  test(`with ${name}, speaking while Crafty speaks stops him and is the next turn`, async () => {
    const browser = await e2e.launchChromium({ microphone });
    try {
      const { page, problems, actions } = await openHandsFree(browser, options);
      assert.equal(await page.getAttribute('#voice-button', 'data-echo'), echo);
      await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 60_000 });
      assert.equal(await page.getAttribute('#voice-button', 'data-hands-free'), 'listening', 'the microphone listens while he speaks');
      await page.waitForFunction(() => {
        const states = window.seenStates;
        return states.some((state, i) => state === 'speaking' && states[i + 1] === 'listening');
      }, null, { timeout: 60_000 });
      await page.waitForFunction(() => window.seenStates.filter((state) => state === 'thinking').length >= 2, null,
        { timeout: 30_000 });
      // stop, if his reply was still coming; how much of him was heard, if his voice had begun
      await actions.sent(['stop', 'heard']);
      await actions.sent('process_audio', 2);
      assert.deepEqual(problems.errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('in a browser, whose echo canceller does not hear Crafty, the microphone is closed while he speaks; the button or Space stops him', async () => {
  const browser = await e2e.launchChromium({ microphone });
  try {
    const { page, problems, actions, sent } = await openHandsFree(browser);
    assert.equal(await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true } });
      const reported = stream.getAudioTracks()[0].getSettings().echoCancellation;
      stream.getTracks().forEach((track) => track.stop());
      return reported;
    }), true, 'the track itself reports echo cancellation');
    assert.equal(await page.getAttribute('#voice-button', 'data-echo'), 'none');
    await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 60_000 });
    await page.waitForSelector('#voice-button[data-hands-free="deaf"]');
    assert.equal(await page.textContent('#voice-hint'),
      'While I talk, the microphone is not listening. Press the button or Space to interrupt me.');
    await e2e.screenshot(page, 'hands-free-deaf');
    // The next pass of the speech plays while he talks: nobody hears it, and he finishes.
    await page.waitForSelector('#voice-button[data-state="idle"]', { timeout: 60_000 });
    assert.deepEqual(actions.filter((action) => ['stop', 'heard', 'process_audio'].includes(action)), ['process_audio']);
    assert.ok(!(await page.evaluate(() => window.seenStates.some((state, i) => state === 'speaking'
      && window.seenStates[i + 1] === 'listening'))), 'Crafty was interrupted');
    await page.waitForSelector('#voice-button[data-hands-free="listening"]', { timeout: 10_000 });

    // The next pass is heard once he is silent; while he answers it, Space stops him.
    await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 60_000 });
    await page.focus('#voice-button');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('voice-button').dataset.state !== 'speaking', null,
      { timeout: 5_000 });
    // pressed as his second reply began to sound: what was heard is of that reply (its first
    // sentence's message came before that reply's audio_start, while the panel still knew the
    // first reply's)
    await actions.sent('heard');
    const turns = sent.filter((message) => message.action === 'process_audio');
    const heard = sent.filter((message) => message.action === 'heard');
    assert.equal(turns.length, 2);
    assert.equal(heard.length, 1);
    assert.equal(heard[0].requestId, turns[1].requestId);
    assert.ok(Number.isInteger(heard[0].sentence) && heard[0].playedMs >= 0, JSON.stringify(heard[0]));
    await page.waitForSelector('#voice-button[data-hands-free="listening"]', { timeout: 10_000 });
    assert.deepEqual(problems.errors, []);
  } finally {
    await browser.close();
  }
});
