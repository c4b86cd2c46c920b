'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { buildCsp } = require('../../src/main/csp');

function directives(policy) {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

test("starts from default-src 'none'", () => {
  assert.ok(buildCsp({ port: 3847 }).startsWith("default-src 'none';"));
});

test("lets the page connect to its own origin and exactly the sidecar's", () => {
  assert.deepEqual(directives(buildCsp({ port: 40123 })).get('connect-src'),
    ["'self'", 'ws://127.0.0.1:40123', 'http://127.0.0.1:40123']);
});

test('allows no inline or evaluated script and no remote source; only WebAssembly may be compiled', () => {
  const policy = buildCsp({ port: 3847 });
  assert.doesNotMatch(policy.replace("'wasm-unsafe-eval'", ''), /unsafe-|\*|https?:\/\/(?!127\.0\.0\.1:3847)/);
  // hands-free listening runs Silero VAD in onnxruntime's WebAssembly; eval stays forbidden
  assert.deepEqual(directives(policy).get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.equal(directives(policy).get('worker-src'), undefined);
});

test('refuses something that is not a port', () => {
  assert.throws(() => buildCsp({ port: 0 }), RangeError);
  assert.throws(() => buildCsp({ port: '3847; script-src *' }), RangeError);
});

test("the page's meta policy is the same policy for any loopback port", () => {
  const html = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'renderer', 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'index.html has a CSP meta tag');
  assert.equal(meta[1], buildCsp({ port: '*' }));
});
