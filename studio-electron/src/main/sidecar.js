'use strict';

const { randomBytes } = require('node:crypto');
const { EventEmitter } = require('node:events');

const { CrashPolicy } = require('./crash-policy');
const { classifyExit } = require('./exit-reason');
const { createLogger } = require('./logger');
const { findFreePort, isPortFree } = require('./ports');
const { waitUntilReady, ReadyTimeoutError } = require('./readiness');
const { sidecarEnv } = require('./sidecar-env');
const { SidecarProcess } = require('./sidecar-process');
// The state names live beside the window's code, which reads them too (a classic script there).
const { STATES, FAILURES: FAILURE_STATES } = require('../renderer/lib/sidecar-states');

const FAILURES = new Set(FAILURE_STATES);
const SETTLED = new Set([STATES.READY, STATES.STOPPED, ...FAILURES]);

/**
 * Starts, watches and stops the Java voice sidecar. Emits `state` with a serialisable payload
 * (see {@link SidecarSupervisor#snapshot}) on every change. See README.md for the life cycle.
 */
class SidecarSupervisor extends EventEmitter {
  /**
   * @param {object} options
   * @param {object|(() => Promise<object>)} options.launcher `{command, args}` or a function
   *   resolving to one (java-runtime.findSidecarLauncher); its SidecarNotFoundError becomes the
   *   no-java or no-sidecar state
   * @param {string} [options.host] interface the sidecar binds
   * @param {number} [options.port] its port; 0 picks a free one at each start()
   * @param {Record<string, string|undefined>} [options.env] environment the allow-list picks from
   * @param {boolean} [options.checkPort] refuse at once when something already listens on the port
   * @param {number} [options.readyTimeoutMs] how long GET /status may take to answer 200
   * @param {number} [options.pollIntervalMs] pause between readiness checks
   * @param {number} [options.stopTimeoutMs] grace period between SIGTERM and SIGKILL
   * @param {object} [options.crashPolicy] CrashPolicy options (limit, windowMs, initialDelayMs, maxDelayMs)
   * @param {object} [options.logger] {info, warn, error}; the sidecar's output goes here line by line
   */
  constructor({
    launcher, host = '127.0.0.1', port = 3847, env = process.env, checkPort = true,
    readyTimeoutMs = 20_000, pollIntervalMs = 100, stopTimeoutMs = 3_000, crashPolicy = {},
    logger = createLogger({ name: 'sidecar' }),
  }) {
    super();
    Object.assign(this, { launcher, host, configuredPort: port, env, checkPort, readyTimeoutMs,
      pollIntervalMs, stopTimeoutMs, logger });
    this.policy = new CrashPolicy(crashPolicy);
    this.current = undefined; // the SidecarProcess of the current attempt
    this.generation = 0;
    this.restartTimer = undefined;
    this.readiness = undefined;
    this.stopping = undefined;
    this.port = port || undefined;
    this.token = undefined;
    this.status = { state: STATES.STOPPED };
  }

  /** The current state name. */
  get state() {
    return this.status.state;
  }

  /** Process id of the running sidecar (or its launcher), if any. */
  get pid() {
    return this.current?.pid;
  }

  /**
   * The state payload sent to the renderer: plain data, no token.
   *
   * @returns {{state: string, url?: string, wsUrl?: string, port?: number, reason?: string,
   *   exitCode?: number|null, signal?: string|null, stderr?: string[], crashes?: number,
   *   delayMs?: number, startupMs?: number}}
   */
  snapshot() {
    const where = this.port ? { url: `http://${this.host}:${this.port}`, wsUrl: `ws://${this.host}:${this.port}`, port: this.port } : {};
    return { ...this.status, ...where };
  }

  /** What a client needs to talk to the sidecar: origins, port and this start's bearer token. */
  connection() {
    const { url, wsUrl, port } = this.snapshot();
    return { url, wsUrl, port, token: this.token };
  }

  /**
   * Starts the sidecar (again, after a failure or stop). Resolves with the snapshot once it is
   * ready or has reached a failure state; while it is already starting or running, resolves
   * with that attempt's outcome.
   *
   * @returns {Promise<object>} the snapshot
   */
  async start() {
    if (this.stopping) {
      await this.stopping;
    }
    if (this.state === STATES.READY) {
      return this.snapshot();
    }
    const settled = this.#nextSettled();
    if (this.state !== STATES.STARTING && this.state !== STATES.RESTARTING) {
      this.policy.reset();
      this.token = randomBytes(32).toString('hex');
      this.port = this.configuredPort || undefined;
      this.#launch(++this.generation);
    }
    return settled;
  }

  /**
   * Stops the sidecar: SIGTERM, then SIGKILL after stopTimeoutMs. Resolves once no sidecar
   * process is left and the state is `stopped`.
   *
   * @returns {Promise<void>}
   */
  stop() {
    if (!this.stopping) {
      this.stopping = this.#stopNow().finally(() => { this.stopping = undefined; });
    }
    return this.stopping;
  }

  async #stopNow() {
    this.generation++;
    clearTimeout(this.restartTimer);
    this.readiness?.abort();
    const running = this.current;
    if (running) {
      this.#setState(STATES.STOPPING);
      await running.stop(this.stopTimeoutMs);
      this.current = undefined;
    }
    if (this.state !== STATES.STOPPED) {
      this.#setState(STATES.STOPPED);
    }
  }

  #nextSettled() {
    return new Promise((resolve) => {
      const listener = (snapshot) => {
        if (SETTLED.has(snapshot.state)) {
          this.off('state', listener);
          resolve(snapshot);
        }
      };
      this.on('state', listener);
    });
  }

  #setState(state, details = {}) {
    this.status = { state, ...details };
    this.emit('state', this.snapshot());
  }

  #fail(state, reason, details = {}) {
    this.logger.error(`${state}: ${reason}`);
    this.#setState(state, { reason, ...details });
  }

  /** One attempt: find the launcher, check the port, spawn, wait for readiness. */
  async #launch(generation) {
    this.#setState(STATES.STARTING, this.status.state === STATES.RESTARTING ? { crashes: this.status.crashes } : {});
    let launcher;
    try {
      launcher = typeof this.launcher === 'function' ? await this.launcher() : this.launcher;
      this.port ??= await findFreePort(this.host);
      if (generation !== this.generation) {
        return;
      }
      if (this.checkPort && !(await isPortFree(this.host, this.port))) {
        if (generation === this.generation) {
          this.#fail(STATES.PORT_IN_USE, `Port ${this.port} on ${this.host} is already in use by another program.`);
        }
        return;
      }
    } catch (error) {
      if (generation === this.generation) {
        this.#fail(error.code === 'no-java' ? STATES.NO_JAVA : STATES.NO_SIDECAR, error.message);
      }
      return;
    }
    if (generation === this.generation) {
      this.#spawnSidecar(launcher, generation);
    }
  }

  #spawnSidecar({ command, args = [] }, generation) {
    const started = Date.now();
    const env = sidecarEnv(this.env, { host: this.host, port: this.port, token: this.token });
    const running = new SidecarProcess({ command, args, env, logger: this.logger });
    this.current = running;
    running.finished.then((exit) => this.#onExit(running, exit));
    if (running.pid) {
      this.logger.info(`started ${command} ${args.join(' ')} (pid ${running.pid}, port ${this.port})`);
      this.#awaitReady(running, generation, started);
    }
  }

  async #awaitReady(running, generation, started) {
    const readiness = new AbortController();
    this.readiness = readiness;
    try {
      await waitUntilReady({ url: this.snapshot().url, token: this.token, timeoutMs: this.readyTimeoutMs,
        intervalMs: this.pollIntervalMs, signal: readiness.signal });
      if (generation === this.generation && this.current === running) {
        const startupMs = Date.now() - started;
        this.logger.info(`ready on ${this.snapshot().url} after ${startupMs} ms`);
        this.#setState(STATES.READY, { startupMs });
      }
    } catch (error) {
      if (error instanceof ReadyTimeoutError && this.current === running && generation === this.generation) {
        this.#fail(STATES.START_TIMEOUT, error.message, { stderr: running.stderr.slice(-5) });
        await running.stop(this.stopTimeoutMs);
        if (this.current === running) {
          this.current = undefined;
        }
      }
    }
  }

  #onExit(running, { code, signal, stderr, spawnError }) {
    if (this.current !== running) {
      return;
    }
    this.readiness?.abort();
    if (running.expectedExit) {
      return;
    }
    this.current = undefined;
    if (spawnError) {
      this.#fail(STATES.NO_SIDECAR, `Could not start ${running.command}: ${spawnError.message}`);
      return;
    }
    const { kind, reason } = classifyExit({ code, signal, stderr });
    const details = { exitCode: code, signal, stderr: stderr.slice(-5) };
    if (kind !== 'crash') {
      this.#fail(kind === 'config-error' ? STATES.CONFIG_ERROR : STATES.PORT_IN_USE, reason, details);
      return;
    }
    const { giveUp, delayMs, recentCrashes } = this.policy.recordCrash();
    if (giveUp) {
      const window = Math.round(this.policy.windowMs / 1000);
      this.#fail(STATES.CRASHED, `${reason} It stopped ${recentCrashes} times within ${window} s; not trying again.`,
        { ...details, crashes: recentCrashes });
      return;
    }
    this.logger.warn(`${reason} Restarting in ${delayMs} ms.`);
    this.#setState(STATES.RESTARTING, { reason, ...details, crashes: recentCrashes, delayMs });
    const generation = this.generation;
    this.restartTimer = setTimeout(() => {
      if (generation === this.generation) {
        this.#launch(generation);
      }
    }, delayMs);
  }
}

module.exports = { SidecarSupervisor, STATES };
