'use strict';

/**
 * Names of every IPC channel between the main process and the window, in one place. The
 * sandboxed preload cannot require this file, so main.js hands it the names through
 * `webPreferences.additionalArguments` (see window-options.js).
 */
const IPC_CHANNELS = Object.freeze({
  /** invoke → {url, wsUrl, port, token, language}: how to reach the voice sidecar. */
  getConnection: 'crafty:get-connection',
  /**
   * invoke → the body of the sidecar's GET /status (parsed), or null when it did not answer 200.
   * The main process asks with the token, so the file:// page needs no cross-origin request.
   */
  getStatus: 'crafty:get-status',
  /** invoke → the supervisor's current state payload. */
  getSidecarState: 'crafty:get-sidecar-state',
  /** invoke → starts the sidecar again after a failure; resolves with the settled state. */
  retrySidecar: 'crafty:retry-sidecar',
  /**
   * invoke → asks where to save (a save dialog), then writes the sidecar's GET /diagnostics
   * there: {saved: true, fileName} | {saved: false} when the parent cancelled. Rejects on failure.
   */
  saveDiagnostics: 'crafty:save-diagnostics',
  /** main → window: a new state payload each time the supervisor's state changes. */
  sidecarState: 'crafty:sidecar-state',
});

module.exports = { IPC_CHANNELS };
