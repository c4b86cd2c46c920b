'use strict';

/*
 * The real pieces the renderer tests run against: the voice-server jar in browser mode
 * (UI_DIR = src/renderer), the fake Ollama as its own process, and Debian's Chromium driven by
 * playwright-core. Every start has a stop that waits for the process to be gone; the sidecar
 * and the fake also exit by themselves when the test process dies (their stdin closes).
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { pathToFileURL } = require('node:url');

const { chromium } = require('playwright-core');

const { findJava } = require('../../../src/main/java-runtime');
const { findFreePort } = require('../../../src/main/ports');
const { waitUntilReady } = require('../../../src/main/readiness');

const APP_ROOT = path.resolve(__dirname, '..', '..', '..');
const UI_DIR = path.join(APP_ROOT, 'src', 'renderer');
const ARTIFACTS = path.join(APP_ROOT, 'test-artifacts');
const SERVER_JAR = path.resolve(process.env.CRAFTY_SERVER_JAR
  ?? path.join(APP_ROOT, '..', 'voice-server', 'target', 'voice-server.jar'));
const SERVER_TARGET = path.dirname(SERVER_JAR);
/**
 * The class path of the voice server's test fakes and tools started as processes (FakeOllama,
 * SeedUsage): its test classes, the sidecar's jar and libraries, and the test-only libraries
 * Maven copies to target/test-libs.
 */
const TEST_CLASS_PATH = [path.join(SERVER_TARGET, 'test-classes'), SERVER_JAR, path.join(SERVER_TARGET, 'libs', '*'),
  path.join(SERVER_TARGET, 'test-libs', '*')].join(path.delimiter);
const CHROMIUM = process.env.CRAFTY_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

function newToken() {
  return crypto.randomBytes(24).toString('hex');
}

async function java() {
  return (await findJava()).java;
}

/** Resolves when the child has exited; kills it after `graceMs`. */
function ended(child, graceMs = 4000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts the fake Ollama process (voice-server's test classes) and waits for `LISTENING <port>`.
 *
 * @param {string[]} flags e.g. ['--echo', '--token-ms', '25']
 */
async function startFakeOllama(flags = []) {
  const child = spawn(await java(), ['-cp', TEST_CLASS_PATH, 'com.kidmodstudio.crafty.fakes.FakeOllama', '--port', '0', ...flags],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake Ollama did not start: ${stderr.join('')}`)), 20_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^LISTENING (\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fake Ollama exited with ${code}: ${stderr.join('')}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.stdin.end();
      await ended(child);
    },
  };
}

/**
 * Starts the voice server in browser mode and waits until /status answers.
 *
 * @param {object} options
 * @param {number} [options.port] a fixed port (to restart on the same one); a free one otherwise
 * @param {string} options.token
 * @param {string} options.ollamaUrl
 * @param {Record<string, string>} [options.env] more configuration; conversations are kept in
 *   memory unless it names a STORE_PATH (never the user's own history file)
 */
async function startSidecar({ port, token, ollamaUrl, env = {} }) {
  if (!fs.existsSync(SERVER_JAR)) {
    throw new Error(`${SERVER_JAR} is missing: build it with 'mvn -DskipTests package' (or set CRAFTY_SERVER_JAR)`);
  }
  const chosen = port ?? await findFreePort('127.0.0.1');
  const child = spawn(await java(), ['-jar', SERVER_JAR], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SERVER_HOST: '127.0.0.1',
      SERVER_PORT: String(chosen),
      CRAFTY_TOKEN: token,
      CRAFTY_LANGUAGE: 'de',
      OLLAMA_URL: ollamaUrl,
      UI_DIR,
      SIDECAR_STDIN: 'true',
      STORE_PATH: ':memory:',
      // models a test installs go to a directory of its own, never the user's
      MODELS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-models-')),
      ...env,
    },
  });
  const log = [];
  const collect = (chunk) => log.push(chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${chosen}`;
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  try {
    // Generous: on a shared, busy machine the JVM alone may take half a minute to answer.
    await waitUntilReady({ url, token, timeoutMs: 90_000, signal: exited.signal });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the voice server did not start: ${error.message}\n${log.join('').slice(-3000)}`);
  }
  return {
    port: chosen,
    url,
    token,
    log,
    /** Ends it the way the app does (its stdin closes) and waits until it is gone. */
    async stop() {
      child.stdin.end();
      await ended(child);
    },
    /** Kills it at once, like a crash. */
    async kill() {
      child.kill('SIGKILL');
      await ended(child);
    },
  };
}

/**
 * Debian's Chromium. `microphone`: a WAV file the fake microphone plays in a loop (access
 * granted), or 'ask' for a fake microphone whose permission prompt is not answered with yes.
 */
async function launchChromium({ microphone } = {}) {
  const args = [...CHROMIUM_ARGS];
  if (microphone === 'ask') {
    args.push('--use-fake-device-for-media-stream');
  } else if (microphone) {
    args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphone}`, '--autoplay-policy=no-user-gesture-required');
  }
  return chromium.launch({ executablePath: CHROMIUM, args, headless: true });
}

/**
 * Opens a page and records what must never happen in it: script errors, dialogs, CSP
 * violations (reported on the console).
 */
async function newPage(browser, { viewport = { width: 1180, height: 760 }, permissions, firstStart = false } = {}) {
  const context = await browser.newContext({ viewport, permissions });
  const page = await context.newPage();
  if (!firstStart) {
    // the "Crafty einrichten" card opens by itself only on a first start; other tests are past it
    await page.addInitScript(() => window.localStorage.setItem('crafty.setupSeen', '1'));
  }
  const problems = { errors: [], dialogs: [], console: [] };
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.console.push(message.text());
    }
  });
  return { context, page, problems };
}

/** Opens the panel from the sidecar in browser mode and waits until the chat is connected. */
async function openPanel(browser, sidecar, options) {
  const opened = await newPage(browser, options);
  await opened.page.goto(`${sidecar.url}/#token=${sidecar.token}`);
  await opened.page.waitForSelector('.app[data-connection="open"]', { timeout: 15_000 });
  return opened;
}

/**
 * Opens the panel as the app does, with a stand-in for the preload's window.crafty (the same
 * four functions) that points at the test's voice server — but from file://, since Chromium
 * alone cannot serve the app's crafty://app scheme (app-protocol.js, tested in Node). Chromium
 * sends "Origin: null" from a file:// page, so the server must allow it
 * (CRAFTY_ORIGINS=file://,null). Hands-free is not offered there.
 * With `getStatus`, the stand-in also offers getStatus(), answered from Node with the bearer
 * token as a main process would: a file:// page cannot read /status itself (CORS).
 */
async function openAppPage(browser, sidecar, { getStatus = false, ...options } = {}) {
  const opened = await newPage(browser, options);
  if (getStatus) {
    await opened.page.exposeFunction('craftyMainGetStatus', async () => {
      const response = await fetch(`${sidecar.url}/status`, { headers: { Authorization: `Bearer ${sidecar.token}` } });
      return response.json();
    });
  }
  const connection = { url: sidecar.url, wsUrl: sidecar.url.replace(/^http/, 'ws'), port: sidecar.port, token: sidecar.token,
    language: 'de' };
  await opened.page.addInitScript((given) => {
    window.crafty = {
      getConnection: async () => given,
      getSidecarState: async () => ({ state: 'ready', url: given.url, port: given.port }),
      onSidecarState: () => () => {},
      retrySidecar: async () => ({ state: 'ready', url: given.url, port: given.port }),
    };
    if (typeof window.craftyMainGetStatus === 'function') {
      window.crafty.getStatus = () => window.craftyMainGetStatus();
    }
  }, connection);
  await opened.page.goto(pathToFileURL(path.join(UI_DIR, 'index.html')).href);
  await opened.page.waitForSelector('.app[data-connection="open"]', { timeout: 15_000 });
  return opened;
}

/**
 * Writes the voice server's tiny but real speech models (a whisper.cpp ggml recogniser that
 * hears "Hallo", a Piper voice that buzzes; testing.TinyModels in the voice server's test jar)
 * into `dir` and resolves with their file names.
 */
async function tinyModels(dir) {
  const classPath = [path.join(SERVER_TARGET, 'voice-server-tests.jar'), SERVER_JAR].join(path.delimiter);
  const child = spawn(await java(), ['-cp', classPath, 'com.kidmodstudio.crafty.testing.TinyModels', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  child.stdout.on('data', (chunk) => out.push(chunk.toString()));
  child.stderr.on('data', (chunk) => out.push(chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    throw new Error(`TinyModels failed (${code}): ${out.join('')}`);
  }
  return out.join('').split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Saves a screenshot to test-artifacts/<name>.png (gitignored). */
async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Sends `text` through the composer as a child would: type, then Enter. */
async function typeAndSend(page, text) {
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
}

module.exports = {
  APP_ROOT, UI_DIR, SERVER_JAR, TEST_CLASS_PATH, newToken, startFakeOllama, startSidecar, launchChromium, newPage, openPanel, openAppPage,
  screenshot, typeAndSend, tinyModels,
};
