'use strict';

const { spawn, spawnSync } = require('node:child_process');

const WINDOWS = process.platform === 'win32';

/**
 * Starts `command` as the leader of its own process group (POSIX), so that a launcher script
 * and the JVM it starts can be signalled together. Standard input is a pipe the caller keeps
 * open and never writes to; standard output and error are pipes too.
 *
 * @param {string} command executable (a .bat/.cmd on Windows runs through cmd.exe)
 * @param {string[]} args arguments; never secrets (they are visible in the process list)
 * @param {Record<string, string>} env the complete environment of the child
 * @returns {import('node:child_process').ChildProcess}
 */
function spawnGroup(command, args, env) {
  const batch = WINDOWS && /\.(bat|cmd)$/i.test(command);
  const child = spawn(batch ? `"${command}"` : command, args, {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: !WINDOWS,
    shell: batch,
    windowsHide: true,
  });
  // The child may die while we hold its stdin; a write error there is expected, not a crash.
  child.stdin.on('error', () => {});
  return child;
}

/** Whether any process of the group led by `pid` still exists (POSIX). */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Sends `signal` to the child and everything in its process group. On Windows SIGTERM closes
 * the child's standard input (the sidecar then shuts down by itself) and SIGKILL ends the whole
 * tree with taskkill.
 */
function signalTree(child, signal) {
  if (!child.pid) {
    return;
  }
  if (WINDOWS) {
    if (signal === 'SIGKILL') {
      spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true });
    } else {
      child.stdin.end();
    }
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') {
      throw error;
    }
  }
}

/** Resolves when the child process has exited (at once if it already has). */
function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
    return Promise.resolve();
  }
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Stops the child politely (SIGTERM to its group), then forcibly (SIGKILL) if it is still
 * there after `timeoutMs`, and resolves once the child and, on POSIX, every process of its
 * group are gone (giving up on stragglers after a second timeout, e.g. unreaped zombies).
 *
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} timeoutMs grace period before SIGKILL
 * @returns {Promise<void>}
 */
async function stopTree(child, timeoutMs) {
  const gone = exited(child);
  signalTree(child, 'SIGTERM');
  let timer;
  const forced = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  if (await Promise.race([gone, forced]) === 'timeout') {
    signalTree(child, 'SIGKILL');
    await gone;
  }
  clearTimeout(timer);
  await reapGroup(child, timeoutMs);
}

/**
 * After the group leader exited: kills what is left of its group and waits (bounded) until
 * nothing is left. Polls because a process that is not our child offers no exit event.
 */
async function reapGroup(child, timeoutMs) {
  if (WINDOWS || !child.pid || !groupAlive(child.pid)) {
    return;
  }
  signalTree(child, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(child.pid) && Date.now() < deadline) {
    await delay(20);
  }
}

module.exports = { spawnGroup, signalTree, stopTree, reapGroup, exited };
