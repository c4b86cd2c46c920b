'use strict';

/**
 * A small line logger: `2026-01-31T10:00:00.000Z INFO [sidecar] message`, one line per call,
 * written to a stream (standard error by default; main.js adds the app's log file).
 *
 * @param {object} [options]
 * @param {string} [options.name] shown in brackets
 * @param {Array<{write(text: string): unknown}>} [options.streams] where lines go
 * @returns {{info(msg: string): void, warn(msg: string): void, error(msg: string): void,
 *   child(name: string): object}}
 */
function createLogger({ name = 'crafty', streams = [process.stderr] } = {}) {
  function write(level, message) {
    const line = `${new Date().toISOString()} ${level} [${name}] ${message}\n`;
    for (const stream of streams) {
      stream.write(line);
    }
  }
  return {
    info: (message) => write('INFO', message),
    warn: (message) => write('WARN', message),
    error: (message) => write('ERROR', message),
    child: (childName) => createLogger({ name: childName, streams }),
  };
}

module.exports = { createLogger };
