'use strict';

/*
 * The layout in Chromium at every breakpoint, from a phone-sized side panel to a desktop: the
 * page itself never scrolls (only the message list does), the controls a child needs are inside
 * the window, and a click at the centre of each button reaches that button and nothing on top
 * of it: also in the drawer and in the connection details. And text is readable: the contrast of
 * the chat's names, hints and badges against what is behind them is at least 4.5:1 (WCAG AA).
 */
const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const e2e = require('./support/e2e');

/** Phones and side panels, a tablet, the app's own first window (1024×720 less its title bar), desktops. */
const SIZES = [[360, 800], [420, 800], [480, 690], [768, 800], [1024, 690], [1280, 800], [1280, 600]];

let fake;
let sidecar;
let browser;

before(async () => {
  fake = await e2e.startFakeOllama(['--echo', '--token-ms', '5']);
  sidecar = await e2e.startSidecar({ token: e2e.newToken(), ollamaUrl: fake.url });
  browser = await e2e.launchChromium();
});

after(async () => {
  await Promise.allSettled([browser?.close(), sidecar?.stop(), fake?.stop()]);
});

/** How far the page scrolls, and for each selector: inside the window, and whether a click at its centre reaches it. */
function inspect(page, selectors) {
  return page.evaluate((wanted) => {
    const root = document.documentElement;
    const controls = {};
    for (const selector of wanted) {
      const node = document.querySelector(selector);
      const box = node.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      controls[selector] = {
        inside: box.width > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
        reached: Boolean(hit && (hit === node || node.contains(hit))),
        hit: hit ? `${hit.tagName.toLowerCase()}#${hit.id}.${hit.className}` : null,
      };
    }
    return { scrollX: root.scrollWidth - innerWidth, scrollY: root.scrollHeight - innerHeight, controls };
  }, selectors);
}

function assertReachable(result, size) {
  assert.equal(result.scrollX, 0, `${size}: no sideways scrolling`);
  assert.equal(result.scrollY, 0, `${size}: no page scrolling`);
  for (const [selector, control] of Object.entries(result.controls)) {
    assert.ok(control.inside, `${size}: ${selector} is inside the window`);
    assert.ok(control.reached, `${size}: a click on ${selector} reaches it, not ${control.hit}`);
  }
}

/** Lines of Crafty's newest reply the child can read at the foot of the message list. */
const READABLE_LINES = 2;

/** The newest reply ends in view, and the list shows at least READABLE_LINES lines of it. */
async function assertReplyReadable(page, size) {
  const reply = await page.evaluate(() => {
    const last = document.querySelector('.message-crafty:last-child .message-text');
    const box = last.getBoundingClientRect();
    const list = document.getElementById('messages').getBoundingClientRect();
    return { bottom: box.bottom, top: box.top, listBottom: list.bottom, listTop: list.top,
      line: parseFloat(getComputedStyle(last).lineHeight) };
  });
  assert.ok(reply.bottom <= reply.listBottom + 1, `${size}: the newest reply ends in view`);
  const shown = (reply.bottom - Math.max(reply.top, reply.listTop)) / reply.line;
  assert.ok(shown >= READABLE_LINES - 0.1, `${size}: ${shown.toFixed(1)} lines of the newest reply show, not ${READABLE_LINES}`);
}

for (const [width, height] of SIZES) {
  const size = `${width}×${height}`;
  test(`at ${size} the page fits the window and every control takes its own click`, async () => {
    const { page, context, problems } = await e2e.openPanel(browser, sidecar, { viewport: { width, height } });
    for (let i = 1; i <= 4; i += 1) {
      await e2e.typeAndSend(page, `Frage ${i}: wie baue ich einen Turm aus Bruchstein und Glas?`);
      await page.waitForSelector(`.message-crafty:last-child[data-state="done"]:has-text("Frage ${i}")`);
    }
    const main = await inspect(page, ['#input', '#send', '#voice-button', '#sessions-toggle', '#connection', '#mood-text',
      '#speak-replies']);
    assertReachable(main, size);
    await e2e.screenshot(page, `layout-${width}x${height}`);
    await assertReplyReadable(page, size);

    // while Crafty speaks, pause and stop are in view beside the button (on a narrow window in
    // place of its hint and the hands-free switch)
    await page.check('#speak-replies');
    await e2e.typeAndSend(page, 'Erzähl mir eine lange Geschichte über Creeper, Diamanten und Redstone');
    await page.waitForSelector('#voice-button[data-state="speaking"]', { timeout: 20_000 });
    const speaking = ['#voice-button', '#pause', '#stop-playback'];
    for (const [shown, selector] of [['#voice-hint', '#voice-hint'], ['#hands-free', '#hands-free-toggle']]) {
      if (await page.isVisible(shown)) {
        speaking.push(selector);
      }
    }
    assert.equal(await page.isVisible('#voice-hint'), width > 860, `${size}: the hint shows beside pause and stop`);
    await e2e.screenshot(page, `layout-${width}x${height}-speaking`);
    assertReachable(await inspect(page, speaking), `${size} speaking`);
    await assertReplyReadable(page, `${size} speaking`);
    await page.click('#stop-playback');
    await page.waitForSelector('#playback', { state: 'hidden' });
    await page.uncheck('#speak-replies');

    await page.click('#sessions-toggle');
    await page.waitForSelector('#sessions:not([hidden]) .session');
    // the list scrolls inside the drawer on a small window (the page still does not)
    await page.$eval('#sessions .session-open', (node) => node.scrollIntoView({ block: 'nearest' }));
    assertReachable(await inspect(page, ['#new-chat', '#sessions-close', '#sessions .session-open']), `${size} drawer`);
    await e2e.screenshot(page, `layout-${width}x${height}-drawer`);
    await page.click('#sessions-close');
    await page.waitForSelector('#sessions', { state: 'hidden' });

    await page.click('#connection');
    await page.waitForSelector('#details:not([hidden])');
    // On a short window the details scroll inside themselves (the page still does not), and
    // their close button stays in view.
    await page.$eval('#save-diagnostics', (node) => node.scrollIntoView({ block: 'nearest' }));
    assertReachable(await inspect(page, ['.details-close', '#save-diagnostics']), `${size} details`);
    await e2e.screenshot(page, `layout-${width}x${height}-details`);
    await page.mouse.click(...await page.$eval('.details-close', (node) => {
      const box = node.getBoundingClientRect();
      return [box.left + box.width / 2, box.top + box.height / 2];
    }));
    await page.waitForSelector('#details', { state: 'hidden' });
    assert.equal(await page.getAttribute('#sessions-toggle', 'aria-expanded'), 'false', 'the click closed the details only');
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.console, []);
    await context.close();
  });
}

test('the names, hints and badges in the window have a contrast of at least 4.5:1', async () => {
  const { page, context } = await e2e.openPanel(browser, sidecar);
  await e2e.typeAndSend(page, 'Hallo');
  await page.waitForSelector('.message-crafty:last-child[data-state="done"]');
  const ratios = await page.evaluate(() => {
    const channel = (c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const rgba = (text) => text.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    /** The first opaque background colour behind `node` (no picture in between). */
    const backdrop = (node) => {
      for (let at = node; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        const colour = rgba(style.backgroundColor);
        if (colour.length < 4 || colour[3] === 1) {
          return colour.slice(0, 3);
        }
        if (style.backgroundImage !== 'none') {
          return null;
        }
      }
      return [255, 255, 255];
    };
    const out = {};
    for (const selector of ['.message-crafty .message-name', '.message-child .message-name', '.voice-hint',
      '.connection-text', '.message-crafty .message-text', '.message-child .message-text', '#mood-text', '.voice-label']) {
      const node = document.querySelector(selector);
      const behind = backdrop(node);
      const fore = luminance(rgba(getComputedStyle(node).color));
      const back = luminance(behind);
      out[selector] = Math.round(((Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05)) * 100) / 100;
    }
    return out;
  });
  for (const [selector, ratio] of Object.entries(ratios)) {
    assert.ok(ratio >= 4.5, `${selector}: ${ratio}:1`);
  }
  await context.close();
});
