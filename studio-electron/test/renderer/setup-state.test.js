'use strict';

/*
 * The "Crafty einrichten" card's model against the documented /setup examples: every server
 * example changes the card as it should, and the card builds the client examples exactly.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test } = require('node:test');

const { SetupState, size, duration, osOf } = require('../../src/renderer/lib/setup-state');

const DOCS = path.join(__dirname, '..', '..', '..', 'docs', 'protocol', 'setup');

function example(kind, name) {
  return JSON.parse(fs.readFileSync(path.join(DOCS, kind, name), 'utf8'));
}

function fresh(ids = ['p-1', 'p-2', 'p-3', 'p-4']) {
  const queue = [...ids];
  const state = new SetupState({ nextRequestId: () => queue.shift() });
  state.receive(example('server', 'setup-state.json'));
  return state;
}

describe('the setup card against docs/protocol/setup', () => {
  test('setup-state.json gives a ready recogniser and a half-downloaded German voice', () => {
    const state = fresh();
    assert.equal(state.row('stt').state, 'ready');
    const voice = state.row('tts');
    assert.equal(voice.state, 'todo');
    assert.match(voice.text, /Halb geladen: Deutsche Stimme – Thorsten, mittel/);
    assert.equal(voice.action.label, 'Weiter laden');
    assert.equal(state.row('llm').state, 'ready', 'without ollama:state the model comes from elsewhere');
  });

  test('the card builds model-install.json exactly and follows its progress to model-installed.json', () => {
    const state = fresh(['x', 'p-2']);
    state.nextRequestId();
    assert.deepEqual(state.row('tts').action.build(), example('client', 'model-install.json'));
    assert.equal(state.receive(example('server', 'model-progress.json')), true);
    const row = state.row('tts');
    assert.equal(row.state, 'working');
    assert.equal(row.progress.percent, 49);
    assert.equal(row.progress.label, '31,6 MB von 63,2 MB');
    assert.equal(row.progress.left, 'noch etwa 13 s');
    assert.equal(row.action.label, 'Abbrechen');
    state.receive(example('server', 'model-installed.json'));
    const loading = state.row('tts');
    assert.equal(loading.state, 'working', 'installed, but not ready before its engine has loaded it');
    assert.match(loading.text, /Wird in den Speicher geladen/);
    assert.equal(loading.sample, undefined);
    const loaded = example('server', 'setup-state.json');
    loaded.models[1] = { ...loaded.models[1], state: 'installed', bytes: loaded.models[1].size, load: 'ready' };
    state.receive(loaded);
    const done = state.row('tts');
    assert.equal(done.state, 'ready');
    assert.equal(done.sample.label, 'Hör mal: „Hallo, ich bin Crafty!“');
    assert.equal(state.needsSetup(), false);
  });

  for (const name of ['error-offline.json', 'error-disk-full.json', 'error-digest-mismatch.json', 'error-not-found.json']) {
    test(`${name} shows the parent's text and a way to try again`, () => {
      const state = fresh(['x', 'p-2', 'p-5']);
      state.nextRequestId();
      state.row('tts').action.build();
      const error = example('server', name);
      assert.equal(state.receive(error), true);
      const row = state.row('tts');
      assert.deepEqual([row.state, row.code, row.text], ['error', error.code, error.content]);
      assert.equal(row.action.label, 'Nochmal versuchen');
      assert.equal(row.action.build().action, 'model:install');
    });
  }

  test('install-cancelled.json takes the bar away and leaves the install button', () => {
    const state = fresh(['x', 'p-2']);
    state.nextRequestId();
    state.row('tts').action.build();
    state.receive(example('server', 'model-progress.json'));
    state.receive(example('server', 'install-cancelled.json'));
    assert.equal(state.row('tts').state, 'todo');
    assert.equal(state.row('tts').progress, undefined);
  });

  test('setup-state-damaged.json: a model its engine cannot load is never ready; "Neu laden" is model-install-again.json', () => {
    const state = fresh(['x', 'x', 'p-7']);
    state.receive(example('server', 'setup-state-damaged.json'));
    const row = state.row('stt');
    assert.equal(row.state, 'error');
    assert.equal(row.code, 'model_damaged');
    assert.match(row.text, /^Modell beschädigt – neu laden: Spracherkennung – Whisper Base/);
    assert.match(row.detail, /cannot read the model file ggml-base-q5_1\.bin/);
    assert.equal(row.action.label, 'Neu laden');
    state.nextRequestId();
    state.nextRequestId();
    assert.deepEqual(row.action.build(), example('client', 'model-install-again.json'));
    assert.equal(state.row('tts').state, 'working', 'a voice still loading is not ready yet');
    assert.equal(state.needsSetup(), true);
  });

  test('an error nobody here asked for is not shown', () => {
    const state = fresh();
    assert.equal(state.receive(example('server', 'error-offline.json')), false);
  });

  test('ollama-state.json: running without the model offers to load it, as ollama-pull.json', () => {
    const state = fresh(['o-2']);
    state.receive(example('server', 'ollama-state.json'));
    const row = state.row('llm');
    assert.equal(row.state, 'todo');
    assert.match(row.text, /llama3\.2:latest fehlt/);
    assert.equal(row.action.label, 'Modell laden');
    assert.deepEqual(row.action.build(), example('client', 'ollama-pull.json'));
    state.receive(example('server', 'ollama-progress.json'));
    assert.equal(state.row('llm').state, 'working');
    assert.equal(state.row('llm').progress.percent, 49);
    state.receive(example('server', 'ollama-ready.json'));
    assert.equal(state.row('llm').state, 'ready');
  });

  test('Ollama not running: the link for the parent\'s system and "Nochmal prüfen" as ollama-check.json', () => {
    const state = fresh(['o-2', 'o-1']);
    state.receive({ ...example('server', 'ollama-state.json'), running: false });
    const row = state.row('llm', 'Win32');
    assert.equal(row.state, 'error');
    assert.equal(row.link.href, 'https://ollama.com/download/windows');
    assert.equal(state.row('llm', 'MacIntel').link.href, 'https://ollama.com/download/mac');
    assert.equal(row.action.label, 'Nochmal prüfen');
    state.nextRequestId();
    assert.deepEqual(row.action.build(), example('client', 'ollama-check.json'));
  });

  test('sizes and times read naturally', () => {
    assert.equal(size(59707625, 'de'), '59,7 MB');
    assert.equal(size(487601967, 'en'), '488 MB');
    assert.equal(duration(13), '13 s');
    assert.equal(duration(600), '10 min');
    assert.equal(osOf('linux x86_64'), 'linux');
  });
});
