'use strict';

/*
 * `./studio run` in browser mode, as a parent sees it in the terminal: it says what the build is
 * doing while it runs, keeps JVM warnings and the voice server's log lines out of the terminal
 * (they go to target/studio/), opens the default browser with the link, and prints the link as
 * its last line, where it stays until Ctrl+C. The script runs from a copy of the repository's
 * layout with the real jar and a stand-in `mvn` (so the build is quick) and `xdg-open`.
 */
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');

const { findFreePort } = require('../../src/main/ports');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SERVER_TARGET = path.dirname(path.resolve(process.env.CRAFTY_SERVER_JAR
  ?? path.join(REPO, 'voice-server', 'target', 'voice-server.jar')));
const LINK = /^ {4}(http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64}))$/;

/** Waits until `check()` is truthy, asking every 50 ms, failing after `ms`. */
async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The repository's layout in a temporary folder: the script, build files, the jar, the renderer. */
function layout() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-studio-run-'));
  fs.copyFileSync(path.join(REPO, 'studio'), path.join(root, 'studio'));
  fs.mkdirSync(path.join(root, 'voice-server', 'target'), { recursive: true });
  fs.mkdirSync(path.join(root, 'voice-server', 'src', 'main'), { recursive: true });
  fs.copyFileSync(path.join(SERVER_TARGET, 'voice-server.jar'), path.join(root, 'voice-server', 'target', 'voice-server.jar'));
  fs.symlinkSync(path.join(SERVER_TARGET, 'libs'), path.join(root, 'voice-server', 'target', 'libs'));
  fs.mkdirSync(path.join(root, 'studio-electron', 'src'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'studio-electron', 'src', 'renderer'), path.join(root, 'studio-electron', 'src', 'renderer'));
  // Sources newer than the jar: the script builds first.
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(root, 'voice-server', 'target', 'voice-server.jar'), past, past);
  for (const file of ['pom.xml', path.join('voice-server', 'pom.xml'), path.join('voice-server', 'src', 'main', 'App.java')]) {
    fs.writeFileSync(path.join(root, file), '');
  }
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  // Maven as the script runs it: the lines a real build logs, a step every 1.5 s, then a fresh jar.
  fs.writeFileSync(path.join(bin, 'mvn'), `#!/usr/bin/env bash
printf '%s\\n' "$MAVEN_OPTS" > "${root}/maven-opts"
"$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 > "${root}/maven-java"
echo 'WARNING: sun.misc.Unsafe::objectFieldOffset has been called by a library'
for step in 'resources:3.3.1:resources (default-resources)' 'compiler:3.13.0:compile (default-compile)' \\
  'dependency:3.8.1:copy-dependencies (copy-libs)' 'jar:3.4.2:jar (default-jar)'; do
  echo "[INFO] --- $step @ voice-server ---"
  sleep 1.5
done
touch "${root}/voice-server/target/voice-server.jar"
`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/usr/bin/env bash\nprintf '%s' "$1" > "${root}/opened"\n`, { mode: 0o755 });
  return { root, bin };
}

test('./studio run in browser mode narrates the build, opens the browser and ends with the link, nothing after it', async (t) => {
  const { root, bin } = layout();
  const port = await findFreePort('127.0.0.1');
  const child = spawn('bash', [path.join(root, 'studio'), 'run'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: root, XDG_DATA_HOME: path.join(root, 'data'), DISPLAY: ':99',
      SERVER_PORT: String(port), STORE_PATH: ':memory:', CRAFTY_LANGUAGE: 'de',
      ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}) },
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(root, { recursive: true, force: true });
  });
  let terminal = '';
  child.stdout.on('data', (chunk) => { terminal += chunk; });
  child.stderr.on('data', (chunk) => { terminal += chunk; });
  const lines = () => terminal.split('\n');

  const link = await until(() => lines().map((line) => LINK.exec(line)).find(Boolean), 120_000, `the link in:\n${terminal}`);
  assert.equal(Number(link[2]), port);
  const opened = await until(() => fs.existsSync(path.join(root, 'opened')) && fs.readFileSync(path.join(root, 'opened'), 'utf8'),
    10_000, 'xdg-open');
  assert.equal(opened, link[1], 'the default browser was asked to open the link');

  const status = await fetch(`http://127.0.0.1:${port}/status`, { headers: { Authorization: `Bearer ${link[3]}` } });
  assert.equal(status.status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${port}/status`, { headers: { Authorization: 'Bearer wrong-token-0000000000' } })).status, 401);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(page.status, 200, 'the panel is served');
  const log = path.join(root, 'target', 'studio', 'voice-server.log');
  await until(() => fs.readFileSync(log, 'utf8').includes('listening on'), 10_000, 'the log file');

  const beforeStop = terminal;
  child.kill('SIGINT');
  const { code } = await exited;
  assert.equal(code, 0);

  const shown = beforeStop.split('\n');
  const at = shown.findIndex((line) => LINK.test(line));
  assert.deepEqual(shown.slice(at + 1).filter((line) => line.trim() !== ''), [], 'the link is the last line until Ctrl+C');
  assert.match(terminal.slice(beforeStop.length), /stopping Crafty/);
  assert.doesNotMatch(terminal, /WARNING|"level"|Exception/, 'no JVM warnings and no log lines in the terminal');
  const steps = shown.slice(0, at).join('\n');
  for (const step of ['compiling voice-server', 'collecting the libraries of voice-server', 'packaging voice-server']) {
    assert.match(steps, new RegExp(`${step}\\.\\.\\. \\(\\d+ s\\)`), `the build says "${step}" while it runs`);
  }
  assert.match(steps, /built in \d+ s/);
  assert.match(fs.readFileSync(path.join(root, 'target', 'studio', 'build.log'), 'utf8'), /WARNING: sun\.misc\.Unsafe/,
    "Maven's own output went to the build log");
  const major = Number(/version "(?:1\.)?(\d+)/.exec(fs.readFileSync(path.join(root, 'maven-java'), 'utf8'))[1]);
  if (major >= 23) {
    assert.match(fs.readFileSync(path.join(root, 'maven-opts'), 'utf8'), /--sun-misc-unsafe-memory-access=allow/);
  }
});
