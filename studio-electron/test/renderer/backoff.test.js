'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { createBackoff, delayFor } = require('../../src/renderer/lib/backoff');

test('doubles the delay after each failure up to the ceiling', () => {
  const ceilings = [0, 1, 2, 3, 4, 5, 6].map((attempt) => delayFor(attempt, {}, 1));
  assert.deepEqual(ceilings, [500, 1000, 2000, 4000, 8000, 15000, 15000]);
});

test('jitter keeps each delay between half and all of its ceiling', () => {
  assert.equal(delayFor(3, {}, 0), 2000);
  assert.equal(delayFor(3, {}, 0.5), 3000);
  const randoms = [0.1, 0.9, 0.4];
  const backoff = createBackoff({ random: () => randoms.shift() });
  const delays = [backoff.next(), backoff.next(), backoff.next()];
  assert.deepEqual(delays, [275, 950, 1400]);
  assert.equal(backoff.attempts, 3);
});

test('starts from the shortest delay again after a reset', () => {
  const backoff = createBackoff({ random: () => 1 });
  backoff.next();
  backoff.next();
  backoff.reset();
  assert.equal(backoff.next(), 500);
});
