'use strict';

/*
 * The chat panel in Chromium against the real voice server (browser mode) and the fake Ollama
 * process: streamed answers, HTML shown as text, the engine indicators, the origin check, the
 * page opened from file:// with the app's preload API, and what happens when the model server
 * goes away. Tests run in order and share one server; the last one stops the fake Ollama.
 */
const assert = require('node:assert/strict');
const http = require('node:http');
const { after, before, test } = require('node:test');

const { readStatus } = require('../../src/renderer/lib/engine-status');
const e2e = require('./support/e2e');

let fake;
let sidecar;
let browser;

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--first-token-ms', '700', '--token-ms', '30']);
  // The app's window is crafty://app (allowed by default); the file:// test below stands in for a
  // page without its own origin, from which Chromium sends "null": both are allowed here.
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: { CRAFTY_ORIGINS: 'file://,null' } });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
});

/** Records the length of Crafty's newest reply on every change, with whether it was streaming. */
function recordReplyGrowth(page) {
  return page.evaluate(() => {
    window.replyGrowth = [];
    const list = document.getElementById('messages');
    new MutationObserver(() => {
      const replies = list.querySelectorAll('.message-crafty');
      const reply = replies[replies.length - 1];
      if (reply) {
        window.replyGrowth.push({ length: reply.querySelector('.message-text').textContent.length,
          streaming: reply.dataset.streaming === 'true' });
      }
    }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function lastReplyDone(page) {
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });
  return page.locator('.message-crafty:last-child .message-text').textContent();
}

test("shows Crafty's answer growing piece by piece before it is done", async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('.engine[data-role="llm"][data-state="ready"]');
  await page.waitForSelector('.message-crafty[data-state="done"]');
  await recordReplyGrowth(page);

  await e2e.typeAndSend(page, 'Wie baue ich ein Haus?');
  await page.waitForSelector('.message-crafty[data-state="waiting"]');
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'thinking');
  await e2e.screenshot(page, 'thinking');
  await page.waitForFunction(() => window.replyGrowth.filter((r) => r.streaming && r.length > 0).length >= 3);
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'streaming');
  await e2e.screenshot(page, 'streaming');
  const text = await lastReplyDone(page);

  assert.match(text, /^Wie baue ich ein Haus\? Hallo! Ich bin Crafty/);
  const growth = await page.evaluate(() => window.replyGrowth);
  const streamed = [...new Set(growth.filter((r) => r.streaming && r.length > 0).map((r) => r.length))];
  assert.ok(streamed.length >= 10, `the reply grew in ${streamed.length} steps`);
  assert.deepEqual(streamed, [...streamed].sort((a, b) => a - b), 'it only grows');
  assert.ok(Math.max(...streamed) <= text.length);
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'idle');
  assert.match(await page.textContent('#connection-text'), /^Verbunden · \d+ ms$/);
  assert.deepEqual(problems, { errors: [], dialogs: [], console: [] });
  await page.context().close();
});

test('shows a message with HTML in it as plain text: no element, no script, no dialog', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  const attack = '<img src=x onerror=alert(1)><b>fett</b>';
  await e2e.typeAndSend(page, attack);
  const reply = await lastReplyDone(page);

  assert.equal(await page.locator('.message-child .message-text').last().textContent(), attack);
  assert.ok(reply.startsWith(attack), 'Crafty echoes it, also as text');
  assert.equal(await page.locator('#messages img, #messages b').count(), 0);
  assert.deepEqual(problems.dialogs, []);
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('the engine indicators and the voice button follow what /status reports', async () => {
  const response = await fetch(`${sidecar.url}/status`, { headers: { Authorization: `Bearer ${sidecar.token}` } });
  const expected = readStatus(await response.json());
  const { page } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('.engine[data-role="llm"][data-state="ready"]');
  const shown = await page.$$eval('.engine', (nodes) => nodes.map((n) => [n.dataset.role, n.dataset.state]));
  assert.deepEqual(shown, expected.engines.map((engine) => [engine.role, engine.state]));
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), expected.canListen ? 'idle' : 'disabled');
  assert.equal(await page.isVisible('#speak-toggle'), expected.canSpeak);
  assert.equal(await page.isVisible('#engine-help'), expected.missing.length > 0);
  await page.context().close();
});

test('a page from another origin cannot open the chat socket, even knowing the token', async (t) => {
  const script = `
    const socket = new WebSocket('ws://127.0.0.1:${sidecar.port}/chat', ['crafty.v1', 'token.${sidecar.token}']);
    socket.onopen = () => { document.title = 'opened'; };
    socket.onclose = (event) => { if (document.title !== 'opened') document.title = 'refused ' + event.code; };
  `;
  const foreign = http.createServer((request, response) => {
    if (request.url === '/steal.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>waiting</title><script src="/steal.js"></script>');
    }
  });
  await new Promise((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => foreign.close(resolve)));

  const { page, context } = await e2e.newPage(browser);
  await page.goto(`http://127.0.0.1:${foreign.address().port}/`);
  await page.waitForFunction(() => document.title !== 'waiting');
  assert.equal(await page.title(), 'refused 1006');
  await context.close();
});

test('works from file:// with the preload API, as in the app: classic scripts, CSP, token from getConnection', async () => {
  const { page, context, problems } = await e2e.openAppPage(browser, sidecar);
  await e2e.typeAndSend(page, 'Hallo aus der App');
  assert.match(await lastReplyDone(page), /^Hallo aus der App\. Hallo!/);
  assert.deepEqual(problems.errors, []);
  await context.close();
});

test('when the model server stops: its indicator turns red, help appears, the chat explains', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  await fake.stop();
  await page.waitForSelector('.engine[data-role="llm"][data-state="missing"]', { timeout: 15_000 });
  await page.waitForSelector('#engine-help:not([hidden])');
  await page.click('#engine-help summary');
  assert.match(await page.textContent('#engine-help'), /ollama pull llama3\.2:latest/);

  await e2e.typeAndSend(page, 'Bist du da?');
  await page.waitForSelector('.message-error[data-code="llm_unreachable"]', { timeout: 15_000 });
  assert.match(await page.textContent('.message-error .message-text'), /Ollama/);
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'error');
  assert.equal(await page.locator('.message-crafty[data-state="waiting"]').count(), 0, 'no reply bubble is left waiting');
  await e2e.screenshot(page, 'error');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});

test('with no speech engines the voice button is off and says why; the help names every missing engine', async (t) => {
  const deaf = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url,
    env: { STT_ENGINE: 'whisper', TTS_ENGINE: 'piper' } });
  t.after(() => deaf.stop());
  const { page, problems } = await e2e.openPanel(browser, deaf);
  await page.waitForSelector('.engine[data-role="stt"][data-state="missing"]');
  await page.waitForSelector('.engine[data-role="llm"][data-state="missing"]');
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'disabled');
  assert.equal(await page.getAttribute('#voice-button', 'aria-disabled'), 'true');
  assert.equal(await page.textContent('#voice-hint'), 'Die Spracherkennung fehlt gerade. Schreib Crafty einfach unten!');
  assert.equal(await page.isVisible('#speak-toggle'), false);
  await page.click('#engine-help summary');
  assert.deepEqual(await page.$$eval('.engine-help-item', (items) => items.map((item) => item.dataset.role)), ['llm', 'stt', 'tts']);
  await page.click('#voice-button', { force: true });
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'disabled', 'pressing does nothing');
  await e2e.screenshot(page, 'engines-missing');
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
