'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { Outbox, DEFAULT_LIMIT } = require('../../src/renderer/lib/outbox');

test('keeps messages in the order they were typed', () => {
  const outbox = new Outbox();
  ['a', 'b', 'c'].forEach((text) => outbox.push({ text }));
  assert.deepEqual([outbox.shift(), outbox.shift(), outbox.shift()].map((m) => m.text), ['a', 'b', 'c']);
  assert.equal(outbox.size, 0);
});

test('holds 100 messages and refuses the 101st instead of dropping an older one', () => {
  const outbox = new Outbox();
  assert.equal(DEFAULT_LIMIT, 100);
  for (let i = 0; i < 100; i++) {
    assert.equal(outbox.push({ i }), true);
  }
  assert.equal(outbox.full, true);
  assert.equal(outbox.push({ i: 100 }), false);
  assert.equal(outbox.size, 100);
  assert.deepEqual(outbox.peek(), { i: 0 });
});
