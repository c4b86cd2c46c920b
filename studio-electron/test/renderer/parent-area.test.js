'use strict';

/*
 * "Für Eltern" in Chromium against the real voice server and a real history file: the child
 * sees that parents can read the chats and hides one; the parent sets a PIN, reads every chat
 * (the hidden one too), lowers the daily limit below what the child has talked today, and the
 * child's next message is refused with the friendly text naming when Crafty talks again; in the
 * app (file://) the same area opens with the same PIN.
 */
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');
const { findJava } = require('../../src/main/java-runtime');

const SECRET = 'Geheimes Baumhaus bauen';
const token = e2e.newToken();

let dir;
let fake;
let sidecar;
let browser;

/** Books talk time for today in the history file, as an hour of talking would (SeedUsage in the test classes). */
async function seedUsage(db, minutes) {
  const child = spawn((await findJava()).java, ['-cp', e2e.TEST_CLASS_PATH, 'com.kidmodstudio.crafty.testing.SeedUsage', db, String(minutes)]);
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk) => output.push(chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, output.join(''));
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-parent-'));
  fake = await e2e.startFakeOllama(['--echo', '--first-token-ms', '20', '--token-ms', '4', '--tokens', '6']);
  sidecar = await e2e.startSidecar({ token, ollamaUrl: fake.url,
    env: { STORE_PATH: path.join(dir, 'crafty.db'), CRAFTY_ORIGINS: 'file://,null' } });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function lastReplyDone(page) {
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]:not([data-streaming="true"])', { timeout: 15_000 });
}

test('set a PIN, read the chat the child hid, lower the daily limit and see the next turn refused', async () => {
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  assert.equal(await page.textContent('#parent-note'), 'Deine Eltern können deine Chats lesen.');

  // The child chats, then "deletes" the chat in the drawer: it is only hidden.
  await page.waitForSelector('.message-crafty[data-state="done"]');
  await e2e.typeAndSend(page, SECRET);
  await lastReplyDone(page);
  await page.click('#sessions-toggle');
  await page.waitForFunction(() => document.querySelectorAll('#session-list .session').length === 1);
  await page.click('#session-list .session:first-child .session-delete');
  assert.match(await page.textContent('.session-question'), /Deine Eltern können es weiter lesen/);
  await page.click('.session-confirm .danger');
  await page.waitForFunction((secret) => [...document.querySelectorAll('#session-list .session-title')]
    .every((title) => title.textContent !== secret), SECRET);

  // The parent opens "Für Eltern" and sets a PIN; no token is ever shown or asked for.
  await page.click('#parent-open');
  await page.waitForSelector('#parent-area[data-screen="new-pin"]');
  await page.fill('#parent-pin', '2468');
  await page.fill('#parent-pin-repeat', '2469');
  await page.click('#parent-pin-submit');
  assert.equal(await page.textContent('#parent-problem'), 'Die beiden PINs sind nicht gleich.');
  await page.fill('#parent-pin-repeat', '2468');
  await page.click('#parent-pin-submit');
  await page.waitForSelector('#parent-area[data-screen="open"] .parent-session');
  assert.equal(await page.evaluate((t) => document.getElementById('parent-area').textContent.includes(t), token), false);

  // Every chat, the hidden one too, and it can be read in full.
  const hidden = page.locator('.parent-session[data-hidden="true"]');
  assert.equal(await hidden.count(), 1);
  assert.equal(await hidden.locator('.parent-session-title').textContent(), SECRET);
  assert.match(await hidden.locator('.parent-session-meta').textContent(), /vom Kind ausgeblendet/);
  await hidden.locator('button', { hasText: 'Lesen' }).click();
  await page.waitForSelector('#parent-reading .parent-message-user');
  assert.equal(await page.textContent('#parent-reading .parent-message-user .parent-message-text'), SECRET);
  assert.match(await page.textContent('#parent-usage'), /Heute geredet: \d+ Min\. · kein Tageslimit/);
  assert.equal(await page.inputValue('#parent-setting-breakAfterMinutes'), '45');
  await e2e.screenshot(page, 'parent-area');

  // The child has talked an hour today; the parent sets the daily limit to 30 minutes.
  await seedUsage(path.join(dir, 'crafty.db'), 60);
  await page.fill('#parent-setting-dailyLimitMinutes', '30');
  await page.click('#parent-settings-save');
  await page.waitForFunction(() => document.getElementById('parent-problem')?.textContent === 'Gespeichert.');
  await page.waitForFunction(() => /Heute geredet: 6\d Min\. · von 30 Min\./.test(document.getElementById('parent-usage').textContent));
  await page.click('#parent-close');
  assert.equal(await page.isVisible('#parent-area'), false);

  // The child's next message is refused by the sidecar, with the time Crafty talks again.
  await e2e.typeAndSend(page, 'Noch eine Frage');
  await page.waitForSelector('.message-error');
  const refused = await page.textContent('.message-error:last-child .message-text');
  assert.match(refused, /Für heute haben wir genug geredet/);
  assert.match(refused, /Morgen ab 00:00 Uhr bin ich wieder für dich da!/);
  await e2e.screenshot(page, 'parent-limit-refused');

  // A reload does not get round it.
  await page.reload();
  await page.waitForSelector('.app[data-connection="open"]', { timeout: 15_000 });
  await e2e.typeAndSend(page, 'Und jetzt?');
  await page.waitForSelector('.message-error');
  assert.match(await page.textContent('.message-error:last-child .message-text'), /genug geredet/);

  // The PIN is asked for again next time; a wrong one says how many tries are left.
  await page.click('#parent-open');
  await page.waitForSelector('#parent-area[data-screen="pin"]');
  await page.fill('#parent-pin', '1111');
  await page.click('#parent-pin-submit');
  await page.waitForFunction(() => /Noch 4 Versuche/.test(document.getElementById('parent-problem')?.textContent || ''));
  assert.deepEqual(problems, { errors: [], dialogs: [], console: [] });
});

test('in the app (file://, the preload\'s connection) the same area opens with the same PIN', async () => {
  const { page, problems } = await e2e.openAppPage(browser, sidecar, { getStatus: true });
  assert.equal(await page.textContent('#parent-note'), 'Deine Eltern können deine Chats lesen.');
  await page.click('#parent-open');
  await page.waitForSelector('#parent-area[data-screen="pin"]');
  await page.fill('#parent-pin', '2468');
  await page.press('#parent-pin', 'Enter');
  await page.waitForSelector('#parent-area[data-screen="open"] .parent-session[data-hidden="true"]');
  assert.match(await page.textContent('#parent-usage'), /von 30 Min\./);
  await page.click('#parent-close');
  assert.deepEqual(problems, { errors: [], dialogs: [], console: [] });
});
