'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { STRINGS, pickLanguage, translate, createI18n } = require('../../src/renderer/lib/i18n');

const RENDERER = path.join(__dirname, '..', '..', 'src', 'renderer');

function placeholders(text) {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/** Every i18n key the renderer's code and page name. */
function keysUsed() {
  const files = ['index.html', ...['app', 'lib'].flatMap((dir) => fs.readdirSync(path.join(RENDERER, dir))
    .filter((name) => name.endsWith('.js') && name !== 'i18n.js').map((name) => path.join(dir, name)))];
  const patterns = [
    /\bt\('([A-Za-z_]+)'/g,
    /addNotice\('([A-Za-z_]+)'/g,
    /key: '([A-Za-z_]+)'/g,
    /data-i18n(?:-label|-placeholder)?="([A-Za-z_]+)"/g,
    /'((?:voice|phase|state|sidecar|help|mic|engine)[A-Z][A-Za-z]*)'/g,
  ];
  const keys = new Set();
  for (const file of files) {
    const source = fs.readFileSync(path.join(RENDERER, file), 'utf8');
    patterns.forEach((pattern) => [...source.matchAll(pattern)].forEach((m) => keys.add(m[1])));
  }
  ['llm', 'stt', 'tts'].forEach((role) => keys.add(`engine_${role}`).add(`help_${role}`));
  return keys;
}

test('German and English have the same keys and the same placeholders', () => {
  assert.deepEqual(Object.keys(STRINGS.en).sort(), Object.keys(STRINGS.de).sort());
  for (const key of Object.keys(STRINGS.de)) {
    assert.deepEqual(placeholders(STRINGS.en[key]), placeholders(STRINGS.de[key]), key);
  }
});

test('every key the window uses has a text in both languages', () => {
  const used = keysUsed();
  assert.ok(used.size > 40, `found only ${used.size} keys: the scan is broken`);
  for (const key of used) {
    assert.ok(Object.hasOwn(STRINGS.de, key), `"${key}" is missing`);
  }
});

test('German by default; language tags from /status or the system are understood', () => {
  assert.equal(pickLanguage(undefined), 'de');
  assert.equal(pickLanguage('en'), 'en');
  assert.equal(pickLanguage('en-GB'), 'en');
  assert.equal(pickLanguage('DE_at'), 'de');
  assert.equal(pickLanguage('fr'), 'de');
});

test('fills placeholders and tells listeners when the language changes', () => {
  assert.equal(translate('de', 'onlineRtt', { ms: 12 }), 'Verbunden · 12 ms');
  const i18n = createI18n('de');
  const heard = [];
  i18n.onChange((language) => heard.push(language));
  assert.equal(i18n.setLanguage('en'), true);
  assert.equal(i18n.setLanguage('en-US'), false);
  assert.deepEqual(heard, ['en']);
  assert.equal(i18n.t('onlineRtt', { ms: 7 }), 'Connected · 7 ms');
});
