'use strict';

/*
 * The runtime packaging/build-runtime.sh makes (packaging/target/sidecar), started the way the
 * packaged app starts it: found by findSidecarLauncher under a resources directory and run by
 * the SidecarSupervisor. ./studio test builds it before the Node tests; CRAFTY_SIDECAR_RUNTIME
 * points elsewhere.
 */
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { findSidecarLauncher } = require('../../src/main/java-runtime');
const { getStatus } = require('../../src/main/readiness');
const { SidecarSupervisor } = require('../../src/main/sidecar');
const { SERVER_JAR, memoryLogger, processGone, tempDir } = require('../support/sidecar-fixtures');
const { startFakeOllama } = require('../renderer/support/e2e');

const REPO = path.join(__dirname, '..', '..', '..');
const RUNTIME = path.resolve(process.env.CRAFTY_SIDECAR_RUNTIME ?? path.join(REPO, 'packaging', 'target', 'sidecar'));

function assertBuilt() {
  assert.ok(fs.existsSync(path.join(RUNTIME, 'bin', 'crafty-sidecar')),
    `${RUNTIME} has no bin/crafty-sidecar: build it with packaging/build-runtime.sh (./studio test does)`);
}

/** Starts the tests' fake Ollama as a process; resolves with its URL once it listens. */
async function fakeOllama(t) {
  const fake = await startFakeOllama(['--first-token-ms', '50', '--token-ms', '5']);
  t.after(() => fake.stop());
  return fake.url;
}

/** One /chat turn through a real WebSocket client, in a Node that has one. */
async function chatTurn(wsUrl, token, message) {
  const flags = typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : [];
  const script = path.join(__dirname, '..', 'support', 'chat-turn.js');
  const { stdout } = await new Promise((resolve, reject) => {
    execFile(process.execPath, [...flags, script, wsUrl, token, message], { timeout: 30_000 },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out })));
  });
  return JSON.parse(stdout);
}

test('the app takes the packaged runtime when its resources hold one', async () => {
  assertBuilt();
  const launcher = await findSidecarLauncher({ resourcesPath: path.dirname(RUNTIME), jarPath: SERVER_JAR, env: { PATH: '' } });
  assert.deepEqual(launcher, { kind: 'packaged', command: path.join(RUNTIME, 'bin', 'crafty-sidecar'), args: [] });
});

test('the packaged sidecar starts, answers /status, streams a /chat reply and stops cleanly', async (t) => {
  assertBuilt();
  const ollama = await fakeOllama(t);
  const supervisor = new SidecarSupervisor({
    launcher: () => findSidecarLauncher({ resourcesPath: path.dirname(RUNTIME), jarPath: SERVER_JAR }),
    port: 0,
    logger: memoryLogger(),
    env: { ...process.env, OLLAMA_URL: ollama, CRAFTY_LANGUAGE: 'en', STORE_PATH: path.join(tempDir(t), 'crafty.db') },
  });
  t.after(() => supervisor.stop());
  const ready = await supervisor.start();
  assert.equal(ready.state, 'ready');
  t.diagnostic(`packaged sidecar ready after ${ready.startupMs} ms`);
  const { token } = supervisor.connection();
  const status = await getStatus(ready.url, token, 5000);
  assert.equal(status.statusCode, 200);
  const body = JSON.parse(status.body);
  assert.equal(body.status, 'ok');
  assert.equal(body.language, 'en');
  assert.equal(body.services.ollama, true, `the model should be reachable: ${status.body}`);

  const turn = await chatTurn(ready.wsUrl, token, 'Hello from the smoke test');
  assert.equal(turn.welcome.type, 'assistant');
  assert.ok(turn.deltas.length > 1, 'the reply streams in more than one delta');
  assert.equal(turn.done.fullContent, turn.deltas.join(''));
  assert.equal(turn.done.requestId, 'smoke-1');

  const pid = supervisor.pid;
  await supervisor.stop();
  assert.equal(supervisor.state, 'stopped');
  await processGone(pid, 5000);
});

/**
 * A models directory with a recogniser and a German voice that look installed but that the
 * engines must refuse: a ggml file laid out completely whose only tensor whisper.cpp does not
 * know (whisper-jni's init returns null), and a voice that is no ONNX model (piper-jni throws).
 * Getting those refusals proves both native libraries loaded in the packaged runtime.
 */
function brokenModels(dir) {
  const ints = (...values) => Buffer.from(Int32Array.from(values).buffer);
  const floats = (...values) => Buffer.from(Float32Array.from(values).buffer);
  fs.writeFileSync(path.join(dir, 'ggml-base.bin'), Buffer.concat([
    ints(0x67676d6c, 4, 8, 8, 1, 1, 8, 8, 1, 1, 2, 0), // magic and hyper-parameters
    ints(2, 2), floats(0, 0, 0, 0), // mel filters
    ints(1, 2), Buffer.from('hi'), // vocabulary
    ints(1, 5, 0, 1), Buffer.from('bogus'), floats(1), // one F32 tensor
  ]));
  fs.writeFileSync(path.join(dir, 'de_DE-thorsten-medium.onnx'), 'not an onnx model\n'.repeat(100));
  fs.writeFileSync(path.join(dir, 'de_DE-thorsten-medium.onnx.json'),
    JSON.stringify({
      audio: { sample_rate: 22050 }, espeak: { voice: 'de' }, language: { code: 'de_DE' },
      inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 }, phoneme_type: 'espeak', num_speakers: 1,
      speaker_id_map: {}, phoneme_id_map: { _: [0], '^': [1], $: [2], ' ': [3], a: [14] },
    }));
  return dir;
}

test('the packaged runtime loads the whisper.cpp and Piper libraries it carries', async (t) => {
  assertBuilt();
  const natives = path.join(RUNTIME, 'lib', 'native', 'speech');
  assert.ok(fs.existsSync(natives), `${natives} is missing: build-runtime.sh unpacks the speech libraries there`);
  const models = brokenModels(tempDir(t));
  const supervisor = new SidecarSupervisor({
    launcher: () => findSidecarLauncher({ resourcesPath: path.dirname(RUNTIME), jarPath: SERVER_JAR }),
    port: 0,
    logger: memoryLogger(),
    env: { ...process.env, OLLAMA_URL: 'http://127.0.0.1:9', CRAFTY_LANGUAGE: 'de', MODELS_DIR: models,
      STORE_PATH: path.join(tempDir(t), 'crafty.db') },
  });
  t.after(() => supervisor.stop());
  const ready = await supervisor.start();
  const { token } = supervisor.connection();
  let engines;
  const deadline = Date.now() + 60_000;
  do {
    const status = await getStatus(ready.url, token, 5000);
    engines = JSON.parse(status.body).engines;
    if (engines.stt.detail.state !== 'loading' && engines.tts.detail.state !== 'loading') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  } while (Date.now() < deadline);
  assert.equal(engines.stt.engine, 'whisper-jni');
  assert.equal(engines.stt.detail.state, 'failed');
  assert.match(engines.stt.lastError, /whisper\.cpp cannot read the model file ggml-base\.bin/);
  assert.equal(engines.tts.engine, 'piper-jni');
  assert.equal(engines.tts.detail.state, 'failed');
  assert.match(engines.tts.lastError, /Piper cannot load the voice de_DE-thorsten-medium\.onnx.*Protobuf parsing failed/);
  await supervisor.stop();
});

test('the launcher finds its runtime by any path: absolute, relative, and through a symlink to it', async (t) => {
  assertBuilt();
  const launcher = path.join(RUNTIME, 'bin', 'crafty-sidecar');
  const links = tempDir(t);
  fs.symlinkSync(launcher, path.join(links, 'crafty-sidecar'));
  const run = (command, cwd) => new Promise((resolve, reject) => {
    // --reset-parent-pin with the history in memory: the JVM starts, answers and exits, no server
    execFile(command, ['--reset-parent-pin'], { cwd, timeout: 30_000, env: { PATH: process.env.PATH, STORE_PATH: ':memory:' } },
      (error, out, err) => (error ? reject(new Error(`${command}: ${error.message}\n${err}`)) : resolve(out)));
  });
  for (const [command, cwd] of [[launcher, links], [path.join('bin', 'crafty-sidecar'), RUNTIME],
    [path.join(links, 'crafty-sidecar'), links], ['./crafty-sidecar', links]]) {
    assert.match(await run(command, cwd), /The history is kept in memory/, `${command} in ${cwd}`);
  }
});

/** One file of a zip archive (a jar), found through the central directory; stored or deflated. */
function readZipEntry(file, name) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip archive`);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0, count = zip.readUInt16LE(end + 10); i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + zip.readUInt32LE(at + 20));
      return zip.readUInt16LE(at + 10) === 8 ? require('node:zlib').inflateRawSync(raw) : raw;
    }
    at = next;
  }
  throw new Error(`${file} has no ${name}`);
}

test('the runtime carries exactly the libraries the sidecar jar names, none left over from older builds', () => {
  assertBuilt();
  const manifest = readZipEntry(path.join(RUNTIME, 'app', 'voice-server.jar'), 'META-INF/MANIFEST.MF').toString('utf8');
  const classPath = /^Class-Path: (.*(?:\r?\n .*)*)/m.exec(manifest)[1].replace(/\r?\n /g, '');
  const named = classPath.split(' ').filter(Boolean).map((entry) => entry.replace(/^libs\//, '')).sort();
  assert.ok(named.some((jar) => jar.startsWith('helidon-webserver-')), classPath);
  assert.deepEqual(fs.readdirSync(path.join(RUNTIME, 'app', 'libs')).sort(), named);
});
