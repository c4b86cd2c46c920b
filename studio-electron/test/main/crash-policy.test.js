'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { CrashPolicy } = require('../../src/main/crash-policy');

function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

test('doubles the pause before each restart and gives up at the fifth crash within a minute', () => {
  const { now } = clock();
  const policy = new CrashPolicy({ now });
  const decisions = Array.from({ length: 5 }, () => policy.recordCrash());
  assert.deepEqual(decisions.map((d) => d.delayMs), [500, 1000, 2000, 4000, 0]);
  assert.deepEqual(decisions.map((d) => d.giveUp), [false, false, false, false, true]);
  assert.equal(decisions[4].recentCrashes, 5);
});

test('forgets crashes older than the window', () => {
  const { time, now } = clock();
  const policy = new CrashPolicy({ now, windowMs: 60_000 });
  for (let i = 0; i < 4; i++) {
    policy.recordCrash();
  }
  time.now += 60_000;
  assert.deepEqual(policy.recordCrash(), { giveUp: false, delayMs: 500, recentCrashes: 1 });
});

test('never pauses longer than the maximum', () => {
  const { now } = clock();
  const policy = new CrashPolicy({ now, limit: 10, initialDelayMs: 1000, maxDelayMs: 3000 });
  const delays = Array.from({ length: 4 }, () => policy.recordCrash().delayMs);
  assert.deepEqual(delays, [1000, 2000, 3000, 3000]);
});

test('starts counting afresh after a reset', () => {
  const { now } = clock();
  const policy = new CrashPolicy({ now, limit: 2 });
  policy.recordCrash();
  policy.reset();
  assert.equal(policy.recordCrash().giveUp, false);
  assert.equal(policy.recordCrash().giveUp, true);
});
