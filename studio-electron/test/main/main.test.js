'use strict';

/*
 * main.js under plain Node: Electron's API is a recording stand-in (support/fake-electron.js),
 * the voice server is the real one. Proves the wiring: secure window, CSP header, IPC sender
 * checks, start on ready, a dialog when the sidecar cannot start, and a quit that waits for the
 * sidecar to be gone.
 */
const assert = require('node:assert/strict');
const { randomBytes } = require('node:crypto');
const { once } = require('node:events');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { after, before, describe, test } = require('node:test');

const { buildCsp } = require('../../src/main/csp');
const { IPC_CHANNELS } = require('../../src/main/ipc-channels');
const { findFreePort } = require('../../src/main/ports');
const { getStatus } = require('../../src/main/readiness');
const { windowOptions } = require('../../src/main/window-options');
const { createFakeElectron, loadMain } = require('../support/fake-electron');
const { SERVER_JAR, isAlive, processGone, realLauncher } = require('../support/sidecar-fixtures');

const SRC = path.join(__dirname, '..', '..', 'src');
const PAGE_URL = 'crafty://app/index.html';
const TRUSTED = { senderFrame: { url: PAGE_URL, parent: null } };

/** Starts main.js with the fake Electron on `port`; resolves once the window got `state`. */
async function startApp(cleanUp, port, state) {
  await realLauncher();
  Object.assign(process.env, { SERVER_PORT: String(port), CRAFTY_SERVER_JAR: SERVER_JAR });
  delete process.env.CRAFTY_LANGUAGE;
  const logsPath = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'crafty-main-test-'));
  cleanUp(() => fs.rmSync(logsPath, { recursive: true, force: true }));
  const fake = createFakeElectron({ logsPath });
  loadMain(fake.electron);
  fake.electron.app.ready();
  await new Promise((resolve) => {
    const check = () => {
      const [window] = fake.record.windows;
      if (window) {
        window.webContents.on('test:sent', (_channel, payload) => payload.state === state && resolve());
      } else {
        setImmediate(check);
      }
    };
    check();
  });
  return fake;
}

/** Process id of the sidecar started with this token (its environment says so). */
function sidecarPid(token) {
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`CRAFTY_TOKEN=${token}`)) {
        return Number(entry);
      }
    } catch {
      // a process that ended meanwhile, or not ours
    }
  }
  return undefined;
}

async function quit(app) {
  const quitted = once(app, 'test:quitted');
  app.quit();
  await quitted;
}

describe('the app with a sidecar that starts', () => {
  let fake;
  let connection;
  let pid;
  const cleanUps = [];

  before(async () => {
    fake = await startApp((fn) => cleanUps.push(fn), await findFreePort('127.0.0.1'), 'ready');
    connection = await fake.record.handlers.get(IPC_CHANNELS.getConnection)(TRUSTED);
    pid = sidecarPid(connection.token);
  });
  after(() => {
    if (pid && isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
    }
    cleanUps.forEach((fn) => fn());
  });

  test('opens one secure window on the renderer page', () => {
    const [window] = fake.record.windows;
    assert.equal(fake.record.windows.length, 1);
    assert.deepEqual(window.options, windowOptions({ preloadPath: path.join(SRC, 'preload', 'preload.js') }));
    assert.equal(window.loadedUrl, PAGE_URL);
  });

  test('serves the window from crafty://app/, registered as a secure scheme before ready, with the CSP', async () => {
    assert.deepEqual(fake.record.privilegedSchemes, [{ scheme: 'crafty',
      privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    assert.equal(fake.record.schemesBeforeReady, true);
    const handler = fake.record.protocolHandlers.get('crafty');
    const page = await handler({ url: PAGE_URL, method: 'GET' });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), buildCsp({ port: connection.port }));
    assert.equal(await page.text(), fs.readFileSync(path.join(SRC, 'renderer', 'index.html'), 'utf8'));
    const wasm = await handler({ url: 'crafty://app/vendor/ort/ort-wasm-simd-threaded.wasm', method: 'GET' });
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.equal((await handler({ url: 'crafty://app/../main/main.js', method: 'GET' })).status, 404);
  });

  test('switches on Chromium\'s wide echo cancellation, so the microphone does not hear Crafty\'s own voice', () => {
    assert.deepEqual(fake.record.switches, [['enable-features', 'ChromeWideEchoCancellation']]);
  });

  test('reads the sidecar status for the page, so a file:// page needs no cross-origin request', async () => {
    const status = await fake.record.handlers.get(IPC_CHANNELS.getStatus)(TRUSTED);
    assert.equal(status.status, 'ok');
    assert.equal(typeof status.services, 'object');
  });

  test('saves the diagnostics where the parent chooses, and nothing when the dialog is cancelled', async (t) => {
    const save = fake.record.handlers.get(IPC_CHANNELS.saveDiagnostics);
    fake.record.saveDialogAnswer = { canceled: true };
    assert.deepEqual(await save(TRUSTED), { saved: false });
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'crafty-diagnose-test-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fake.record.saveDialogAnswer = { canceled: false, filePath: path.join(dir, 'bundle.json') };
    assert.deepEqual(await save(TRUSTED), { saved: true, fileName: 'bundle.json' });
    const [asked] = fake.record.saveDialogs;
    assert.match(path.basename(asked.defaultPath), /^crafty-diagnose-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const bundle = JSON.parse(fs.readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    assert.equal(bundle.status.status, 'ok');
    assert.equal(bundle.configuration['crafty.token'], '***');
    assert.throws(() => save({ senderFrame: { url: 'https://example.org/', parent: null } }), /only for the Crafty window/);
  });

  test('gives the trusted page the connection and a token the sidecar accepts', async () => {
    assert.equal(connection.language, 'en');
    assert.equal(connection.wsUrl, `ws://127.0.0.1:${connection.port}`);
    assert.equal(String(connection.port), process.env.SERVER_PORT);
    assert.equal((await getStatus(connection.url, connection.token, 2000)).statusCode, 200);
    const state = await fake.record.handlers.get(IPC_CHANNELS.getSidecarState)(TRUSTED);
    assert.equal(state.state, 'ready');
    assert.equal(state.token, undefined);
  });

  test('the connection opens the chat socket the way the page does, from crafty://app', async () => {
    const response = await new Promise((resolve, reject) => {
      const request = http.request(`${connection.url}/chat`, { headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', Origin: 'crafty://app', 'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': `crafty.v1, token.${connection.token}`,
      } });
      request.on('upgrade', (upgraded, socket) => {
        socket.destroy();
        resolve(upgraded);
      });
      request.on('response', resolve);
      request.on('error', reject);
      request.end();
    });
    assert.equal(response.statusCode, 101);
    assert.equal(response.headers['sec-websocket-protocol'], 'crafty.v1');
  });

  test('refuses IPC from an iframe or another page', () => {
    const handler = fake.record.handlers.get(IPC_CHANNELS.getConnection);
    assert.throws(() => handler({ senderFrame: { url: PAGE_URL, parent: TRUSTED.senderFrame } }), /only for the Crafty window/);
    assert.throws(() => handler({ senderFrame: { url: 'https://example.org/', parent: null } }), /only for the Crafty window/);
    assert.throws(() => handler({ senderFrame: null }), /only for the Crafty window/);
  });

  test("sends a CSP header that lets the page reach only its own origin and the sidecar's", () => {
    let headers;
    fake.record.onHeadersReceived({ url: PAGE_URL, responseHeaders: { 'Content-Type': ['text/html'] } },
      (response) => { headers = response.responseHeaders; });
    assert.deepEqual(headers['Content-Type'], ['text/html']);
    assert.match(headers['Content-Security-Policy'][0],
      new RegExp(`^default-src 'none';.*connect-src 'self' ws://127\\.0\\.0\\.1:${connection.port} http://127\\.0\\.0\\.1:${connection.port};`));
  });

  test('grants the microphone and nothing else', async () => {
    const ask = (permission, mediaTypes) => new Promise((resolve) => fake.record.permissionRequest(
      null, permission, resolve, { requestingUrl: PAGE_URL, mediaTypes }));
    assert.equal(await ask('media', ['audio']), true);
    assert.equal(await ask('media', ['video']), false);
    assert.equal(await ask('notifications'), false);
  });

  test('denies new windows, navigation and webviews in every web contents', () => {
    const contents = { handlers: {}, setWindowOpenHandler(handler) { this.openHandler = handler; }, on(name, fn) { this.handlers[name] = fn; } };
    fake.electron.app.emit('web-contents-created', {}, contents);
    assert.deepEqual(contents.openHandler({ url: 'https://example.org/' }), { action: 'deny' });
    for (const name of ['will-navigate', 'will-attach-webview']) {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.handlers[name](event);
      assert.equal(event.prevented, true, name);
    }
  });

  test('holds the quit until the sidecar is gone, then quits', async () => {
    assert.ok(pid && isAlive(pid), 'the sidecar runs');
    await quit(fake.electron.app);
    assert.equal(isAlive(pid), false);
    assert.equal(fake.electron.app.quitted, true);
    assert.equal(fake.record.quitRequests, 2);
    assert.deepEqual(fake.record.dialogs, []);
  });
});

describe('the app with a sidecar that cannot start', () => {
  test('explains a taken port in a dialog and tries again when asked', async (t) => {
    const holder = net.createServer();
    await new Promise((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const fake = await startApp((fn) => t.after(fn), holder.address().port, 'port-in-use');
    assert.equal(fake.record.dialogs.length, 1);
    const [shown] = fake.record.dialogs;
    assert.equal(shown.title, 'Crafty is already busy');
    assert.match(shown.detail, /already in use by another program/);
    assert.deepEqual(shown.buttons, ['Try again', 'Close']);
    await new Promise((resolve) => holder.close(resolve));
    const [window] = fake.record.windows;
    const ready = new Promise((resolve) => window.webContents.on('test:sent', (_c, payload) => payload.state === 'ready' && resolve()));
    fake.record.dialogAnswers[0](0);
    await ready;
    const { token } = await fake.record.handlers.get(IPC_CHANNELS.getConnection)(TRUSTED);
    const pid = sidecarPid(token);
    t.after(() => pid && isAlive(pid) && process.kill(pid, 'SIGKILL'));
    await quit(fake.electron.app);
    await processGone(pid, 1000);
  });
});
