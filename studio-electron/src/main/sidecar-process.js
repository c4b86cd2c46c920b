'use strict';

const readline = require('node:readline');

const { reapGroup, spawnGroup, stopTree } = require('./process-tree');

/** How many of the last stderr lines are kept to explain an exit. */
const STDERR_LINES_KEPT = 50;

/**
 * One run of the sidecar process: spawned as its own process group with its stdin held open,
 * every stdout and stderr line passed to the logger, the last stderr lines kept, and one
 * `finished` promise for however it ends.
 */
class SidecarProcess {
  /**
   * @param {object} options
   * @param {string} options.command executable to run
   * @param {string[]} options.args its arguments
   * @param {Record<string, string>} options.env its complete environment
   * @param {{info(line: string): void}} options.logger receives each output line
   */
  constructor({ command, args, env, logger }) {
    this.command = command;
    this.stderr = [];
    /** Set when the exit is wanted (stop, start-up timeout), so it is not a crash. */
    this.expectedExit = false;
    this.child = spawnGroup(command, args, env);
    this.pid = this.child.pid;
    /** Resolves with `{code, signal, stderr}` after the last output line, or `{spawnError}`. */
    this.finished = new Promise((resolve) => {
      this.child.on('error', (error) => {
        if (!this.child.pid) {
          resolve({ spawnError: error, stderr: [] });
        } else {
          logger.info(`sidecar process: ${error.message}`);
        }
      });
      // 'close' follows the last line on stdout and stderr, so the exit is judged with all of it.
      this.child.once('close', (code, signal) => {
        reapGroup(this.child, 1000).catch(() => {});
        resolve({ code, signal, stderr: this.stderr });
      });
    });
    if (this.pid) {
      readline.createInterface({ input: this.child.stdout }).on('line', (line) => logger.info(line));
      readline.createInterface({ input: this.child.stderr }).on('line', (line) => {
        logger.info(line);
        this.stderr.push(line);
        if (this.stderr.length > STDERR_LINES_KEPT) {
          this.stderr.shift();
        }
      });
    }
  }

  /**
   * Ends the process as wanted: SIGTERM to its group, SIGKILL after `timeoutMs`; resolves once
   * nothing of it is left.
   */
  stop(timeoutMs) {
    this.expectedExit = true;
    return stopTree(this.child, timeoutMs);
  }
}

module.exports = { SidecarProcess };
