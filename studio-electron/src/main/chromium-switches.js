'use strict';

/**
 * Command-line switches main.js gives Chromium before the app is ready.
 *
 * Chrome-wide echo cancellation runs the microphone's echo canceller in the audio service,
 * where it hears everything the app plays — Crafty's voice from Web Audio included. Without it
 * the canceller only removes audio that came over a WebRTC connection, and hands-free listening
 * could hear Crafty through the loudspeakers. The panel still trusts only what the microphone's
 * track reports (getSettings().echoCancellation) or headphones (src/renderer/lib/hands-free.js).
 */
const CHROMIUM_SWITCHES = Object.freeze([
  Object.freeze(['enable-features', 'ChromeWideEchoCancellation']),
]);

/**
 * Appends every switch to Electron's `app.commandLine`.
 *
 * @param {{appendSwitch: (name: string, value?: string) => void}} commandLine
 */
function applyChromiumSwitches(commandLine) {
  for (const [name, value] of CHROMIUM_SWITCHES) {
    commandLine.appendSwitch(name, value);
  }
}

module.exports = { CHROMIUM_SWITCHES, applyChromiumSwitches };
