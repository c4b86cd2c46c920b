'use strict';

/*
 * Copies the files hands-free listening needs from node_modules into the renderer
 * (src/renderer/vendor/, not committed), so that the panel serves them itself wherever it is
 * served from: Silero VAD (@ricky0123/vad-web: its browser bundle, its AudioWorklet and the
 * Silero v5 model) and the WebAssembly build of onnxruntime-web that runs the model (its
 * wasm-only script, the module that loads the .wasm, and the .wasm itself). Nothing is fetched
 * at run time from anywhere else.
 *
 * Run by npm after install, before the tests and before packaging (package.json scripts);
 * `node tools/vad-assets.js` does it by hand.
 */
const fs = require('node:fs');
const path = require('node:path');

const APP_ROOT = path.join(__dirname, '..');

/** What is copied: package, its file, where it goes under vendor/. */
const VAD_ASSETS = [
  { pkg: '@ricky0123/vad-web', file: 'dist/bundle.min.js', to: 'vad/bundle.min.js' },
  { pkg: '@ricky0123/vad-web', file: 'dist/vad.worklet.bundle.min.js', to: 'vad/vad.worklet.bundle.min.js' },
  { pkg: '@ricky0123/vad-web', file: 'dist/silero_vad_v5.onnx', to: 'vad/silero_vad_v5.onnx' },
  { pkg: 'onnxruntime-web', file: 'dist/ort.wasm.min.js', to: 'ort/ort.wasm.min.js' },
  { pkg: 'onnxruntime-web', file: 'dist/ort-wasm-simd-threaded.mjs', to: 'ort/ort-wasm-simd-threaded.mjs' },
  { pkg: 'onnxruntime-web', file: 'dist/ort-wasm-simd-threaded.wasm', to: 'ort/ort-wasm-simd-threaded.wasm' },
];

/**
 * Copies every asset from `modules` (a node_modules directory) to `vendor`, with a NOTICE
 * naming each package's version and licence. Throws, naming the file, when one is missing.
 *
 * @param {object} [options]
 * @param {string} [options.modules] node_modules to copy from
 * @param {string} [options.vendor] the renderer's vendor directory
 * @returns {string[]} the files written, relative to `vendor`
 */
function copyVadAssets({ modules = path.join(APP_ROOT, 'node_modules'), vendor = path.join(APP_ROOT, 'src', 'renderer', 'vendor') } = {}) {
  const written = [];
  const packages = new Map();
  for (const { pkg, file, to } of VAD_ASSETS) {
    const from = path.join(modules, ...pkg.split('/'), ...file.split('/'));
    if (!fs.existsSync(from)) {
      throw new Error(`${from} is missing: run 'npm ci' in studio-electron (hands-free listening needs ${pkg})`);
    }
    const target = path.join(vendor, ...to.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(from, target);
    written.push(to);
    if (!packages.has(pkg)) {
      const manifest = JSON.parse(fs.readFileSync(path.join(modules, ...pkg.split('/'), 'package.json'), 'utf8'));
      packages.set(pkg, `${pkg} ${manifest.version} (${manifest.license})`);
    }
  }
  const notice = ['Copied from node_modules by tools/vad-assets.js; do not edit.', ...packages.values()].join('\n');
  fs.writeFileSync(path.join(vendor, 'NOTICE.txt'), `${notice}\n`);
  written.push('NOTICE.txt');
  return written;
}

if (require.main === module) {
  copyVadAssets();
}

module.exports = { VAD_ASSETS, copyVadAssets };
