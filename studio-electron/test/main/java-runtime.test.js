'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { findJava, findSidecarLauncher, javaMajor } = require('../../src/main/java-runtime');
const { SERVER_JAR, tempDir } = require('../support/sidecar-fixtures');

/** A directory that looks like a Java home whose bin/java reports `versionLine` like the JDK does. */
function fakeJavaHome(dir, name, versionLine) {
  const home = path.join(dir, name);
  fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(home, 'bin', 'java'),
    `#!/bin/sh\necho '${versionLine}' >&2\necho 'OpenJDK Runtime Environment' >&2\n`, { mode: 0o755 });
  return home;
}

test('reads the major version from the first line of java -version', () => {
  assert.equal(javaMajor('openjdk version "21.0.5" 2024-10-15\nOpenJDK Runtime Environment'), 21);
  assert.equal(javaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
  assert.equal(javaMajor('java version "1.8.0_392"'), 8);
  assert.equal(javaMajor('openjdk version "25" 2025-09-16'), 25);
  assert.equal(javaMajor('openjdk version "26-ea" 2026-03-17'), 26);
  assert.equal(javaMajor('Error: could not find libjava.so'), undefined);
});

test('takes JAVA_HOME first when it is new enough', async (t) => {
  const dir = tempDir(t);
  const home = fakeJavaHome(dir, 'jdk-22', 'openjdk version "22.0.1" 2024-04-16');
  fakeJavaHome(path.join(dir, 'jvm'), 'jdk-25', 'openjdk version "25" 2025-09-16');
  const found = await findJava({ env: { JAVA_HOME: home, PATH: '' }, jvmRoot: path.join(dir, 'jvm') });
  assert.deepEqual(found, { javaHome: home, java: path.join(home, 'bin', 'java'), major: 22 });
});

test('skips a Java older than 21 and follows java on the PATH to its home', async (t) => {
  const dir = tempDir(t);
  const old = fakeJavaHome(dir, 'jdk-17', 'openjdk version "17.0.15" 2025-04-15');
  const home = fakeJavaHome(dir, 'jdk-21', 'openjdk version "21.0.5" 2024-10-15');
  const onPath = path.join(dir, 'usr-bin');
  fs.mkdirSync(onPath);
  fs.symlinkSync(path.join(home, 'bin', 'java'), path.join(onPath, 'java'));
  const found = await findJava({ env: { JAVA_HOME: old, PATH: onPath }, jvmRoot: path.join(dir, 'none') });
  assert.equal(found.javaHome, home);
  assert.equal(found.major, 21);
});

test('falls back to the installed JVMs directory', async (t) => {
  const dir = tempDir(t);
  const jvmRoot = path.join(dir, 'jvm');
  fakeJavaHome(jvmRoot, 'java-17-openjdk', 'openjdk version "17.0.15" 2025-04-15');
  const home = fakeJavaHome(jvmRoot, 'temurin-25', 'openjdk version "25.0.3" 2026-04-21');
  const found = await findJava({ env: { PATH: '' }, jvmRoot });
  assert.equal(found.javaHome, home);
});

test('says plainly where it looked when there is no Java 21 or newer', async (t) => {
  const dir = tempDir(t);
  const jvmRoot = path.join(dir, 'jvm');
  fakeJavaHome(jvmRoot, 'java-17', 'openjdk version "17.0.15" 2025-04-15');
  await assert.rejects(findJava({ env: { PATH: dir }, jvmRoot }), (error) => {
    assert.equal(error.code, 'no-java');
    assert.match(error.message, /No Java 21 or newer found \(looked at JAVA_HOME, java on the PATH and .*jvm\/\*\)/);
    return true;
  });
});

test('prefers the packaged sidecar runtime, needing no Java at all', async (t) => {
  const resources = tempDir(t);
  const launcher = path.join(resources, 'sidecar', 'bin', 'crafty-sidecar');
  fs.mkdirSync(path.dirname(launcher), { recursive: true });
  fs.writeFileSync(launcher, '#!/bin/sh\n', { mode: 0o755 });
  const found = await findSidecarLauncher({ resourcesPath: resources, jarPath: SERVER_JAR, env: { PATH: '' }, jvmRoot: resources });
  assert.deepEqual(found, { kind: 'packaged', command: launcher, args: [] });
});

test('runs the jar with a Java 21 or newer when there is no packaged runtime', async (t) => {
  const found = await findSidecarLauncher({ resourcesPath: tempDir(t), jarPath: SERVER_JAR });
  assert.equal(found.kind, 'jar');
  assert.deepEqual(found.args, ['-jar', SERVER_JAR]);
  assert.ok(found.javaMajor >= 21, `found Java ${found.javaMajor}`);
});

test('reports a missing jar as no-sidecar with the way to build it', async (t) => {
  const jarPath = path.join(tempDir(t), 'voice-server.jar');
  await assert.rejects(findSidecarLauncher({ jarPath }), (error) => {
    assert.equal(error.code, 'no-sidecar');
    assert.ok(error.message.includes(jarPath));
    assert.match(error.message, /mvn -DskipTests package/);
    return true;
  });
});
