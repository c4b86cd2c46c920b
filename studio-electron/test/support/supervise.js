'use strict';

/*
 * A supervising process for the orphan tests: starts `<command> [args…]` through a
 * SidecarSupervisor on a free port, prints `{"state":…,"pid":…}` once it has settled, then
 * waits to be killed.
 */
const { SidecarSupervisor } = require('../../src/main/sidecar');

const [command, ...args] = process.argv.slice(2);
const supervisor = new SidecarSupervisor({
  launcher: { command, args },
  port: 0,
  logger: { info() {}, warn() {}, error: (line) => process.stderr.write(`${line}\n`), child() { return this; } },
});
supervisor.start().then((snapshot) => {
  process.stdout.write(`${JSON.stringify({ state: snapshot.state, pid: supervisor.pid })}\n`);
});
