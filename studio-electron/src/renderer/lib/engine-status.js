/*
 * Reads GET /status into what the window shows: one indicator per engine (thinking = the LLM,
 * listening = speech-to-text, speaking = text-to-speech), what to do when one is missing, and
 * whether the voice button can work. An engine is taken from `engines.<role>` (engine,
 * available, lastError, detail, …) and, when the server does not report that role, from the
 * seed's boolean `services.<name>`; neither means "unknown".
 *
 * Loads as a classic script (window.CraftyUi.engineStatus) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.engineStatus = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /** The three roles, in the order the window shows them, with the seed's service names. */
  const ROLES = Object.freeze([
    Object.freeze({ role: 'llm', service: 'ollama' }),
    Object.freeze({ role: 'stt', service: 'whisper' }),
    Object.freeze({ role: 'tts', service: 'piper' }),
  ]);

  function text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  function engineOf(body, { role, service }) {
    const detail = body && body.engines && typeof body.engines === 'object' ? body.engines[role] : undefined;
    if (detail && typeof detail === 'object' && typeof detail.available === 'boolean') {
      return {
        role,
        state: detail.available ? 'ready' : 'missing',
        engine: text(detail.engine),
        lastError: detail.available ? undefined : text(detail.lastError),
        location: text(detail.location),
        model: text(detail.model),
      };
    }
    const up = body && body.services && typeof body.services === 'object' ? body.services[service] : undefined;
    if (typeof up === 'boolean') {
      return { role, state: up ? 'ready' : 'missing' };
    }
    return { role, state: 'unknown' };
  }

  /**
   * @param {object|null} body the parsed /status answer, or null when it could not be fetched
   * @returns {{reachable: boolean, language?: string, engines: object[], byRole: object,
   *   canListen: boolean, canSpeak: boolean, canThink: boolean, missing: object[]}}
   */
  function readStatus(body) {
    const reachable = Boolean(body && typeof body === 'object' && body.status === 'ok');
    const engines = ROLES.map((role) => (reachable ? engineOf(body, role) : { role: role.role, state: 'unknown' }));
    const byRole = Object.fromEntries(engines.map((engine) => [engine.role, engine]));
    return {
      reachable,
      language: reachable ? text(body.language) : undefined,
      engines,
      byRole,
      canThink: byRole.llm.state === 'ready',
      canListen: byRole.stt.state === 'ready',
      canSpeak: byRole.tts.state === 'ready',
      missing: engines.filter((engine) => engine.state === 'missing'),
    };
  }

  /** The help text for a missing engine: an i18n key and its parameters. */
  function helpFor(engine) {
    return {
      key: `help_${engine.role}`,
      params: {
        location: engine.location || (engine.role === 'llm' ? 'http://127.0.0.1:11434' : ''),
        model: engine.model || 'llama3.2',
      },
    };
  }

  return { ROLES, readStatus, helpFor };
}));
