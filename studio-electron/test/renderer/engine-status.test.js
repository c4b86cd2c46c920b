'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { readStatus, helpFor } = require('../../src/renderer/lib/engine-status');

const ENGINE_STATUS = {
  status: 'ok',
  version: '0.1.0',
  language: 'en',
  services: { ollama: true, whisper: false, piper: true },
  engines: {
    llm: { engine: 'ollama', available: true, location: 'http://127.0.0.1:11434', model: 'llama3.2:latest' },
    stt: { engine: 'whisper.cpp', available: false, lastError: 'whisper-cli not found' },
    tts: { engine: 'espeak-ng', available: true },
  },
};

test('reads each engine from engines.<role> and decides what the voice button can do', () => {
  const status = readStatus(ENGINE_STATUS);
  assert.equal(status.language, 'en');
  assert.deepEqual(status.engines.map((e) => [e.role, e.state]), [['llm', 'ready'], ['stt', 'missing'], ['tts', 'ready']]);
  assert.equal(status.byRole.stt.lastError, 'whisper-cli not found');
  assert.equal(status.canListen, false);
  assert.equal(status.canSpeak, true);
  assert.deepEqual(status.missing.map((e) => e.role), ['stt']);
});

test('falls back to the seed booleans in services, and says unknown when neither is there', () => {
  const status = readStatus({ status: 'ok', services: { ollama: false } });
  assert.deepEqual(status.engines.map((e) => e.state), ['missing', 'unknown', 'unknown']);
  assert.equal(status.canThink, false);
  assert.equal(status.canListen, false);
});

test('an unreachable server makes every engine unknown', () => {
  const status = readStatus(null);
  assert.equal(status.reachable, false);
  assert.deepEqual(status.engines.map((e) => e.state), ['unknown', 'unknown', 'unknown']);
  assert.deepEqual(status.missing, []);
});

test('the help for a missing model server names where it should run and which model to pull', () => {
  const llm = readStatus({ status: 'ok', engines: { llm: { available: false, location: 'http://127.0.0.1:9999', model: 'qwen3:4b' } } }).byRole.llm;
  assert.deepEqual(helpFor(llm), { key: 'help_llm', params: { location: 'http://127.0.0.1:9999', model: 'qwen3:4b' } });
});
