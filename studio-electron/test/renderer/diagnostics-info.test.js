'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { clockTime, diagnosticsFileName, durationWords, latestProblem, readDetails } = require('../../src/renderer/lib/diagnostics-info');
const { translate } = require('../../src/renderer/lib/i18n');

const STATUS = {
  status: 'ok', version: '0.1.0', language: 'de', uptimeMs: 3_723_000,
  engines: {
    llm: { engine: 'ollama', available: false, lastError: 'connection refused', model: 'llama3.2:latest' },
    stt: { engine: 'pocketsphinx', available: true },
    tts: { engine: 'espeak-ng', available: true, model: 'de' },
  },
};

test('reads version, uptime and every engine from /status', () => {
  const details = readDetails(STATUS);
  assert.equal(details.reachable, true);
  assert.equal(details.version, '0.1.0');
  assert.equal(details.uptimeMs, 3_723_000);
  assert.deepEqual(details.engines.map((e) => [e.role, e.engine, e.state, e.lastError]),
    [['llm', 'ollama', 'missing', 'connection refused'], ['stt', 'pocketsphinx', 'ready', undefined],
      ['tts', 'espeak-ng', 'ready', undefined]]);
});

test('knows nothing about a server that did not answer or answered nonsense', () => {
  assert.deepEqual(readDetails(null), { reachable: false, version: undefined, uptimeMs: undefined,
    engines: [{ role: 'llm', state: 'unknown' }, { role: 'stt', state: 'unknown' }, { role: 'tts', state: 'unknown' }] });
  const odd = readDetails({ status: 'ok', version: 7, uptimeMs: -5 });
  assert.equal(odd.version, undefined);
  assert.equal(odd.uptimeMs, undefined);
});

test('says durations in seconds, minutes or hours, in both languages', () => {
  const say = (language, ms) => {
    const { key, params } = durationWords(ms);
    return translate(language, key, params);
  };
  assert.equal(say('de', 42_900), '42 s');
  assert.equal(say('de', 185_000), '3 min 5 s');
  assert.equal(say('en', 3_723_000), '1 h 2 min');
  assert.equal(say('en', -10), '0 s');
});

test('the latest problem wins, whichever kind it is', () => {
  const socket = { code: 1006, text: '', at: 2000 };
  const server = { code: 'llm_unreachable', text: 'Ollama?', at: 3000 };
  assert.equal(latestProblem(socket, server), server);
  assert.equal(latestProblem(null, socket, undefined), socket);
  assert.equal(latestProblem(), null);
});

test('file names and clock times use the local time, two digits each', () => {
  const date = new Date(2026, 0, 5, 7, 3, 9);
  assert.equal(diagnosticsFileName(date), 'crafty-diagnose-2026-01-05-0703.json');
  assert.equal(clockTime(date.getTime()), '07:03:09');
});
