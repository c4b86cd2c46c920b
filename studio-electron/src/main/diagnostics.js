'use strict';

/*
 * "Save diagnostics" in the app: fetches the sidecar's GET /diagnostics with the bearer token
 * (the file:// page cannot, CORS) and writes the bundle to the file the parent chose. main.js
 * only asks Electron for that file; everything else is here. Nothing is sent anywhere.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const MAX_BYTES = 16 * 1024 * 1024;

/** crafty-diagnose-2026-11-24-0712.json for a bundle saved at that local time. */
function diagnosticsFileName(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `crafty-diagnose-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `-${pad(date.getHours())}${pad(date.getMinutes())}.json`;
}

/**
 * One GET <url>/diagnostics with the token; resolves with the parsed bundle.
 *
 * @throws {Error} on a connection problem, an answer other than 200, or a body that is not JSON
 */
function fetchDiagnostics(url, token, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const headers = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const request = http.get(`${url}/diagnostics`, { headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks = [];
      let size = 0;
      response.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_BYTES) {
          request.destroy(new Error(`the diagnostics are larger than ${MAX_BYTES} bytes`));
        } else {
          chunks.push(chunk);
        }
      });
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`the voice server answered /diagnostics with HTTP ${response.statusCode}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(new Error(`the voice server's diagnostics are not JSON: ${error.message}`));
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/**
 * Fetches the bundle and writes it, indented, to `file` (through a temporary file beside it, so
 * a failure never leaves half a file under the chosen name).
 *
 * @returns {Promise<{file: string, bytes: number}>}
 */
async function saveDiagnostics({ url, token, file, timeoutMs }) {
  const bundle = await fetchDiagnostics(url, token, timeoutMs);
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  try {
    await fs.promises.writeFile(partial, text, { encoding: 'utf8', mode: 0o600 });
    await fs.promises.rename(partial, file);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  return { file, bytes: Buffer.byteLength(text) };
}

module.exports = { diagnosticsFileName, fetchDiagnostics, saveDiagnostics };
