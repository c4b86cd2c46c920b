'use strict';

/*
 * The copy step that bundles Silero VAD and onnxruntime-web with the renderer: every file the
 * page loads comes out of node_modules unchanged, with a notice of the versions, and a missing
 * package is named instead of leaving a half-filled vendor directory unexplained.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');

const { VAD_ASSETS, copyVadAssets } = require('../../tools/vad-assets');

const MODULES = path.join(__dirname, '..', '..', 'node_modules');

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'crafty-vendor-'));
}

test('copies the VAD bundle, its worklet, the Silero v5 model and the wasm build of onnxruntime unchanged', () => {
  const vendor = tempDir();
  const written = copyVadAssets({ modules: MODULES, vendor });
  assert.deepEqual(written, [...VAD_ASSETS.map(({ to }) => to), 'NOTICE.txt']);
  for (const { pkg, file, to } of VAD_ASSETS) {
    const original = fs.readFileSync(path.join(MODULES, pkg, file));
    assert.ok(original.equals(fs.readFileSync(path.join(vendor, to))), `${to} differs from ${pkg}/${file}`);
  }
  assert.ok(fs.statSync(path.join(vendor, 'vad', 'silero_vad_v5.onnx')).size > 1_000_000, 'the model is there, not a pointer');
  assert.equal(fs.readFileSync(path.join(vendor, 'ort', 'ort-wasm-simd-threaded.wasm')).subarray(0, 4).toString('latin1'), '\0asm');
});

test('names every package with its version and licence in NOTICE.txt', () => {
  const vendor = tempDir();
  copyVadAssets({ modules: MODULES, vendor });
  const notice = fs.readFileSync(path.join(vendor, 'NOTICE.txt'), 'utf8');
  for (const pkg of new Set(VAD_ASSETS.map(({ pkg: name }) => name))) {
    const { version, license } = JSON.parse(fs.readFileSync(path.join(MODULES, pkg, 'package.json'), 'utf8'));
    assert.ok(notice.includes(`${pkg} ${version} (${license})`), `${pkg} is missing from the notice`);
  }
});

test('the onnxruntime that runs the model is the one the VAD bundle was built against', () => {
  const { dependencies } = JSON.parse(fs.readFileSync(path.join(MODULES, '@ricky0123', 'vad-web', 'package.json'), 'utf8'));
  const { version } = JSON.parse(fs.readFileSync(path.join(MODULES, 'onnxruntime-web', 'package.json'), 'utf8'));
  const wanted = /^\^(\d+)\.(\d+)/.exec(dependencies['onnxruntime-web']);
  const [major, minor] = version.split('.').map(Number);
  assert.ok(wanted, `vad-web asks for onnxruntime-web ${dependencies['onnxruntime-web']}`);
  assert.ok(major === Number(wanted[1]) && minor >= Number(wanted[2]), `onnxruntime-web ${version} does not satisfy ${dependencies['onnxruntime-web']}`);
});

test('a missing package is named, with what to run', () => {
  const modules = tempDir();
  assert.throws(() => copyVadAssets({ modules, vendor: tempDir() }), /@ricky0123[\\/]vad-web.*missing: run 'npm ci'/);
});

test('the renderer has its copy (npm runs the step after install and before the tests)', () => {
  const vendor = path.join(__dirname, '..', '..', 'src', 'renderer', 'vendor');
  for (const { to } of VAD_ASSETS) {
    assert.ok(fs.existsSync(path.join(vendor, to)), `src/renderer/vendor/${to} is missing`);
  }
  const { scripts } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  for (const hook of ['postinstall', 'pretest', 'predist']) {
    assert.match(scripts[hook], /node tools\/vad-assets\.js/, `${hook} does not copy the VAD files`);
  }
});
