/*
 * What the connection details view shows, worked out from plain data: the sidecar's version,
 * uptime and engines from GET /status, the newest of several problems (socket, server error),
 * durations and clock times in words the i18n table fills, and the file name for a saved
 * diagnostics bundle.
 *
 * Loads as a classic script (window.CraftyUi.diagnosticsInfo) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory(typeof module === 'object' && module.exports ? require('./engine-status') : root.CraftyUi.engineStatus);
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi.diagnosticsInfo = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (engineStatus) {
  'use strict';

  function pad(number) {
    return String(number).padStart(2, '0');
  }

  /**
   * @param {object|null} body the parsed /status answer, or null
   * @returns {{reachable: boolean, version?: string, uptimeMs?: number, engines: object[]}}
   */
  function readDetails(body) {
    const status = engineStatus.readStatus(body);
    const version = status.reachable && typeof body.version === 'string' && body.version !== '' ? body.version : undefined;
    const uptimeMs = status.reachable && Number.isFinite(body.uptimeMs) && body.uptimeMs >= 0 ? body.uptimeMs : undefined;
    return { reachable: status.reachable, version, uptimeMs, engines: status.engines };
  }

  /** A duration as an i18n key and its numbers: "42 s", "3 min 5 s", "2 h 7 min". */
  function durationWords(ms) {
    const seconds = Math.floor(Math.max(0, ms) / 1000);
    if (seconds < 60) {
      return { key: 'durationSeconds', params: { s: seconds } };
    }
    if (seconds < 3600) {
      return { key: 'durationMinutes', params: { m: Math.floor(seconds / 60), s: seconds % 60 } };
    }
    return { key: 'durationHours', params: { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) } };
  }

  /** The problem with the latest `at` among those given (null and undefined are skipped). */
  function latestProblem(...problems) {
    return problems.filter(Boolean).reduce((latest, problem) => (!latest || problem.at >= latest.at ? problem : latest), null);
  }

  /** HH:MM:SS of a timestamp in the computer's time zone. */
  function clockTime(at) {
    const date = new Date(at);
    return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }

  /** crafty-diagnose-2026-11-24-0712.json for a bundle saved at that local time. */
  function diagnosticsFileName(date) {
    return `crafty-diagnose-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
      + `-${pad(date.getHours())}${pad(date.getMinutes())}.json`;
  }

  return { readDetails, durationWords, latestProblem, clockTime, diagnosticsFileName };
}));
