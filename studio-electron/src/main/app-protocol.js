'use strict';

/**
 * The app's own scheme, crafty://app/, from which the window loads src/renderer instead of
 * file:// (Electron's security guide recommends a custom protocol over file://). A page from
 * file:// may not fetch files or load AudioWorklet modules in Chromium, so hands-free
 * listening (the Silero model, onnxruntime's WebAssembly, the worklets) needs a real origin.
 * The scheme is registered as standard and secure (a secure context may use the microphone and
 * AudioWorklet) and may be fetched; it serves only files under the renderer directory, each
 * with the window's Content-Security-Policy.
 *
 * main.js registers SCHEME before the app is ready and answers requests with appResponse().
 */
const fs = require('node:fs/promises');
const path = require('node:path');

const SCHEME = 'crafty';
const HOST = 'app';
/** The origin the page has, which the sidecar's Origin allow-list names (crafty.origins). */
const APP_ORIGIN = `${SCHEME}://${HOST}`;
const PAGE_URL = `${APP_ORIGIN}/index.html`;
/** For protocol.registerSchemesAsPrivileged. */
const SCHEME_PRIVILEGES = Object.freeze({ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } });

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` a crafty://app/ URL names, or null when it names none: another host
 * or scheme, a path that leaves `root` (also percent-encoded), or a malformed URL.
 */
function resolveAppFile(url, root) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${SCHEME}:` || parsed.host !== HOST) {
    return null;
  }
  let relative;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) {
    return null;
  }
  const file = path.resolve(root, `.${relative === '/' ? '/index.html' : relative}`);
  return file.startsWith(`${path.resolve(root)}${path.sep}`) ? file : null;
}

/**
 * The response to a request for `url`: the file with its type and the CSP, 404 for anything
 * else. Only GET and HEAD are answered.
 *
 * @param {string} url
 * @param {{root: string, csp: string, method?: string}} options
 * @returns {Promise<Response>}
 */
async function appResponse(url, { root, csp, method = 'GET' }) {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } });
  }
  const file = resolveAppFile(url, root);
  if (file) {
    try {
      const body = await fs.readFile(file);
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Type': type } });
    } catch (error) {
      if (error.code !== 'ENOENT' && error.code !== 'EISDIR' && error.code !== 'ENOTDIR') {
        throw error;
      }
    }
  }
  return new Response('not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

module.exports = { SCHEME, APP_ORIGIN, PAGE_URL, SCHEME_PRIVILEGES, resolveAppFile, appResponse };
