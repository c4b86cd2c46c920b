'use strict';

/*
 * The renderer builds its page with createElement and textContent only: no code path can turn
 * a child's, Crafty's or the server's text into markup, and nothing is evaluated as code.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const RENDERER = path.join(__dirname, '..', '..', 'src', 'renderer');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

const SOURCES = files(RENDERER).filter((file) => /\.(js|html)$/.test(file));

test('no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function', () => {
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\s*\(|new\s+Function|setTimeout\s*\(\s*['"`]|srcdoc|createContextualFragment)/;
  assert.ok(SOURCES.length > 10);
  for (const file of SOURCES) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      assert.doesNotMatch(line, sinks, `${path.relative(RENDERER, file)}:${i + 1}`);
    });
  }
});

test('the page has no inline script, inline style or event-handler attribute', () => {
  const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
  assert.doesNotMatch(html, /<style\b|\sstyle="/, 'inline style');
  assert.doesNotMatch(html, /\son[a-z]+="/, 'event-handler attribute');
  assert.doesNotMatch(html, /type="module"/, 'module scripts do not load from file:// in Chromium');
});
