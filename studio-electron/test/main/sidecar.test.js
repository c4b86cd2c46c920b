'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');
const { describe, test } = require('node:test');

const { findSidecarLauncher } = require('../../src/main/java-runtime');
const { getStatus } = require('../../src/main/readiness');
const { SidecarSupervisor } = require('../../src/main/sidecar');
const {
  SERVER_JAR, isAlive, memoryLogger, nextState, processGone, realLauncher, scriptLauncher, tempDir,
} = require('../support/sidecar-fixtures');

/** A supervisor on a free port that is stopped after the test. */
function supervisor(t, options) {
  const logger = memoryLogger();
  const sup = new SidecarSupervisor({ port: 0, logger, ...options });
  t.after(() => sup.stop());
  return sup;
}

function occupyPort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Starts `command` under a supervising Node process, kills that process with SIGKILL (no
 * chance to clean up) and waits for the sidecar to notice its closed stdin and exit.
 */
async function assertSidecarOutlivesNoSupervisor(t, command, args) {
  const parent = spawn(process.execPath, [path.join(__dirname, '..', 'support', 'supervise.js'), command, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => parent.kill('SIGKILL'));
  const [line] = await once(readline.createInterface({ input: parent.stdout }), 'line');
  const { state, pid } = JSON.parse(line);
  assert.equal(state, 'ready');
  t.after(() => isAlive(pid) && process.kill(pid, 'SIGKILL'));
  const killed = Date.now();
  parent.kill('SIGKILL');
  await processGone(pid, 10_000);
  t.diagnostic(`the sidecar exited ${Date.now() - killed} ms after its supervisor was killed`);
}

function environOf(pid) {
  return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

describe('with the real voice server', () => {
  test('starts the sidecar and reports it ready with its address', async (t) => {
    const sup = supervisor(t, { launcher: await realLauncher() });
    const ready = await sup.start();
    assert.equal(ready.state, 'ready');
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(ready.wsUrl, ready.url.replace('http:', 'ws:'));
    t.diagnostic(`ready after ${ready.startupMs} ms`);
    const { statusCode, body } = await getStatus(ready.url, sup.connection().token, 2000);
    assert.equal(statusCode, 200);
    assert.equal(JSON.parse(body).status, 'ok');
  });

  test('the sidecar refuses /status without the token', async (t) => {
    const sup = supervisor(t, { launcher: await realLauncher() });
    const { url } = await sup.start();
    assert.equal((await getStatus(url, undefined, 2000)).statusCode, 401);
    assert.equal((await getStatus(url, 'f'.repeat(64), 2000)).statusCode, 401);
  });

  test('hands the sidecar the allow-listed environment and keeps the token out of its command line', async (t) => {
    const sup = supervisor(t, {
      launcher: await realLauncher(),
      env: { ...process.env, CRAFTY_LANGUAGE: 'en', NOT_FOR_THE_SIDECAR: 'secret', JAVA_TOOL_OPTIONS: '-Dx=y' },
    });
    await sup.start();
    const { token, port } = sup.connection();
    assert.match(token, /^[0-9a-f]{64}$/);
    const environ = environOf(sup.pid);
    assert.ok(environ.includes(`CRAFTY_TOKEN=${token}`));
    assert.ok(environ.includes(`SERVER_PORT=${port}`));
    assert.ok(environ.includes('SERVER_HOST=127.0.0.1'));
    assert.ok(environ.includes('SIDECAR_STDIN=true'));
    assert.ok(environ.includes('CRAFTY_LANGUAGE=en'));
    assert.ok(!environ.some((entry) => entry.startsWith('NOT_FOR_THE_SIDECAR=') || entry.startsWith('JAVA_TOOL_OPTIONS=')));
    assert.ok(!fs.readFileSync(`/proc/${sup.pid}/cmdline`, 'utf8').includes(token));
  });

  test('restarts the sidecar after it is killed', async (t) => {
    const sup = supervisor(t, { launcher: await realLauncher(), crashPolicy: { initialDelayMs: 50 } });
    const first = await sup.start();
    const firstPid = sup.pid;
    const restarting = nextState(sup, 'restarting');
    const readyAgain = nextState(sup, (payload) => payload.state === 'ready' && sup.pid !== firstPid);
    process.kill(firstPid, 'SIGKILL');
    const noticed = await restarting;
    assert.equal(noticed.signal, 'SIGKILL');
    assert.equal(noticed.crashes, 1);
    const again = await readyAgain;
    assert.equal(again.url, first.url);
    assert.equal(isAlive(firstPid), false);
    assert.equal((await getStatus(again.url, sup.connection().token, 2000)).statusCode, 200);
  });

  test('stops the sidecar on quit and leaves no process behind', async (t) => {
    const sup = supervisor(t, { launcher: await realLauncher() });
    await sup.start();
    const pid = sup.pid;
    const started = Date.now();
    await sup.stop();
    t.diagnostic(`stopped in ${Date.now() - started} ms`);
    assert.equal(sup.state, 'stopped');
    assert.equal(isAlive(pid), false);
    assert.equal(sup.pid, undefined);
  });

  test('refuses a port another program holds, without starting the sidecar', async (t) => {
    const holder = await occupyPort();
    t.after(() => holder.close());
    const port = holder.address().port;
    const sup = supervisor(t, { launcher: await realLauncher(), port });
    const result = await sup.start();
    assert.equal(result.state, 'port-in-use');
    assert.equal(result.reason, `Port ${port} on 127.0.0.1 is already in use by another program.`);
    assert.equal(sup.pid, undefined);
    assert.ok(!sup.logger.lines.some((line) => line.startsWith('started ')));
  });

  test("maps the sidecar's own already-in-use exit to port-in-use and does not restart it", async (t) => {
    const holder = await occupyPort();
    t.after(() => holder.close());
    const sup = supervisor(t, { launcher: await realLauncher(), port: holder.address().port, checkPort: false });
    const result = await sup.start();
    assert.equal(result.state, 'port-in-use');
    assert.match(result.reason, /already in use/);
    assert.equal(sup.logger.lines.filter((line) => line.startsWith('started ')).length, 1);
  });

  test("reports the sidecar's invalid configuration as config-error and does not restart it", async (t) => {
    const sup = supervisor(t, { launcher: await realLauncher(), env: { ...process.env, LLM_PROVIDER: 'gpt' } });
    const result = await sup.start();
    assert.equal(result.state, 'config-error');
    assert.equal(result.exitCode, 2);
    assert.match(result.reason, /^Invalid configuration llm\.provider \(LLM_PROVIDER\) = "gpt"/);
    assert.equal(sup.logger.lines.filter((line) => line.startsWith('started ')).length, 1);
  });

  test('starts again after a failure once its cause is gone', async (t) => {
    const holder = await occupyPort();
    const sup = supervisor(t, { launcher: await realLauncher(), port: holder.address().port });
    assert.equal((await sup.start()).state, 'port-in-use');
    await new Promise((resolve) => holder.close(resolve));
    assert.equal((await sup.start()).state, 'ready');
  });

  test('a sidecar whose supervising process is killed exits by itself', async (t) => {
    const { command, args } = await realLauncher();
    await assertSidecarOutlivesNoSupervisor(t, command, args);
  });
});

describe('with stand-in launchers', () => {
  test('gives up after 5 quick crashes and says why', async (t) => {
    const dir = tempDir(t);
    const runs = path.join(dir, 'runs');
    const launcher = scriptLauncher(dir, 'crashing-sidecar',
      `echo run >> '${runs}'\necho 'java.lang.IllegalStateException: engine exploded' >&2\nexit 1`);
    const sup = supervisor(t, { launcher, crashPolicy: { initialDelayMs: 10, maxDelayMs: 40 } });
    const result = await sup.start();
    assert.equal(result.state, 'crashed-giving-up');
    assert.equal(result.exitCode, 1);
    assert.equal(result.crashes, 5);
    assert.deepEqual(result.stderr, ['java.lang.IllegalStateException: engine exploded']);
    assert.match(result.reason, /exited with status 1\..*engine exploded.*5 times within 60 s/);
    assert.equal(fs.readFileSync(runs, 'utf8'), 'run\n'.repeat(5));
  });

  test('gives up waiting when the sidecar never becomes ready, and ends it', async (t) => {
    const launcher = scriptLauncher(tempDir(t), 'silent-sidecar', 'echo "warming up" >&2\nexec sleep 30');
    const sup = supervisor(t, { launcher, readyTimeoutMs: 400, pollIntervalMs: 20 });
    const starting = nextState(sup, 'starting');
    const resultPromise = sup.start();
    await starting;
    const result = await resultPromise;
    assert.equal(result.state, 'start-timeout');
    assert.match(result.reason, /did not answer within 0\.4 s \(last attempt: ECONNREFUSED\)/);
    assert.deepEqual(result.stderr, ['warming up']);
  });

  test('kills a sidecar that ignores SIGTERM once the grace period is over', async (t) => {
    const dir = tempDir(t);
    const childPids = path.join(dir, 'children');
    const launcher = scriptLauncher(dir, 'stubborn-sidecar',
      `trap '' TERM\nsleep 30 &\necho $! > '${childPids}'\nwhile :; do wait; done`);
    const sup = supervisor(t, { launcher, stopTimeoutMs: 300 });
    const starting = nextState(sup, 'starting');
    sup.start();
    await starting;
    await new Promise((resolve) => { const watch = setInterval(() => { if (fs.existsSync(childPids)) { clearInterval(watch); resolve(); } }, 10); });
    const pid = sup.pid;
    const grandchild = Number(fs.readFileSync(childPids, 'utf8'));
    const started = Date.now();
    await sup.stop();
    const took = Date.now() - started;
    assert.ok(took >= 300, `stopped after ${took} ms, before the grace period was over`);
    assert.equal(isAlive(pid), false);
    assert.equal(isAlive(grandchild), false);
  });

  test('logs each output line of the sidecar, also lines split across writes', async (t) => {
    const launcher = scriptLauncher(tempDir(t), 'chatty-sidecar',
      "printf 'hal'\nsleep 0.2\nprintf 'lo\\nwelt\\n'\necho 'on stderr' >&2\nexit 1");
    const sup = supervisor(t, { launcher, crashPolicy: { limit: 1 } });
    await sup.start();
    const output = sup.logger.lines.filter((line) => ['hallo', 'welt', 'on stderr'].includes(line));
    assert.deepEqual(output.sort(), ['hallo', 'on stderr', 'welt']);
  });

  test('a sidecar watching its stdin exits by itself when its supervisor is killed', async (t) => {
    await assertSidecarOutlivesNoSupervisor(t, process.execPath, [path.join(__dirname, '..', 'support', 'stdin-watching-sidecar.js')]);
  });

  test('reports no-java when no Java runtime is found', async (t) => {
    const empty = tempDir(t);
    const launcher = () => findSidecarLauncher({ jarPath: SERVER_JAR, env: { PATH: empty }, jvmRoot: empty });
    const result = await supervisor(t, { launcher }).start();
    assert.equal(result.state, 'no-java');
    assert.match(result.reason, /^No Java 21 or newer found/);
  });

  test('reports no-sidecar when the launcher cannot be executed', async (t) => {
    const command = path.join(tempDir(t), 'missing-launcher');
    const result = await supervisor(t, { launcher: { command, args: [] } }).start();
    assert.equal(result.state, 'no-sidecar');
    assert.match(result.reason, new RegExp(`^Could not start ${command}: .*ENOENT`));
  });
});
