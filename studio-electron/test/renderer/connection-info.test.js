'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const info = require('../../src/renderer/lib/connection-info');

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

test('takes the token from the fragment and nothing else', () => {
  assert.equal(info.tokenFromFragment(`#token=${TOKEN}`), TOKEN);
  assert.equal(info.tokenFromFragment(`#lang=en&token=${TOKEN}`), TOKEN);
  assert.equal(info.tokenFromFragment('#token=short'), undefined);
  assert.equal(info.tokenFromFragment('#token=<script>alert(1)</script>aaaaaaaaaaaa'), undefined);
  assert.equal(info.tokenFromFragment(''), undefined);
});

test('removes the token from the fragment so it does not stay in the address bar', () => {
  assert.equal(info.fragmentWithoutToken(`#token=${TOKEN}`), '');
  assert.equal(info.fragmentWithoutToken(`#lang=en&token=${TOKEN}`), '#lang=en');
});

test('in browser mode the server is the page origin, over ws:// for the sockets', () => {
  assert.deepEqual(info.browserConnection({ protocol: 'http:', host: '127.0.0.1:41234' }, TOKEN),
    { url: 'http://127.0.0.1:41234', wsUrl: 'ws://127.0.0.1:41234', token: TOKEN });
  assert.equal(info.browserConnection({ protocol: 'file:', host: '' }, TOKEN), undefined);
});

test("the app's connection is usable only once the sidecar has a port", () => {
  assert.equal(info.usableConnection({ url: undefined, wsUrl: undefined, token: TOKEN }), false);
  assert.equal(info.usableConnection({ url: 'http://127.0.0.1:3847', wsUrl: 'ws://127.0.0.1:3847', token: TOKEN }), true);
});
