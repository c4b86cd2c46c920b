'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { createLogger } = require('../../src/main/logger');

test('writes one timestamped line per message with its level and name to every stream', () => {
  const first = [];
  const second = [];
  const streams = [{ write: (text) => first.push(text) }, { write: (text) => second.push(text) }];
  const logger = createLogger({ name: 'app', streams });
  logger.info('hello');
  logger.child('sidecar').error('gone');
  assert.equal(first.length, 2);
  assert.deepEqual(first, second);
  assert.match(first[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO \[app\] hello\n$/);
  assert.match(first[1], / ERROR \[sidecar\] gone\n$/);
});
