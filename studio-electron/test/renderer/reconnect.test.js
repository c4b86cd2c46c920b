'use strict';

/*
 * The connection in Chromium: the voice server is killed while the panel is open and started
 * again on the same port; the panel shows it is reconnecting, keeps what the child types in the
 * outbox, reconnects by itself with the same session, and delivers the message.
 */
const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

let fake;
let sidecar;
let browser;

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '10']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
});

test('reconnects after the voice server restarts and delivers the message typed while offline', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await e2e.typeAndSend(page, 'Erste Frage');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]');

  const { port, token } = sidecar;
  await sidecar.kill();
  await page.waitForSelector('.app[data-connection="reconnecting"] #retry:not([hidden])', { timeout: 10_000 });
  assert.match(await page.textContent('#connection-text'), /neuer Versuch in \d+ s/);
  await e2e.typeAndSend(page, 'Bist du wieder da?');
  const waiting = page.locator('.message-child').last();
  assert.equal(await waiting.getAttribute('data-state'), 'queued');
  assert.equal(await waiting.locator('.message-badge').textContent(), 'wartet auf Verbindung');
  assert.ok(await waiting.locator('.message-badge').isVisible());
  assert.equal(await page.getAttribute('#app', 'data-mood'), 'offline');
  await e2e.screenshot(page, 'reconnecting');

  sidecar = await e2e.startSidecar({ port, token, ollamaUrl: fake.url });
  await page.waitForSelector('.app[data-connection="open"]', { timeout: 20_000 });
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });

  assert.match(await page.locator('.message-crafty:last-child .message-text').textContent(), /^Bist du wieder da\? Hallo!/);
  assert.equal(await waiting.getAttribute('data-state'), 'sent');
  const resumed = sockets.filter((url) => url.includes('/chat?sessionId='));
  assert.ok(resumed.length >= 1, `reconnects carry the session: ${sockets}`);
  assert.ok(resumed.every((url) => url === resumed[0]), 'always the same session');
  const notices = await page.locator('.message-notice .message-text').allTextContents();
  assert.deepEqual(notices, ['Die Verbindung ist weg. Was du schreibst, wartet, bis Crafty wieder da ist.', 'Crafty ist wieder da!']);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.dialogs, []);
});
