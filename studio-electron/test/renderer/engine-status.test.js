'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { readStatus, helpFor, engineLabel } = require('../../src/renderer/lib/engine-status');
const { translate } = require('../../src/renderer/lib/i18n');

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

test('a recogniser or a voice that does not handle the language is amber "wrong-language", never ready', () => {
  const status = readStatus({ status: 'ok', language: 'de', engines: {
    llm: { engine: 'ollama', available: true },
    stt: { engine: 'pocketsphinx', available: false, lastError: "pocketsphinx understands en only; Crafty is set to 'de'",
      detail: { understands: 'en' } },
    tts: { engine: 'piper', available: true, detail: { speaks: 'en' } },
  } });
  assert.deepEqual(status.engines.map((e) => e.state), ['ready', 'wrong-language', 'wrong-language']);
  assert.deepEqual(status.byRole.stt.languages, ['en']);
  assert.equal(status.canListen, false);
  assert.equal(status.canSpeak, false, 'a voice that speaks English only is not ready for German, whatever available says');
  assert.deepEqual(status.wrongLanguage.map((e) => e.role), ['stt', 'tts']);
  assert.deepEqual(status.missing, []);
  const t = (key, params) => translate('de', key, params);
  assert.equal(engineLabel(status.byRole.stt, t), 'Hören: nur Englisch');
  assert.equal(engineLabel(status.byRole.tts, t), 'Sprechen: nur Englisch');
  assert.equal(engineLabel(status.byRole.llm, t), 'Denken: bereit');
});

test('a multilingual recogniser is ready for German; one that understands none of the languages says so', () => {
  const ready = readStatus({ status: 'ok', language: 'de', engines: {
    stt: { engine: 'whisper-jni', available: true, detail: { understands: 'de,en' } } } });
  assert.equal(ready.byRole.stt.state, 'ready');
  const none = readStatus({ status: 'ok', language: 'de', engines: { stt: { engine: 'odd', available: false, detail: { understands: '' } } } });
  assert.equal(none.byRole.stt.state, 'wrong-language');
  assert.equal(engineLabel(none.byRole.stt, (key, params) => translate('en', key, params)), 'Listen: no German');
});

test('the /status examples: German with pocketsphinx is amber, a damaged installed model is red with the way to fix it', () => {
  const docs = path.join(__dirname, '..', '..', '..', 'docs', 'protocol', 'status');
  const load = (name) => JSON.parse(fs.readFileSync(path.join(docs, name), 'utf8'));
  const wrong = readStatus(load('stt-wrong-language.json'));
  assert.equal(wrong.byRole.stt.state, 'wrong-language');
  assert.deepEqual(wrong.byRole.stt.languages, ['en']);
  assert.equal(wrong.byRole.tts.state, 'ready');
  const damaged = readStatus(load('stt-model-damaged.json'));
  assert.equal(damaged.byRole.stt.state, 'missing');
  assert.equal(damaged.byRole.stt.problem, 'model_damaged');
  assert.deepEqual(helpFor(damaged.byRole.stt), { key: 'help_damaged', params: { model: 'ggml-base-q5_1.bin' } });
});
