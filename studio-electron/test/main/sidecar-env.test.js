'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { sidecarEnv, isPassedThrough } = require('../../src/main/sidecar-env');

const OWNED = { host: '127.0.0.1', port: 4567, token: 'ab'.repeat(32) };

test('passes the process basics and the sidecar configuration through', () => {
  const env = sidecarEnv({
    PATH: '/usr/bin', HOME: '/home/kid', LANG: 'de_DE.UTF-8', TMPDIR: '/tmp', JAVA_HOME: '/jdk',
    CRAFTY_LANGUAGE: 'en', OLLAMA_URL: 'http://127.0.0.1:11434', OLLAMA_MODEL: 'llama3.2', LLM_PROVIDER: 'openai',
    LLM_API_KEY: 'sk-local', PIPER_BIN: '/opt/piper', WHISPER_MODEL: '/models/base.bin', ESPEAK_BIN: '/usr/bin/espeak-ng',
    STORE_PATH: '/data/crafty.db', STORE_RETENTION: '30d', XDG_DATA_HOME: '/home/kid/.data',
    WS_PING: '30s', LIMITS_HARD: '8388608', PARENT_PIN: '/data/parent-pin',
  }, OWNED);
  assert.equal(env.PATH, '/usr/bin');
  assert.equal(env.JAVA_HOME, '/jdk');
  assert.equal(env.OLLAMA_MODEL, 'llama3.2');
  assert.equal(env.LLM_API_KEY, 'sk-local');
  assert.equal(env.WHISPER_MODEL, '/models/base.bin');
  assert.equal(env.ESPEAK_BIN, '/usr/bin/espeak-ng');
  assert.equal(env.STORE_PATH, '/data/crafty.db');
  assert.equal(env.STORE_RETENTION, '30d');
  assert.equal(env.XDG_DATA_HOME, '/home/kid/.data');
  assert.equal(env.WS_PING, '30s');
  assert.equal(env.PARENT_PIN, '/data/parent-pin');
  assert.equal(env.LIMITS_HARD, '8388608');
});

test('leaves out everything not on the list', () => {
  const env = sidecarEnv({
    PATH: '/usr/bin', AWS_SECRET_ACCESS_KEY: 'secret', NODE_OPTIONS: '--inspect', ELECTRON_RUN_AS_NODE: '1',
    JAVA_TOOL_OPTIONS: '-agentlib:jdwp', GITHUB_TOKEN: 'ghp', CRAFTY_START_TIMEOUT: '30', CRAFTY_SERVER_JAR: '/x.jar',
    UI_DIR: '/srv/ui',
  }, OWNED);
  assert.deepEqual(Object.keys(env).sort(), ['CRAFTY_TOKEN', 'PATH', 'SERVER_HOST', 'SERVER_PORT', 'SIDECAR_STDIN']);
});

test('the supervisor decides host, port, token and stdin watching, whatever the app environment says', () => {
  const env = sidecarEnv({ SERVER_PORT: '80', SERVER_HOST: '0.0.0.0', CRAFTY_TOKEN: 'guessable', SIDECAR_STDIN: 'false' }, OWNED);
  assert.deepEqual(env, { SERVER_HOST: '127.0.0.1', SERVER_PORT: '4567', CRAFTY_TOKEN: OWNED.token, SIDECAR_STDIN: 'true' });
});

test('matches names case-insensitively, as Windows spells them', () => {
  assert.equal(isPassedThrough('Path'), true);
  assert.equal(isPassedThrough('SystemRoot'), true);
  assert.equal(isPassedThrough('crafty_token'), false);
});
