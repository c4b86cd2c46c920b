'use strict';

/*
 * Runs in the sandboxed window before the page. Exposes `window.crafty` with six named
 * functions and one fact, and nothing else; the page never sees ipcRenderer or the IPC event
 * objects.
 * The sandbox lets a preload require only 'electron', so the channel names (from
 * src/main/ipc-channels.js) arrive as a renderer argument set in window-options.js.
 */
const { contextBridge, ipcRenderer } = require('electron');

const CHANNELS_ARGUMENT = '--crafty-ipc-channels=';
const argument = process.argv.find((arg) => arg.startsWith(CHANNELS_ARGUMENT));
if (!argument) {
  throw new Error('The Crafty window was opened without its IPC channel names.');
}
const channels = JSON.parse(decodeURIComponent(argument.slice(CHANNELS_ARGUMENT.length)));

contextBridge.exposeInMainWorld('crafty', {
  /**
   * main.js switches on Chromium's wide echo cancellation (chromium-switches.js) before any
   * window opens: the microphone's canceller hears Crafty's voice, so hands-free may listen
   * while he speaks (src/renderer/lib/hands-free.js).
   */
  wideEchoCancellation: true,
  /** Resolves with {url, wsUrl, port, token, language}: how to reach the voice server. */
  getConnection: () => ipcRenderer.invoke(channels.getConnection),
  /** Resolves with the voice server's /status document, or null when it cannot be read now. */
  getStatus: () => ipcRenderer.invoke(channels.getStatus),
  /** Resolves with the voice server's current state payload ({state, url, port, reason, ...}). */
  getSidecarState: () => ipcRenderer.invoke(channels.getSidecarState),
  /** Starts the voice server again after a failure; resolves with the state it settles in. */
  retrySidecar: () => ipcRenderer.invoke(channels.retrySidecar),
  /**
   * Asks where to save, then writes the voice server's diagnostics bundle there; resolves with
   * {saved: true, fileName} or {saved: false} (cancelled).
   */
  saveDiagnostics: () => ipcRenderer.invoke(channels.saveDiagnostics),
  /**
   * Calls `listener(payload)` on every state change of the voice server.
   * Returns a function that unsubscribes.
   */
  onSidecarState: (listener) => {
    if (typeof listener !== 'function') {
      throw new TypeError('onSidecarState needs a function');
    }
    const forward = (_event, payload) => listener(payload);
    ipcRenderer.on(channels.sidecarState, forward);
    return () => ipcRenderer.removeListener(channels.sidecarState, forward);
  },
});
