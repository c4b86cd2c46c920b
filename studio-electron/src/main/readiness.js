'use strict';

const http = require('node:http');

/** The sidecar did not answer GET /status with 200 in time. */
class ReadyTimeoutError extends Error {
  constructor(timeoutMs, lastProblem) {
    super(`The voice server did not answer within ${Math.round(timeoutMs / 100) / 10} s`
      + (lastProblem ? ` (last attempt: ${lastProblem})` : ''));
    this.name = 'ReadyTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** One GET /status; resolves with {statusCode, body}, rejects on connection problems. */
function getStatus(url, token, timeoutMs) {
  return new Promise((resolve, reject) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const request = http.get(`${url}/status`, { headers, agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ statusCode: response.statusCode, body }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

function abortError(signal) {
  return signal.reason instanceof Error ? signal.reason : new Error('readiness check aborted');
}

/**
 * Polls `GET <url>/status` with the bearer token until it answers 200, then resolves with the
 * parsed JSON body. Connection refused, 401 and 503 all mean "not yet" and are tried again
 * after `intervalMs`; there is no fixed start-up sleep.
 *
 * @param {object} options
 * @param {string} options.url server origin, e.g. http://127.0.0.1:3847
 * @param {string} [options.token] sent as `Authorization: Bearer <token>`
 * @param {number} [options.timeoutMs] overall deadline
 * @param {number} [options.intervalMs] pause between attempts
 * @param {AbortSignal} [options.signal] stops polling (e.g. the process died)
 * @returns {Promise<object>} the status JSON
 * @throws {ReadyTimeoutError} after the deadline; the signal's reason when aborted
 */
async function waitUntilReady({ url, token, timeoutMs = 20_000, intervalMs = 100, signal }) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem;
  for (;;) {
    if (signal?.aborted) {
      throw abortError(signal);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new ReadyTimeoutError(timeoutMs, lastProblem);
    }
    try {
      const { statusCode, body } = await getStatus(url, token, Math.min(remaining, 2_000));
      if (statusCode === 200) {
        return JSON.parse(body);
      }
      lastProblem = `HTTP ${statusCode}`;
    } catch (error) {
      lastProblem = error.code ?? error.message;
    }
    await pause(Math.min(intervalMs, Math.max(0, deadline - Date.now())), signal);
  }
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

module.exports = { waitUntilReady, getStatus, ReadyTimeoutError };
