'use strict';

/*
 * The window tells the truth about itself, in Chromium against the real voice server: a tab
 * left open across a restart with a new token says it is out of date and what to do (and does
 * not promise to send what the child types); the app's window reconnects with the new token by
 * itself; a reload or a new tab opens the last conversation again; a paused Crafty looks and
 * reads paused, and a pause between two sentences (the speech engine slower than real time) is
 * part of his speaking, not a moment of thinking.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

/** How long the speech engine thinks before a sentence with "Satz" in it: longer than it lasts. */
const SYNTHESIS_DELAY_S = 2.5;

let fake;
let sidecar;
let sidecarEnv;
let browser;
let scratch;

/** espeak-ng behind a wrapper that waits SYNTHESIS_DELAY_S before every sentence with "Satz" in it. */
function slowEspeak() {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-slow-espeak-'));
  const file = path.join(scratch, 'espeak-ng');
  fs.writeFileSync(file, ['#!/bin/sh', 'case " $* " in *" --stdout "*) ;; *) exec espeak-ng "$@" ;; esac', 'text=$(cat)',
    `case "$text" in *Satz*) sleep ${SYNTHESIS_DELAY_S} ;; esac`,
    'printf \'%s\' "$text" | exec espeak-ng "$@"', ''].join('\n'), { mode: 0o700 });
  return file;
}

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '10']);
  sidecarEnv = { CRAFTY_ORIGINS: 'file://,null', ESPEAK_BIN: slowEspeak() };
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: sidecarEnv });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
  if (scratch) {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

/** Kills the voice server and starts it again on the same port with a new token, as `./studio run` does. */
async function restartWithNewToken() {
  const { port } = sidecar;
  await sidecar.kill();
  sidecar = await e2e.startSidecar({ port, token: e2e.newToken(), ollamaUrl: fake.url, env: sidecarEnv });
}

test('a tab left open across a restart with a new token says it is out of date and what to do', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await e2e.typeAndSend(page, 'Erste Frage');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]');

  await restartWithNewToken();
  await page.waitForSelector('.app[data-connection="stale"]', { timeout: 20_000 });
  assert.equal(await page.textContent('#connection-text'), 'Dieses Fenster ist veraltet');
  assert.equal(await page.isVisible('#retry'), false, 'no countdown and no retry that cannot help');
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'stale');
  const notice = await page.locator('.message-notice .message-text').last().textContent();
  assert.match(notice, /dieses Fenster ist veraltet\. Öffne den neuen Link, den \.\/studio run im Terminal zeigt/);

  await e2e.typeAndSend(page, 'Hallo?');
  const typed = page.locator('.message-child').last();
  assert.equal(await typed.getAttribute('data-state'), 'unsent');
  assert.equal(await typed.locator('.message-badge').textContent(), 'nicht gesendet: dieses Fenster ist veraltet');
  await e2e.screenshot(page, 'stale-window');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test("the app's window reconnects with the main process's new token by itself and sends what waited", async () => {
  const opened = await e2e.newPage(browser);
  const { page, problems } = opened;
  await page.exposeFunction('craftyTestConnection', () => ({ url: sidecar.url, wsUrl: sidecar.url.replace(/^http/, 'ws'),
    port: sidecar.port, token: sidecar.token, language: 'de' }));
  await page.addInitScript(() => {
    window.crafty = {
      getConnection: () => window.craftyTestConnection(),
      getSidecarState: async () => ({ state: 'ready' }),
      onSidecarState: () => () => {},
      retrySidecar: async () => ({ state: 'ready' }),
    };
  });
  await page.goto(pathToFileURL(path.join(e2e.UI_DIR, 'index.html')).href);
  await page.waitForSelector('.app[data-connection="open"]', { timeout: 15_000 });
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));

  await restartWithNewToken();
  await page.waitForSelector('.app[data-connection="open"]', { timeout: 20_000 });
  await e2e.typeAndSend(page, 'Wieder da?');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });
  assert.match(await page.locator('.message-crafty:last-child .message-text').textContent(), /^Wieder da\?/);
  assert.equal(await page.locator('.app[data-connection="stale"]').count(), 0);
  assert.ok(sockets.length >= 1);
  assert.deepEqual(problems.errors, []);
  await opened.context.close();
});

test('a reload and a new tab open the last conversation again', async () => {
  const { page, context, problems } = await e2e.openPanel(browser, sidecar);
  await e2e.typeAndSend(page, 'Merk dir das');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]');
  const before = await page.locator('.message .message-text').allTextContents();

  await page.reload();
  await page.waitForSelector('.app[data-connection="open"]');
  await page.waitForSelector('.message-child:has-text("Merk dir das")', { timeout: 10_000 });
  const reloaded = await page.locator('.message-child .message-text').allTextContents();
  assert.deepEqual(reloaded, ['Merk dir das']);
  assert.match(await page.locator('.message-crafty:last-child .message-text').textContent(), /^Merk dir das/);

  await e2e.typeAndSend(page, 'Und noch was');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]:has-text("Und noch was")');

  const tab = await context.newPage();
  await tab.goto(`${sidecar.url}/#token=${sidecar.token}`);
  await tab.waitForSelector('.message-child:has-text("Und noch was")', { timeout: 10_000 });
  assert.deepEqual(await tab.locator('.message-child .message-text').allTextContents(), ['Merk dir das', 'Und noch was']);
  assert.ok(before.length >= 2);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('while his voice is paused Crafty looks and reads paused, and the buttons have names', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('#speak-toggle:not([hidden])');
  await page.check('#speak-replies');
  await e2e.typeAndSend(page, 'Erzähl mir eine lange Geschichte über Creeper und Diamanten und Redstone');
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 15_000 });
  assert.equal(await page.textContent('#mood-text'), 'Ich erzähle dir was!');
  await page.click('#pause');
  await page.waitForSelector('#playback[data-state="paused"]');

  assert.equal(await page.getAttribute('#app', 'data-mood'), 'paused');
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'paused');
  assert.equal(await page.textContent('#mood-text'), 'Pause. Ich warte, bis du weiterhören willst.');
  assert.equal(await page.textContent('#voice-label'), 'Crafty macht Pause');
  const mouth = await page.$eval('#avatar .part-talk', (node) => {
    const style = getComputedStyle(node);
    return { animation: style.animationName, opacity: style.opacity };
  });
  assert.deepEqual(mouth, { animation: 'none', opacity: '0' }, 'the mouth does not move');
  for (const id of ['pause', 'stop-playback', 'stop-reply', 'send', 'voice-button', 'sessions-toggle', 'connection']) {
    const name = await page.locator(`#${id}`).evaluate((node) => node.getAttribute('aria-label') || node.innerText.trim()
      || [...node.querySelectorAll('.visually-hidden')].map((n) => n.textContent).join(' ').trim());
    assert.ok(name.length > 0, `#${id} has a name`);
  }
  await e2e.screenshot(page, 'paused');
  await page.click('#stop-playback');
  await page.waitForSelector('#playback', { state: 'hidden' });
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('between two sentences, while the next one is still being spoken into sound, Crafty goes on speaking', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('#speak-toggle:not([hidden])');
  await page.check('#speak-replies');
  // everything the stage shows, in order, from here on
  await page.evaluate(() => {
    const seen = [];
    window.stageSeen = seen;
    const look = () => {
      const entry = [document.querySelector('#voice-button').getAttribute('data-state'),
        document.querySelector('#mood-text').textContent, document.querySelector('#playback').hidden];
      if (JSON.stringify(entry) !== JSON.stringify(seen[seen.length - 1])) {
        seen.push(entry);
      }
    };
    new MutationObserver(look).observe(document.querySelector('#app'),
      { subtree: true, childList: true, characterData: true, attributes: true });
    look();
  });
  await e2e.typeAndSend(page, 'Erster Satz hier. Zweiter Satz hier. Dritter Satz hier.');
  await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 20_000 });
  const speakingSince = Date.now();
  // done: every sentence is synthesised, the last ones still play
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 30_000 });
  const elapsedMs = Date.now() - speakingSince;
  const playedMs = Number(await page.getAttribute('#playback', 'data-played-ms'));
  const seen = await page.evaluate(() => window.stageSeen.slice());
  await page.click('#stop-playback');
  await page.waitForSelector('#playback', { state: 'hidden' });

  assert.ok(playedMs > 1000, `his voice played (${playedMs} ms)`);
  assert.ok(elapsedMs - playedMs > 1000,
    `there were pauses between the sentences (${elapsedMs} ms speaking, ${playedMs} ms of it sound)`);
  const first = seen.findIndex(([state]) => state === 'speaking');
  assert.ok(first >= 0, JSON.stringify(seen));
  for (const [state, mood, playbackHidden] of seen.slice(first)) {
    assert.equal(state, 'speaking', JSON.stringify(seen));
    assert.equal(mood, 'Ich erzähle dir was!', JSON.stringify(seen));
    assert.equal(playbackHidden, false, `pause and stop stay in reach: ${JSON.stringify(seen)}`);
  }
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
