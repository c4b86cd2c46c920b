'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { classifyExit } = require('../../src/main/exit-reason');

test('status 2 with an Invalid configuration line is a config error quoting that line', () => {
  const line = 'Invalid configuration server.port (SERVER_PORT) = "abc": expected a port number from 0 to 65535';
  assert.deepEqual(classifyExit({ code: 2, signal: null, stderr: ['starting', line] }),
    { kind: 'config-error', reason: line });
});

test('status 3 with an already-in-use line is a taken port quoting that line', () => {
  const line = 'Port 3847 on 127.0.0.1 is already in use';
  assert.deepEqual(classifyExit({ code: 3, signal: null, stderr: [line] }), { kind: 'port-in-use', reason: line });
});

test('status 3 without any output is still a taken port', () => {
  assert.equal(classifyExit({ code: 3, signal: null, stderr: [] }).kind, 'port-in-use');
});

test('a bind failure in a stack trace counts as a taken port whatever the status', () => {
  const stderr = [
    'SEVERE io.helidon.webserver.LoomServer: Failed to start listener: /127.0.0.1:3847',
    'Caused by: java.net.BindException: Address already in use',
    '\tat java.base/sun.nio.ch.Net.bind0(Native Method)',
  ];
  assert.equal(classifyExit({ code: 0, signal: null, stderr }).kind, 'port-in-use');
});

test('a kill by signal is a crash that names the signal', () => {
  const { kind, reason } = classifyExit({ code: null, signal: 'SIGKILL', stderr: [] });
  assert.equal(kind, 'crash');
  assert.match(reason, /was ended by SIGKILL/);
});

test('any other status is a crash that quotes the last three output lines', () => {
  const { kind, reason } = classifyExit({ code: 1, signal: null, stderr: ['a', 'b', 'c', 'd'] });
  assert.equal(kind, 'crash');
  assert.match(reason, /exited with status 1\. Last output: b \| c \| d$/);
});
