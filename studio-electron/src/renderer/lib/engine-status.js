/*
 * Reads GET /status into what the window shows: one indicator per engine (thinking = the LLM,
 * listening = speech-to-text, speaking = text-to-speech), what to do when one is missing, and
 * whether the voice button can work. An engine is taken from `engines.<role>` (engine,
 * available, lastError, detail, …) and, when the server does not report that role, from the
 * seed's boolean `services.<name>`; neither means "unknown". A recogniser whose
 * `detail.understands`, or a voice whose `detail.speaks`, does not include the configured
 * `language` is "wrong-language" (amber: "Hören: nur Englisch"), never ready, whatever
 * `available` says.
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

  /** The languages a speech engine handles, from detail.understands (stt) or detail.speaks (tts); undefined when not said. */
  function languagesOf(role, detail) {
    const facts = detail.detail && typeof detail.detail === 'object' ? detail.detail : {};
    const said = role === 'stt' ? facts.understands : role === 'tts' ? facts.speaks : undefined;
    return typeof said === 'string' ? said.split(',').map((code) => code.trim()).filter(Boolean) : undefined;
  }

  function engineOf(body, { role, service }) {
    const detail = body && body.engines && typeof body.engines === 'object' ? body.engines[role] : undefined;
    if (detail && typeof detail === 'object' && typeof detail.available === 'boolean') {
      const language = text(body.language);
      const languages = languagesOf(role, detail);
      const wrongLanguage = Boolean(language && languages && !languages.includes(language));
      const ready = detail.available && !wrongLanguage;
      return {
        role,
        state: wrongLanguage ? 'wrong-language' : ready ? 'ready' : 'missing',
        engine: text(detail.engine),
        lastError: ready ? undefined : text(detail.lastError),
        location: text(detail.location),
        model: text(detail.model),
        languages,
        language,
        problem: ready ? undefined : text((detail.detail && detail.detail.problem) || undefined),
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
   *   canListen: boolean, canSpeak: boolean, canThink: boolean, missing: object[], wrongLanguage: object[]}}
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
      wrongLanguage: engines.filter((engine) => engine.state === 'wrong-language'),
    };
  }

  /**
   * The help text for a missing engine: an i18n key and its parameters. An installed model its
   * engine cannot load (detail.problem model_damaged) is to be downloaded again in the setup card.
   */
  function helpFor(engine) {
    if (engine.problem === 'model_damaged') {
      return { key: 'help_damaged', params: { model: engine.model || '' } };
    }
    return {
      key: `help_${engine.role}`,
      params: {
        location: engine.location || (engine.role === 'llm' ? 'http://127.0.0.1:11434' : ''),
        model: engine.model || 'llama3.2',
      },
    };
  }

  /** "Englisch" / "Deutsch und Englisch" for language codes, through the translator `t`. */
  function languageNames(codes, t) {
    return (codes || []).map((code) => t(`language_${code}`)).join(t('languageAnd'));
  }

  /** What an engine's indicator says, through the translator `t`: "Hören: bereit", "Hören: nur Englisch", … */
  function engineLabel(engine, t) {
    const name = t(`engine_${engine.role}`);
    if (engine.state === 'wrong-language') {
      return engine.languages && engine.languages.length > 0
        ? t('engineWrongLanguage', { name, languages: languageNames(engine.languages, t) })
        : t('engineNoLanguage', { name, language: t(`language_${engine.language}`) });
    }
    return t(engine.state === 'ready' ? 'engineReady' : engine.state === 'missing' ? 'engineMissing' : 'engineUnknown', { name });
  }

  return { ROLES, readStatus, helpFor, engineLabel, languageNames };
}));
