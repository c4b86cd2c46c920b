'use strict';

/*
 * A supervising process for the orphan test: starts the real voice server through a
 * SidecarSupervisor, prints `{"pid":…,"url":…}` once it is ready, then waits to be killed.
 * Usage: node supervise.js <java> <jar>
 */
const { SidecarSupervisor } = require('../../src/main/sidecar');

const [java, jar] = process.argv.slice(2);
const supervisor = new SidecarSupervisor({
  launcher: { command: java, args: ['-jar', jar] },
  port: 0,
  logger: { info() {}, warn() {}, error: (line) => process.stderr.write(`${line}\n`), child() { return this; } },
});
supervisor.start().then((snapshot) => {
  process.stdout.write(`${JSON.stringify({ state: snapshot.state, pid: supervisor.pid, url: snapshot.url })}\n`);
});
