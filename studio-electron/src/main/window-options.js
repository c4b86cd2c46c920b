'use strict';

const { IPC_CHANNELS } = require('./ipc-channels');

/**
 * Prefix of the renderer argument that carries the IPC channel names to the preload, as
 * URI-encoded JSON: no quotes or backslashes, which Windows command lines would mangle.
 */
const CHANNELS_ARGUMENT = '--crafty-ipc-channels=';

/**
 * BrowserWindow options for the Crafty window. Every security-relevant preference is set
 * explicitly, even where Electron's default already agrees, so that a reader (and a test) can
 * see it: isolated, sandboxed renderer without Node, no <webview>, web security on.
 *
 * @param {object} options
 * @param {string} options.preloadPath absolute path of src/preload/preload.js
 * @param {Record<string, string>} [options.channels] IPC channel names handed to the preload
 * @returns {object} options for `new BrowserWindow(...)`
 */
function windowOptions({ preloadPath, channels = IPC_CHANNELS }) {
  return {
    width: 1024,
    height: 720,
    minWidth: 480,
    minHeight: 400,
    show: false,
    title: 'Crafty',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      additionalArguments: [`${CHANNELS_ARGUMENT}${encodeURIComponent(JSON.stringify(channels))}`],
    },
  };
}

module.exports = { windowOptions, CHANNELS_ARGUMENT };
