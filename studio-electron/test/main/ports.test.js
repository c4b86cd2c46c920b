'use strict';

const assert = require('node:assert/strict');
const net = require('node:net');
const { test } = require('node:test');

const { findFreePort, isPortFree } = require('../../src/main/ports');

function listen(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

test('a port another program listens on is not free, and is free again once it closes', async () => {
  const holder = await listen(0);
  const { port } = holder.address();
  assert.equal(await isPortFree('127.0.0.1', port), false);
  await new Promise((resolve) => holder.close(resolve));
  assert.equal(await isPortFree('127.0.0.1', port), true);
});

test('finds a port that can then be bound', async () => {
  const port = await findFreePort('127.0.0.1');
  assert.ok(port > 0 && port < 65536);
  const server = await listen(port);
  await new Promise((resolve) => server.close(resolve));
});

test('an address that cannot be bound is an error, not a busy port', async () => {
  await assert.rejects(isPortFree('192.0.2.1', 0), { code: 'EADDRNOTAVAIL' });
});
