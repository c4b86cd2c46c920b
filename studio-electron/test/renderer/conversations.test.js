'use strict';

/*
 * "Your chats" in Chromium against the real voice server, its conversations saved in a
 * temporary SQLite file (STORE_PATH) so they outlive a restart of the server: chat, start a new
 * conversation, get the first one back after the restart, rename and delete in the drawer, and
 * page through a long conversation with "load older messages".
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

const FIRST = 'Wie baue ich eine Zugbrücke?';
const SECOND = 'Was fressen Pandas?';

let dir;
let fake;
let sidecar;
let browser;

function startSidecar(port) {
  return e2e.startSidecar({ port, token, ollamaUrl: fake.url, env: { STORE_PATH: path.join(dir, 'crafty.db') } });
}

const token = e2e.newToken();

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-chats-'));
  fake = await e2e.startFakeOllama(['--echo', '--first-token-ms', '20', '--token-ms', '4', '--tokens', '6']);
  sidecar = await startSidecar();
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function lastReplyDone(page) {
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]:not([data-streaming="true"])', { timeout: 15_000 });
}

function shownTexts(page) {
  return page.$$eval('#messages .message', (items) => items.map((item) => [item.dataset.role,
    item.querySelector('.message-text').textContent]));
}

function listed(page) {
  return page.$$eval('#session-list .session', (items) => items.map((item) => ({
    title: item.querySelector('.session-title')?.textContent,
    meta: item.querySelector('.session-meta')?.textContent,
    current: item.dataset.current === 'true',
  })));
}

async function openDrawer(page) {
  if (await page.getAttribute('#sessions-toggle', 'aria-expanded') !== 'true') {
    await page.click('#sessions-toggle');
  }
  await page.waitForSelector('#sessions:not([hidden])');
}

test('chat, start a new conversation, and after a server restart switch back to the first one', async () => {
  const { page, context, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('.message-crafty[data-state="done"]');
  await e2e.typeAndSend(page, FIRST);
  await lastReplyDone(page);

  await openDrawer(page);
  assert.equal(await page.getAttribute('#sessions-toggle', 'aria-expanded'), 'true');
  await page.waitForFunction(() => document.querySelectorAll('#session-list .session').length === 1);
  assert.deepEqual(await listed(page), [{ title: FIRST, meta: 'gerade eben2 Nachrichtenoffen', current: true }]);

  await page.click('#new-chat');
  await page.waitForFunction(() => document.querySelectorAll('#session-list .session').length === 2);
  assert.deepEqual(await shownTexts(page), [['crafty', 'Hi, ich bin Crafty, ein Computerprogramm und kein Mensch. Woran möchtest du heute bauen?']],
    'the new chat starts empty, with the welcome');
  assert.deepEqual((await listed(page)).map((s) => [s.title, s.current]), [['Gespräch ohne Namen', true], [FIRST, false]]);
  await e2e.typeAndSend(page, SECOND);
  await lastReplyDone(page);
  await page.waitForFunction((title) => document.querySelector('#session-list .session[data-current="true"] .session-title')
    ?.textContent === title, SECOND);

  // The server restarts (the app's supervisor would do this after a crash): the page reconnects
  // by itself into the chat it shows, and both chats are still there.
  const port = sidecar.port;
  await sidecar.kill();
  await page.waitForSelector('.app:not([data-connection="open"])');
  sidecar = await startSidecar(port);
  await page.waitForSelector('.app[data-connection="open"]', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll('#session-list .session').length === 2);
  assert.deepEqual((await listed(page)).map((s) => [s.title, s.current]), [[SECOND, true], [FIRST, false]],
    'the reconnect resumed the chat on screen');

  await page.click(`#session-list .session:nth-child(2) .session-open`);
  await page.waitForFunction((first) => document.querySelector('#messages .message-child .message-text')?.textContent === first, FIRST);
  const shown = await shownTexts(page);
  assert.equal(shown.length, 2);
  assert.deepEqual(shown[0], ['child', FIRST]);
  assert.match(shown[1][1], /^Wie baue ich eine Zugbrücke\? Hallo!/, "Crafty's saved answer is back");
  assert.deepEqual((await listed(page)).map((s) => s.current), [false, true]);
  assert.equal(await page.isVisible('#load-older'), false, 'a short chat has nothing older');

  // Asking in the chat shown goes into that conversation.
  await e2e.typeAndSend(page, 'Und mit Kolben?');
  await lastReplyDone(page);
  await page.waitForFunction((first) => {
    const top = document.querySelector('#session-list .session');
    return top.dataset.current === 'true' && top.querySelector('.session-title').textContent === first
      && top.querySelector('.session-count').textContent === '4 Nachrichten';
  }, FIRST);
  await page.focus('#session-list .session:nth-child(2) .session-open');
  await e2e.screenshot(page, 'conversations');

  // Rename in place.
  await page.click('#session-list .session:first-child [aria-label^="„Wie baue"][aria-label$="umbenennen"]');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'session-rename-input');
  await page.fill('.session-rename-input', 'Meine Zugbrücke');
  await page.press('.session-rename-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('#session-list .session:first-child .session-title')
    ?.textContent === 'Meine Zugbrücke');

  // Delete (which only hides: a parent still reads it) asks first, in the drawer; "no" keeps it, "yes" hides it.
  await page.click('#session-list .session:nth-child(2) .session-delete');
  await page.waitForSelector('.session-confirm');
  assert.match(await page.textContent('.session-question'), /„Was fressen Pandas\?“ aus deiner Liste nehmen\? Deine Eltern/);
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Ja, ausblenden/);
  await e2e.screenshot(page, 'conversations-delete');
  await page.click('.session-confirm button:not(.danger)');
  assert.equal(await page.locator('.session-confirm').count(), 0);
  assert.equal((await listed(page)).length, 2);
  await page.click('#session-list .session:nth-child(2) .session-delete');
  await page.click('.session-confirm .danger');
  await page.waitForFunction(() => document.querySelectorAll('#session-list .session').length === 1);
  assert.deepEqual((await listed(page)).map((s) => [s.title, s.current]), [['Meine Zugbrücke', true]]);

  // Deleting the chat on screen starts a new one.
  await page.click('#session-list .session .session-delete');
  await page.click('.session-confirm .danger');
  await page.waitForFunction(() => {
    const items = document.querySelectorAll('#session-list .session');
    return items.length === 1 && items[0].querySelector('.session-title').textContent === 'Gespräch ohne Namen';
  });
  assert.deepEqual(await shownTexts(page), [['crafty', 'Hi, ich bin Crafty, ein Computerprogramm und kein Mensch. Woran möchtest du heute bauen?']]);

  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#sessions'), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sessions-toggle', 'focus goes back to the toggle');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.dialogs, [], 'delete asks in the page, not in a window dialog');
  // Killing the server resets what was in flight (a status poll, say); while it is down,
  // connections are refused. Both are the browser's own lines; anything else is a problem.
  assert.deepEqual(problems.console.filter((line) => !/ERR_CONNECTION_(REFUSED|RESET)|ERR_EMPTY_RESPONSE/.test(line)), [],
    'nothing but the reset and refused connections while the server was down');
  await context.close();
});

test('a long conversation shows its last 50 messages and loads the older ones on request', async () => {
  const { page, context, problems } = await e2e.openPanel(browser, sidecar);
  // 26 questions and answers written through a socket of the page's own, as another window would.
  await page.evaluate(async ({ url, token: secret }) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/chat?sessionId=long-chat`, ['crafty.v1', `token.${secret}`]);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    for (let i = 1; i <= 26; i += 1) {
      const done = new Promise((resolve) => {
        socket.onmessage = (event) => {
          const message = JSON.parse(event.data);
          if (message.requestId === `x-${i}` && message.done) {
            resolve();
          }
        };
      });
      socket.send(JSON.stringify({ action: 'chat', payload: `Frage ${i}`, requestId: `x-${i}` }));
      await done;
    }
    socket.close();
  }, { url: sidecar.url, token: sidecar.token });

  await openDrawer(page);
  await page.waitForFunction(() => [...document.querySelectorAll('#session-list .session-title')]
    .some((title) => title.textContent === 'Frage 1'));
  await page.click('#session-list .session[data-session-id="long-chat"] .session-open');
  await page.waitForFunction(() => document.querySelectorAll('#messages .message').length === 50);
  assert.deepEqual((await shownTexts(page))[0], ['child', 'Frage 2'], 'the newest 50, oldest first');
  await page.click('#sessions-close');
  await page.waitForSelector('#load-older:not([hidden])');
  assert.equal(await page.textContent('#load-older'), 'Ältere Nachrichten laden');

  await page.click('#load-older');
  await page.waitForFunction(() => document.querySelectorAll('#messages .message').length === 52);
  const shown = await shownTexts(page);
  assert.deepEqual(shown.slice(0, 3).map(([role, text]) => [role, text.split('?')[0].split('.')[0]]),
    [['child', 'Frage 1'], ['crafty', 'Frage 1'], ['child', 'Frage 2']]);
  await page.waitForSelector('#load-older[hidden]', { state: 'attached' });
  assert.deepEqual(problems, { errors: [], dialogs: [], console: [] });
  await context.close();
});

test('a question answered by voice appears in the open list of chats at once', async () => {
  const { page, context, problems } = await e2e.openPanel(browser, sidecar);
  await page.waitForSelector('.message-crafty[data-state="done"]');
  await page.waitForSelector('#speak-toggle:not([hidden])');
  await page.check('#speak-replies');
  await openDrawer(page);
  const question = 'Wie zähme ich einen Wolf?';

  await e2e.typeAndSend(page, question);
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });

  await page.waitForFunction((title) => {
    const top = document.querySelector('#session-list .session');
    return top?.dataset.current === 'true' && top.querySelector('.session-title').textContent === title
      && top.querySelector('.session-count').textContent === '2 Nachrichten';
  }, question, { timeout: 5000 });
  assert.deepEqual(problems, { errors: [], dialogs: [], console: [] });
  await context.close();
});
