'use strict';

/*
 * The connection details in Chromium against the real voice server (browser mode) and the fake
 * Ollama: opened from the indicator, it shows the sidecar's version, the engines and how often
 * the chat reconnected (the server is killed and started again on the same port); "Save
 * diagnostics" downloads the server's bundle with the token masked.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

let fake;
let sidecar;
let browser;

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '10']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
});

const field = (page, name) => page.textContent(`#details [data-field="${name}"]`);

test('the details show version, engines and reconnects; saving diagnostics downloads the masked bundle', async () => {
  const response = await fetch(`${sidecar.url}/status`, { headers: { Authorization: `Bearer ${sidecar.token}` } });
  const status = await response.json();
  const { page, problems } = await e2e.openPanel(browser, sidecar);
  assert.equal(await page.isVisible('#details'), false);

  await page.click('#connection');
  await page.waitForSelector('#details:not([hidden]) .details-engine[data-role="llm"][data-state="ready"]');
  assert.equal(await page.getAttribute('#connection', 'aria-expanded'), 'true');
  assert.equal(await field(page, 'version'), status.version);
  assert.equal(await field(page, 'reconnects'), '0×');
  assert.equal(await field(page, 'error'), 'keiner');
  assert.match(await field(page, 'uptime'), /^\d+ (s|min \d+ s)$/);
  await page.waitForFunction(() => /^\d+ ms$/.test(document.querySelector('#details [data-field="rtt"]').textContent));

  const { port, token } = sidecar;
  await sidecar.kill();
  await page.waitForSelector('.app[data-connection="reconnecting"]', { timeout: 10_000 });
  assert.equal(await page.getAttribute('#details [data-field="error"]', 'data-code'), '1006');
  assert.match(await field(page, 'error'), /^\d\d:\d\d:\d\d · 1006$/);
  sidecar = await e2e.startSidecar({ port, token, ollamaUrl: fake.url });
  await page.waitForSelector('.app[data-connection="open"]', { timeout: 20_000 });
  assert.equal(await field(page, 'reconnects'), '1×');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-diagnostics')]);
  assert.match(download.suggestedFilename(), /^crafty-diagnose-\d{4}-\d\d-\d\d-\d{4}\.json$/);
  const bundle = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(bundle.status.status, 'ok');
  assert.equal(bundle.status.version, status.version);
  assert.ok('metrics' in bundle && 'log' in bundle, Object.keys(bundle).join());
  assert.equal(bundle.configuration['crafty.token'], '***');
  await page.waitForSelector('#diagnostics-result[data-state="saved"]');
  assert.match(await page.textContent('#diagnostics-result'), /^Gespeichert! \(crafty-diagnose-.*\.json\)$/);
  await e2e.screenshot(page, 'details');

  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#details'), false);
  assert.equal(await page.getAttribute('#connection', 'aria-expanded'), 'false');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.dialogs, []);
  await page.context().close();
});
