'use strict';

/**
 * Content Security Policy of the Crafty window. It starts from `default-src 'none'` and allows
 * only the app's own files plus, in connect-src, the page's own origin (hands-free listening
 * fetches its model and WebAssembly from there) and the voice sidecar's origin (`ws://` for the
 * chat and voice sockets, `http://` for /status). Scripts may compile
 * WebAssembly ('wasm-unsafe-eval': hands-free listening runs Silero VAD in onnxruntime-web's
 * WebAssembly build, copied into vendor/), never evaluate strings.
 *
 * main.js sends it with the exact port as a response header; the page's meta tag carries the
 * same policy with port `*` so that the page stays loopback-only even where no header applies.
 * Browsers enforce both, so the stricter one wins.
 *
 * @param {object} options
 * @param {string} [options.host] the sidecar's host
 * @param {number|'*'} options.port the sidecar's port, or '*' for the meta tag
 * @returns {string}
 */
function buildCsp({ host = '127.0.0.1', port }) {
  if (port !== '*' && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new RangeError(`not a port: ${port}`);
  }
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self' ws://${host}:${port} http://${host}:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

module.exports = { buildCsp };
