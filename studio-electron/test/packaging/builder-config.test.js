'use strict';

/*
 * The electron-builder configuration (package.json "build") against what the studio needs:
 * installers for the three systems, artifact names without spaces, the packaged sidecar where
 * the main process looks for it, only the app's own sources in the archive, fuses locked down.
 * Building installers needs Electron's binary and the installer tools, which this machine cannot
 * download; electron-builder's own schema check runs here instead.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { packagedLauncherPath } = require('../../src/main/java-runtime');

const APP = path.join(__dirname, '..', '..');
const { build } = JSON.parse(fs.readFileSync(path.join(APP, 'package.json'), 'utf8'));

/** Every file under `dir` (relative, with forward slashes), skipping node_modules and dot dirs. */
function filesUnder(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) {
      return [];
    }
    return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
  });
}

/** Whether `file` matches one of the `files` patterns, which are `dir/**\/*` or exact names. */
function packed(file) {
  return build.files.some((pattern) => {
    if (pattern.endsWith('/**/*')) {
      return file.startsWith(pattern.slice(0, -'**/*'.length));
    }
    assert.doesNotMatch(pattern, /[*?{}!]/, `pattern ${pattern} is neither dir/**/* nor a file name`);
    return file === pattern;
  });
}

/** The relative modules `file` requires, resolved to files of the app. */
function localRequires(file) {
  const source = fs.readFileSync(path.join(APP, file), 'utf8');
  return [...source.matchAll(/require\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)].map(([, request]) => {
    const resolved = require.resolve(path.join(APP, path.dirname(file), request));
    return path.relative(APP, resolved).split(path.sep).join('/');
  });
}

test('declares AppImage and deb for Linux, NSIS for Windows and dmg for macOS', () => {
  assert.deepEqual([...build.linux.target].sort(), ['AppImage', 'deb']);
  assert.deepEqual(build.win.target, ['nsis']);
  assert.deepEqual(build.mac.target, ['dmg']);
  assert.match(build.appId, /^[a-z]+(\.[a-z]+)+$/);
});

test('names every installer without spaces', () => {
  const names = [build.artifactName, build.productName, build.linux.executableName];
  for (const name of names) {
    assert.doesNotMatch(name, /\s/, `"${name}" has a space`);
  }
  const example = build.artifactName.replace('${version}', '0.1.0').replace('${os}', 'win').replace('${arch}', 'x64')
    .replace('${ext}', 'exe');
  assert.equal(example, 'crafty-studio-0.1.0-win-x64.exe');
});

test('ships the runtime that packaging/build-runtime.sh makes where the main process looks for it', () => {
  assert.equal(build.extraResources.length, 1);
  const [sidecar] = build.extraResources;
  assert.equal(path.resolve(APP, sidecar.from), path.resolve(APP, '..', 'packaging', 'target', 'sidecar'));
  const script = fs.readFileSync(path.join(APP, '..', 'packaging', 'build-runtime.sh'), 'utf8');
  assert.match(script, /^OUT="\$HERE\/target\/sidecar"$/m, 'build-runtime.sh writes the runtime somewhere else');
  assert.deepEqual(sidecar.filter, ['**/*']);
  const resources = path.join('/opt', 'Crafty', 'resources');
  for (const platform of ['linux', 'darwin', 'win32']) {
    const launcher = packagedLauncherPath(resources, platform);
    assert.equal(path.dirname(path.dirname(launcher)), path.join(resources, sidecar.to));
    const name = path.basename(launcher);
    assert.ok(fs.existsSync(path.join(APP, '..', 'packaging', 'launcher', name)), `no launcher ${name} in packaging/launcher`);
  }
});

test('packs the main process, preload and window and nothing else of the project', () => {
  const all = filesUnder(APP);
  const inside = all.filter(packed);
  assert.ok(inside.includes('src/main/main.js') && inside.includes('src/preload/preload.js')
    && inside.includes('src/renderer/index.html'));
  assert.deepEqual(inside.filter((f) => !f.startsWith('src/') && f !== 'package.json'), []);
  assert.deepEqual(all.filter((f) => f.startsWith('test/') && packed(f)), []);
  assert.deepEqual(all.filter((f) => f.startsWith('src/') && !packed(f)), []);
});

test('packs every module the main process requires', () => {
  const seen = new Set();
  const pending = [JSON.parse(fs.readFileSync(path.join(APP, 'package.json'), 'utf8')).main, 'src/preload/preload.js'];
  while (pending.length > 0) {
    const file = pending.pop();
    if (!seen.has(file)) {
      seen.add(file);
      assert.ok(packed(file), `${file} is required but not packed`);
      pending.push(...localRequires(file));
    }
  }
  assert.ok(seen.size > 5, `followed only ${[...seen]}`);
});

test('locks down the Electron fuses the app does not use', () => {
  const fuses = build.electronFuses;
  assert.equal(fuses.runAsNode, false);
  assert.equal(fuses.enableNodeOptionsEnvironmentVariable, false);
  assert.equal(fuses.enableNodeCliInspectArguments, false);
  assert.equal(fuses.onlyLoadAppFromAsar, true);
  assert.equal(fuses.enableEmbeddedAsarIntegrityValidation, true);
  assert.equal(fuses.enableCookieEncryption, true);
  assert.notEqual(build.asar, false);
  // The window is served from crafty://app/ (app-protocol.js), never from file://: file: needs
  // none of its extra privileges.
  assert.doesNotMatch(fs.readFileSync(path.join(APP, 'src', 'main', 'main.js'), 'utf8'), /\.loadFile\(/);
  assert.equal(fuses.grantFileProtocolExtraPrivileges, false);
});

test('lets the signed macOS build use the microphone and the JVM compile code', () => {
  const plist = fs.readFileSync(path.join(APP, build.mac.entitlements), 'utf8');
  for (const key of ['com.apple.security.device.audio-input', 'com.apple.security.cs.allow-jit',
    'com.apple.security.cs.allow-unsigned-executable-memory']) {
    assert.match(plist, new RegExp(`<key>${key.replaceAll('.', '\\.')}</key>\\s*<true/>`));
  }
  assert.equal(build.mac.hardenedRuntime, true);
  assert.ok(build.mac.extendInfo.NSMicrophoneUsageDescription.length > 20);
});

test('is a configuration electron-builder accepts', async () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
  await validateConfiguration(build, { isEnabled: false, add() {} });
  await assert.rejects(validateConfiguration({ ...build, extraResource: build.extraResources }, { isEnabled: false }),
    /unknown property 'extraResource'/);
});
