'use strict';

/*
 * Shared pieces of the supervisor tests: the real voice-server jar and a Java to run it,
 * executable stand-in launchers for failures the real sidecar cannot be made to show on demand,
 * and waits with deadlines (on events where there are events, on /proc where there are none).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { findJava } = require('../../src/main/java-runtime');

// The sidecars these tests start keep their conversation history in memory, never in the
// user's data directory (STORE_PATH passes the supervisor's allow-list).
process.env.STORE_PATH = ':memory:';

const SERVER_JAR = path.resolve(process.env.CRAFTY_SERVER_JAR
  ?? path.join(__dirname, '..', '..', '..', 'voice-server', 'target', 'voice-server.jar'));

/** `{command, args}` that starts the real voice server; fails the test plainly if it is not built. */
async function realLauncher() {
  assert.ok(fs.existsSync(SERVER_JAR),
    `${SERVER_JAR} is missing: build it with 'mvn -DskipTests package' (or set CRAFTY_SERVER_JAR)`);
  const { java } = await findJava();
  return { command: java, args: ['-jar', SERVER_JAR] };
}

/** A fresh temporary directory, removed after the test. */
function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-electron-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes an executable /bin/sh script and returns `{command, args}` for it. */
function scriptLauncher(dir, name, body) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return { command: file, args: [] };
}

/** Collects log lines in memory. */
function memoryLogger() {
  const lines = [];
  const logger = {
    lines,
    info: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    error: (line) => lines.push(line),
    child: () => logger,
  };
  return logger;
}

/** Resolves with the first state payload matching `state` (a name or a predicate). */
function nextState(supervisor, state, timeoutMs = 15_000) {
  const matches = typeof state === 'function' ? state : (payload) => payload.state === state;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      supervisor.off('state', listener);
      reject(new Error(`no '${state}' state within ${timeoutMs} ms (now ${supervisor.state})`));
    }, timeoutMs);
    function listener(payload) {
      if (matches(payload)) {
        clearTimeout(timer);
        supervisor.off('state', listener);
        resolve(payload);
      }
    }
    supervisor.on('state', listener);
  });
}

/** Whether a process with this id exists and is not a zombie. */
function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Resolves once the process is gone; rejects after the deadline. A process that is not our
 * child gives no exit event, so this looks at /proc every 25 ms until the deadline.
 */
async function processGone(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

module.exports = { SERVER_JAR, realLauncher, tempDir, scriptLauncher, memoryLogger, nextState, isAlive, processGone };
