'use strict';

/*
 * "Hören: nur Englisch" in Chromium against the real voice server set to German with
 * pocketsphinx (English only) as its only recogniser: the listening indicator is amber, not
 * green; a line tells the grown-up why, with a button that opens "Crafty einrichten" at the
 * Hören row; the voice button does not offer to listen and asks the child to type instead.
 */
const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const { readStatus } = require('../../src/renderer/lib/engine-status');
const e2e = require('./support/e2e');

let fake;
let sidecar;
let browser;

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '10']);
  // No whisper configured and no model installed (an empty MODELS_DIR): pocketsphinx is the recogniser.
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url, env: { CRAFTY_LANGUAGE: 'de' } });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
});

test('German with an English-only recogniser: amber "Hören: nur Englisch", the way to fix it, and typing instead', async () => {
  const response = await fetch(`${sidecar.url}/status`, { headers: { Authorization: `Bearer ${sidecar.token}` } });
  const body = await response.json();
  assert.equal(body.engines.stt.engine, 'pocketsphinx');
  assert.equal(body.engines.stt.detail.understands, 'en');
  assert.equal(readStatus(body).byRole.stt.state, 'wrong-language');

  const { page, problems } = await e2e.openPanel(browser, sidecar);
  const indicator = '.engine[data-role="stt"][data-state="wrong-language"]';
  await page.waitForSelector(indicator);
  assert.equal(await page.textContent(`${indicator} .engine-name`), 'Hören: nur Englisch');
  const colours = await page.$eval(`${indicator} .engine-dot`, (dot) => {
    const style = getComputedStyle(document.documentElement);
    const probe = (name) => {
      const span = document.createElement('span');
      span.style.color = style.getPropertyValue(name);
      document.body.appendChild(span);
      const rgb = getComputedStyle(span).color;
      span.remove();
      return rgb;
    };
    return { dot: getComputedStyle(dot).backgroundColor, amber: probe('--amber'), ok: probe('--ok') };
  });
  assert.equal(colours.dot, colours.amber, 'amber');
  assert.notEqual(colours.dot, colours.ok, 'not green');

  await page.waitForSelector('#engine-limits:not([hidden]) .engine-limit[data-role="stt"]');
  assert.match(await page.textContent('.engine-limit[data-role="stt"]'),
    /Crafty versteht Gesprochenes nur auf Englisch, nicht auf Deutsch/);
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'disabled');
  assert.equal(await page.textContent('#voice-hint'),
    'Gesprochenes Deutsch kann ich noch nicht verstehen. Schreib mir deine Frage bitte unten!');
  await page.click('#voice-button', { force: true });
  assert.equal(await page.getAttribute('#voice-button', 'data-state'), 'disabled', 'pressing does not listen');
  await e2e.screenshot(page, 'wrong-language');

  await page.click('.engine-limit[data-role="stt"] button[data-fix="stt"]');
  await page.waitForSelector('#setup-card:not([hidden]) .setup-row[data-role="stt"][data-focus="true"]');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.setup-row')?.dataset.role), 'stt',
    'the Hören row has the focus');
  assert.match(await page.textContent('.setup-row[data-role="stt"] .setup-text'), /Noch nicht installiert/);
  await e2e.screenshot(page, 'wrong-language-setup');

  await e2e.typeAndSend(page, 'Wie baue ich ein Haus?');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]', { timeout: 15_000 });
  assert.deepEqual(problems.errors, []);
  await page.context().close();
});
