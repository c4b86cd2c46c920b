/*
 * The voice server's life-cycle states, named once: the main process's supervisor
 * (src/main/sidecar.js) moves between them and sends them to the window, and the window
 * (lib/app-state.js) decides from them what its connection line says while the chat is not
 * connected. See studio-electron/README.md, "States".
 *
 * Loads as a classic script (window.CraftyUi.sidecarStates) and in Node (require), so the main
 * process and the page read the same names.
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.sidecarStates = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /** Every state the supervisor can be in; the failure states wait for start() or stop(). */
  const STATES = Object.freeze({
    STOPPED: 'stopped',
    STARTING: 'starting',
    READY: 'ready',
    RESTARTING: 'restarting',
    STOPPING: 'stopping',
    CRASHED: 'crashed-giving-up',
    PORT_IN_USE: 'port-in-use',
    CONFIG_ERROR: 'config-error',
    NO_JAVA: 'no-java',
    NO_SIDECAR: 'no-sidecar',
    START_TIMEOUT: 'start-timeout',
  });

  /** The states that stay until start() is called again. */
  const FAILURES = Object.freeze([STATES.CRASHED, STATES.PORT_IN_USE, STATES.CONFIG_ERROR, STATES.NO_JAVA,
    STATES.NO_SIDECAR, STATES.START_TIMEOUT]);

  /**
   * What the window's connection line shows for a supervisor state while the chat is not
   * connected: 'sidecar-starting', 'sidecar-restarting', 'sidecar-failed', or null (the chat
   * socket's own state tells it).
   */
  function shownState(state) {
    if (state === STATES.STARTING) {
      return 'sidecar-starting';
    }
    if (state === STATES.RESTARTING) {
      return 'sidecar-restarting';
    }
    return FAILURES.includes(state) ? 'sidecar-failed' : null;
  }

  return { STATES, FAILURES, shownState };
}));
