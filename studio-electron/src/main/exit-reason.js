'use strict';

/**
 * What an unexpected exit of the sidecar means, from its exit status and last stderr lines.
 * The sidecar's contract: status 2 and a line starting `Invalid configuration` for a bad
 * setting; status 3 and a line containing `already in use` when its port is taken. Neither is
 * helped by starting again. Anything else is a crash.
 *
 * @param {object} exit
 * @param {number|null} exit.code exit status, null when a signal ended the process
 * @param {string|null} exit.signal the signal's name, or null
 * @param {string[]} exit.stderr the last lines the sidecar wrote to standard error
 * @returns {{kind: 'config-error'|'port-in-use'|'crash', reason: string}}
 */
function classifyExit({ code, signal, stderr }) {
  const configLine = stderr.find((line) => line.startsWith('Invalid configuration'));
  if (code === 2 || configLine) {
    return { kind: 'config-error', reason: configLine ?? `The voice server rejected its configuration (exit status ${code}).` };
  }
  const portLine = stderr.find((line) => /already in use/i.test(line));
  if (code === 3 || portLine) {
    return { kind: 'port-in-use', reason: portLine ?? `The voice server's port is already in use (exit status ${code}).` };
  }
  const how = signal ? `was ended by ${signal}` : `exited with status ${code}`;
  const last = stderr.length > 0 ? ` Last output: ${stderr.slice(-3).join(' | ')}` : '';
  return { kind: 'crash', reason: `The voice server ${how}.${last}` };
}

module.exports = { classifyExit };
