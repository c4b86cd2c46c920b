'use strict';

/*
 * Talking hands-free in Chromium: the fake microphone plays German speech made by espeak-ng
 * and sox (pauses, noise), Silero VAD runs in the page from the bundled files, and what it
 * sends to the real /voice/chat is read back from the socket: the whole utterance, even with a
 * 400 ms pause inside; its end found within 1 s of the last word (measured on the audio sent,
 * against where the words lie in the WAV); noise, a click and a cough send nothing. The server
 * runs in English (pocketsphinx hears it); what it makes of German does not matter here.
 * Chromium's fake capture loops its file, so every WAV ends in a long silence.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');
const wav = require('./support/speech-wavs');

/** The VAD's closing silence is 700 ms; the issue allows 1 s from the last word to the end. */
const END_WITHIN_MS = 1000;

let dir;
let files;
let fake;
let sidecar;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-hands-free-'));
  const hello = wav.say(dir, 'hello', 'Hallo Crafty');
  const question = wav.say(dir, 'question', 'wie baue ich ein Haus aus Holz');
  const speech = wav.concat(dir, 'speech', [wav.silence(dir, 'lead', 1), hello, wav.silence(dir, 'pause', 0.4), question,
    wav.silence(dir, 'tail', 6)]);
  const length = wav.durationMs(wav.samplesOf(speech)) / 1000;
  const noisy = wav.mix(dir, 'noisy', speech, wav.noise(dir, 'hiss', length, 0.02));
  const click = wav.noise(dir, 'click', 0.02, 0.9);
  const cough = wav.noise(dir, 'cough', 0.15, 0.5);
  const noises = wav.concat(dir, 'noises', [wav.noise(dir, 'white', 3, 0.05), wav.silence(dir, 'gap1', 1), click,
    wav.silence(dir, 'gap2', 1), cough, wav.silence(dir, 'gap3', 1),
    wav.resampled(dir, 'alsa-noise', '/usr/share/sounds/alsa/Noise.wav'), wav.silence(dir, 'gap4', 2)]);
  files = { speech, noisy, noises };
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '15']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: { CRAFTY_LANGUAGE: 'en', CRAFTY_ORIGINS: 'file://,null' } });
});

after(async () => {
  await Promise.allSettled([sidecar?.stop(), fake?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Every turn the page sends on /voice/chat: {frames, processed}. `next(accept)` resolves with
 * the first processed utterance `accept` takes.
 */
function recordUtterances(page) {
  const utterances = [];
  const waiters = [];
  const settle = () => waiters.splice(0).forEach((waiter) => {
    const found = utterances.find((u) => u.processed && waiter.accept(u));
    if (found) {
      waiter.resolve(found);
    } else {
      waiters.push(waiter);
    }
  });
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/voice/chat')) {
      return;
    }
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') {
        utterances.at(-1)?.frames.push(Buffer.from(payload));
        return;
      }
      const message = JSON.parse(payload);
      if (message.action === 'audio_start') {
        utterances.push({ frames: [], processed: false });
      } else if (message.action === 'process_audio' && utterances.length > 0) {
        utterances.at(-1).processed = true;
        settle();
      }
    });
  });
  return {
    utterances,
    next(accept = () => true) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no utterance after 60 s (${utterances.length} sent)`)), 60_000);
        waiters.push({ accept, resolve: (u) => {
          clearTimeout(timer);
          resolve(u);
        } });
        settle();
      });
    },
  };
}

/** Opens the panel with `microphone` playing and switches hands-free on. */
async function handsFreePanel(microphone) {
  const browser = await e2e.launchChromium({ microphone });
  const opened = await e2e.openPanel(browser, sidecar);
  const recorded = recordUtterances(opened.page);
  await opened.page.waitForSelector('#voice-button[data-state="idle"]');
  await opened.page.waitForSelector('#hands-free:not([hidden])');
  await opened.page.click('#hands-free-toggle');
  await opened.page.waitForSelector('#voice-button[data-hands-free="listening"]', { timeout: 30_000 });
  return { browser, ...opened, recorded };
}

/** Where the words are: the first loud moment to the last, and the longest quiet gap between. */
function words(samples, dbfs) {
  const spans = wav.loudSpans(samples, { dbfs });
  assert.ok(spans.length > 0, 'no speech in the audio');
  const gaps = spans.slice(1).map((span, i) => span.start - spans[i].end);
  return { start: spans[0].start, end: spans.at(-1).end, longestGap: Math.max(0, ...gaps) };
}

/** An utterance the VAD heard from its beginning: its audio opens with quiet (the pre-speech pad). */
function heardFromItsStart(dbfs) {
  return (u) => words(wav.samplesFromFrames(u.frames), dbfs).start >= 100;
}

test('an utterance with a 400 ms pause inside goes out whole, ended within 1 s of its last word', async (t) => {
  const { browser, page, problems, recorded } = await handsFreePanel(files.speech);
  try {
    const spoken = words(wav.samplesOf(files.speech), -35);
    assert.ok(spoken.longestGap >= 380 && spoken.longestGap <= 600, `the WAV's pause is ${spoken.longestGap} ms`);
    const utterance = await recorded.next(heardFromItsStart(-35));
    const samples = wav.samplesFromFrames(utterance.frames);
    const sent = words(samples, -35);
    const endAfterLastWord = wav.durationMs(samples) - sent.end;
    t.diagnostic(`end of speech ${Math.round(endAfterLastWord)} ms after the last word; words ${Math.round(sent.end - sent.start)} ms `
      + `sent of ${Math.round(spoken.end - spoken.start)} ms spoken; pause inside ${sent.longestGap} ms`);
    assert.ok(Math.abs((sent.end - sent.start) - (spoken.end - spoken.start)) <= 150,
      `sent ${sent.end - sent.start} ms of words, the WAV has ${spoken.end - spoken.start} ms: the utterance was cut`);
    assert.ok(sent.longestGap >= 250, `the pause is not inside the utterance (longest gap ${sent.longestGap} ms)`);
    assert.ok(endAfterLastWord <= END_WITHIN_MS, `the end came ${endAfterLastWord} ms after the last word`);
    const transcript = page.locator('.message-child[data-via="voice"]').first();
    await transcript.waitFor({ timeout: 20_000 });
    await e2e.screenshot(page, 'hands-free');
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.console, []);
  } finally {
    await browser.close();
  }
});

test('speech with noise mixed in is heard as one utterance, ended within 1 s of its last word', async (t) => {
  const { browser, page, problems, recorded } = await handsFreePanel(files.noisy);
  try {
    // The hiss hides where the words end in what was sent; the clean WAV says where they are,
    // and the sent audio is found in the noisy WAV by its loudness envelope.
    const spoken = words(wav.samplesOf(files.speech), -35);
    const noisy = wav.samplesOf(files.noisy);
    const utterance = await recorded.next((u) => {
      const { atMs } = wav.alignMs(wav.samplesFromFrames(u.frames), noisy);
      return atMs <= spoken.start;
    });
    const samples = wav.samplesFromFrames(utterance.frames);
    const { atMs, score } = wav.alignMs(samples, noisy);
    const endAfterLastWord = atMs + wav.durationMs(samples) - spoken.end;
    t.diagnostic(`with noise: end of speech ${Math.round(endAfterLastWord)} ms after the last word `
      + `(the audio sent begins ${atMs} ms into the WAV, envelope correlation ${score.toFixed(2)})`);
    assert.ok(score >= 0.6, `the audio sent does not match the WAV (correlation ${score})`);
    assert.ok(endAfterLastWord >= 0, 'the utterance ends before its last word');
    assert.ok(endAfterLastWord <= END_WITHIN_MS, `the end came ${endAfterLastWord} ms after the last word`);
    assert.equal(await page.getAttribute('#voice-button', 'data-hands-free') === 'failed', false);
    assert.deepEqual(problems.errors, []);
  } finally {
    await browser.close();
  }
});

test('noise, a click and a cough send nothing', async () => {
  const { browser, page, problems, recorded } = await handsFreePanel(files.noises);
  try {
    await page.evaluate(() => {
      const button = document.getElementById('voice-button');
      window.seenStates = new Set([button.dataset.state]);
      new MutationObserver(() => window.seenStates.add(button.dataset.state))
        .observe(button, { attributes: true, attributeFilter: ['data-state'] });
    });
    const twoPasses = 2 * wav.durationMs(wav.samplesOf(files.noises));
    await page.waitForFunction((ms) => Number(document.getElementById('voice-button').dataset.heardMs || 0) >= ms, twoPasses,
      { timeout: 60_000 });
    assert.equal(recorded.utterances.length, 0, 'something was sent');
    assert.deepEqual(await page.evaluate(() => [...window.seenStates]), ['idle']);
    assert.deepEqual(problems.errors, []);
  } finally {
    await browser.close();
  }
});

test('the switch is remembered; from file://, where the VAD cannot load, it is not offered', async () => {
  const browser = await e2e.launchChromium({ microphone: files.noises });
  try {
    const { page, context } = await e2e.openPanel(browser, sidecar);
    await page.waitForSelector('#hands-free:not([hidden])');
    assert.equal(await page.getAttribute('#voice-button', 'data-hands-free'), 'off', 'push-to-talk is the default');
    await page.click('#hands-free-toggle');
    await page.waitForSelector('#voice-button[data-hands-free="listening"]', { timeout: 30_000 });
    assert.equal(await page.textContent('#voice-label'), 'I\'m listening');
    await page.reload();
    await page.waitForSelector('#voice-button[data-hands-free="listening"]', { timeout: 30_000 });
    assert.equal(await page.isChecked('#hands-free-toggle'), true);
    await context.close();

    const app = await e2e.openAppPage(browser, sidecar);
    await app.page.waitForSelector('#voice-button[data-state="idle"]');
    assert.equal(await app.page.isHidden('#hands-free'), true);
    assert.equal(await app.page.getAttribute('#voice-button', 'data-hands-free'), 'off');
  } finally {
    await browser.close();
  }
});
