/*
 * Every word the window shows, in German (the default) and English. The language follows the
 * voice server's `language` from /status (and, in the app, the preload's getConnection()), so
 * the window and Crafty speak the same language. `{name}` in a string is replaced by params.name.
 *
 * Loads as a classic script (window.CraftyUi.i18n) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.i18n = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const DEFAULT_LANGUAGE = 'de';

  const STRINGS = {
    de: {
      tagline: 'Dein Bau-Kumpel',
      stageTitle: 'Mit Crafty sprechen',
      chatTitle: 'Chat',
      you: 'Du',
      crafty: 'Crafty',
      oops: 'Hoppla!',
      connecting: 'Verbinde mit Crafty …',
      online: 'Verbunden',
      onlineRtt: 'Verbunden · {ms} ms',
      reconnecting: 'Getrennt · neuer Versuch in {seconds} s',
      reconnectingNow: 'Verbinde neu …',
      offline: 'Offline · nächster Versuch in {seconds} s',
      retry: 'Jetzt verbinden',
      noServer: 'Ich weiß nicht, wo Crafty wohnt. Starte die Crafty-App neu.',
      sidecarStarting: 'Crafty wacht auf …',
      sidecarRestarting: 'Crafty startet neu …',
      sidecarFailed: 'Crafty konnte nicht starten',
      enginesLabel: 'Was Crafty gerade kann',
      engine_llm: 'Denken',
      engine_stt: 'Hören',
      engine_tts: 'Sprechen',
      engineReady: '{name}: bereit',
      engineMissing: '{name}: fehlt',
      engineUnknown: '{name}: unbekannt',
      engineHelpTitle: 'Was fehlt? Hilfe für Erwachsene',
      help_llm: 'Crafty kann gerade nicht denken. Starte Ollama ({location}) und lade das Modell mit „ollama pull {model}“.',
      help_stt: 'Crafty kann gerade nicht zuhören. Richte die Spracherkennung ein (whisper.cpp, oder pocketsphinx aus den Paketen). Schreiben geht trotzdem.',
      help_tts: 'Crafty kann gerade nicht laut sprechen, er schreibt dafür. Installiere Piper oder espeak-ng.',
      helpError: 'Meldung: {error}',
      statusUnreachable: 'Ich kann gerade nicht nachsehen, was Crafty kann.',
      detailsOpen: 'Verbindung: Details zeigen',
      detailsTitle: 'Verbindung',
      detailsClose: 'Schließen',
      detailsRtt: 'Antwortzeit',
      detailsRttValue: '{ms} ms',
      detailsReconnects: 'Neu verbunden',
      detailsReconnectsValue: '{count}×',
      detailsLastError: 'Letzter Fehler',
      detailsNoError: 'keiner',
      detailsErrorValue: '{time} · {code} {text}',
      detailsVersion: 'Crafty-Version',
      detailsUptime: 'Läuft seit',
      detailsUnknown: 'unbekannt',
      detailsEngines: 'Was Crafty kann',
      detailsAdults: 'Für Erwachsene',
      diagnosticsHint: 'Speichert einen Bericht für die Fehlersuche in eine Datei (ohne Chat-Texte, ohne Passwörter). Nichts wird verschickt.',
      diagnosticsSave: 'Diagnose speichern',
      diagnosticsSaving: 'Speichere …',
      diagnosticsSaved: 'Gespeichert!',
      diagnosticsSavedAs: 'Gespeichert! ({file})',
      diagnosticsFailed: 'Speichern hat nicht geklappt: {error}',
      durationSeconds: '{s} s',
      durationMinutes: '{m} min {s} s',
      durationHours: '{h} h {m} min',
      voiceIdle: 'Drück & sprich',
      voiceIdleHint: 'Halte den Knopf gedrückt, während du sprichst. Oder tipp einmal zum Starten und nochmal zum Fertigmachen.',
      voiceListening: 'Ich höre zu …',
      voiceListeningHint: 'Loslassen oder nochmal tippen, wenn du fertig bist.',
      voiceTranscribing: 'Ich verstehe …',
      voiceThinking: 'Ich denke nach …',
      voiceSpeaking: 'Crafty spricht',
      voiceSpeakingHint: 'Drück den Knopf, um Crafty zu unterbrechen.',
      voiceBusyHint: 'Drück den Knopf, um Crafty zu unterbrechen und neu zu fragen.',
      voiceDisabled: 'Hören geht gerade nicht',
      voiceDisabledStt: 'Die Spracherkennung fehlt gerade. Schreib Crafty einfach unten!',
      voiceDisabledOffline: 'Crafty ist gerade nicht verbunden.',
      voiceButtonLabel: 'Mit Crafty sprechen',
      levelLabel: 'Lautstärke',
      phaseIdle: 'Frag mich was!',
      phaseListening: 'Ich höre dir zu!',
      phaseThinking: 'Hmm, lass mich überlegen …',
      phaseStreaming: 'Ich schreibe dir …',
      phaseSpeaking: 'Ich erzähle dir was!',
      phaseOffline: 'Ich bin gerade nicht erreichbar.',
      phaseError: 'Oh, das hat nicht geklappt.',
      youSay: 'Du sagst: „{text}“',
      micDenied: 'Ich darf dein Mikrofon nicht benutzen. Frag einen Erwachsenen, ob er es erlaubt. Schreiben geht immer!',
      micMissing: 'Ich finde kein Mikrofon. Steck eins an, oder schreib mir einfach!',
      micFailed: 'Das Mikrofon hat nicht geklappt. Schreib mir einfach!',
      voiceUnreachable: 'Die Sprach-Verbindung klappt gerade nicht. Schreib mir einfach!',
      playbackLabel: 'Crafty vorlesen',
      pause: 'Pause',
      resume: 'Weiter',
      stop: 'Stopp',
      inputLabel: 'Deine Nachricht an Crafty',
      placeholder: 'Schreib Crafty etwas …',
      send: 'Senden',
      stopReply: 'Antwort stoppen',
      speakReplies: 'Antworten vorlesen',
      stateQueued: 'wartet auf Verbindung',
      stateRefused: 'nicht gesendet: zu viele wartende Nachrichten',
      stateInterrupted: 'unterbrochen',
      stateCancelled: 'gestoppt',
      viaVoice: 'gesprochen',
      errorGeneric: 'Da ist etwas schiefgegangen. Versuch es gleich nochmal.',
      connectionLost: 'Die Verbindung ist weg. Was du schreibst, wartet, bis Crafty wieder da ist.',
      reconnected: 'Crafty ist wieder da!',
      outboxFull: 'Es warten schon {limit} Nachrichten. Warte, bis Crafty wieder verbunden ist.',
      ttsFailed: 'Vorlesen hat nicht geklappt, aber hier ist meine Antwort.',
    },
    en: {
      tagline: 'Your building buddy',
      stageTitle: 'Talk to Crafty',
      chatTitle: 'Chat',
      you: 'You',
      crafty: 'Crafty',
      oops: 'Oops!',
      connecting: 'Connecting to Crafty …',
      online: 'Connected',
      onlineRtt: 'Connected · {ms} ms',
      reconnecting: 'Disconnected · retrying in {seconds} s',
      reconnectingNow: 'Reconnecting …',
      offline: 'Offline · next try in {seconds} s',
      retry: 'Connect now',
      noServer: "I don't know where Crafty lives. Please restart the Crafty app.",
      sidecarStarting: 'Crafty is waking up …',
      sidecarRestarting: 'Crafty is restarting …',
      sidecarFailed: 'Crafty could not start',
      enginesLabel: 'What Crafty can do right now',
      engine_llm: 'Think',
      engine_stt: 'Listen',
      engine_tts: 'Speak',
      engineReady: '{name}: ready',
      engineMissing: '{name}: missing',
      engineUnknown: '{name}: unknown',
      engineHelpTitle: "What's missing? Help for grown-ups",
      help_llm: "Crafty can't think right now. Start Ollama ({location}) and get the model with \"ollama pull {model}\".",
      help_stt: "Crafty can't listen right now. Set up speech recognition (whisper.cpp, or pocketsphinx from the packages). Typing still works.",
      help_tts: "Crafty can't speak out loud right now, so he writes instead. Install Piper or espeak-ng.",
      helpError: 'Message: {error}',
      statusUnreachable: "I can't check what Crafty can do right now.",
      detailsOpen: 'Connection: show details',
      detailsTitle: 'Connection',
      detailsClose: 'Close',
      detailsRtt: 'Round trip',
      detailsRttValue: '{ms} ms',
      detailsReconnects: 'Reconnected',
      detailsReconnectsValue: '{count}×',
      detailsLastError: 'Last error',
      detailsNoError: 'none',
      detailsErrorValue: '{time} · {code} {text}',
      detailsVersion: 'Crafty version',
      detailsUptime: 'Running for',
      detailsUnknown: 'unknown',
      detailsEngines: 'What Crafty can do',
      detailsAdults: 'For grown-ups',
      diagnosticsHint: 'Saves a report for troubleshooting to a file (no chat texts, no passwords). Nothing is sent anywhere.',
      diagnosticsSave: 'Save diagnostics',
      diagnosticsSaving: 'Saving …',
      diagnosticsSaved: 'Saved!',
      diagnosticsSavedAs: 'Saved! ({file})',
      diagnosticsFailed: 'Saving did not work: {error}',
      durationSeconds: '{s} s',
      durationMinutes: '{m} min {s} s',
      durationHours: '{h} h {m} min',
      voiceIdle: 'Press & talk',
      voiceIdleHint: 'Hold the button while you talk. Or tap once to start and again when you are done.',
      voiceListening: "I'm listening …",
      voiceListeningHint: 'Let go, or tap again, when you are done.',
      voiceTranscribing: 'Understanding …',
      voiceThinking: 'Thinking …',
      voiceSpeaking: 'Crafty is talking',
      voiceSpeakingHint: 'Press the button to interrupt Crafty.',
      voiceBusyHint: 'Press the button to interrupt Crafty and ask again.',
      voiceDisabled: "Listening doesn't work right now",
      voiceDisabledStt: 'Speech recognition is missing. Just type to Crafty below!',
      voiceDisabledOffline: 'Crafty is not connected right now.',
      voiceButtonLabel: 'Talk to Crafty',
      levelLabel: 'Loudness',
      phaseIdle: 'Ask me anything!',
      phaseListening: "I'm all ears!",
      phaseThinking: 'Hmm, let me think …',
      phaseStreaming: "I'm writing …",
      phaseSpeaking: "I'm telling you something!",
      phaseOffline: "I can't be reached right now.",
      phaseError: "Oh, that didn't work.",
      youSay: 'You say: "{text}"',
      micDenied: "I'm not allowed to use your microphone. Ask a grown-up to allow it. Typing always works!",
      micMissing: "I can't find a microphone. Plug one in, or just type to me!",
      micFailed: "The microphone didn't work. Just type to me!",
      voiceUnreachable: "The voice connection isn't working right now. Just type to me!",
      playbackLabel: 'Crafty reading aloud',
      pause: 'Pause',
      resume: 'Resume',
      stop: 'Stop',
      inputLabel: 'Your message to Crafty',
      placeholder: 'Write something to Crafty …',
      send: 'Send',
      stopReply: 'Stop the answer',
      speakReplies: 'Read answers aloud',
      stateQueued: 'waiting for the connection',
      stateRefused: 'not sent: too many messages waiting',
      stateInterrupted: 'interrupted',
      stateCancelled: 'stopped',
      viaVoice: 'spoken',
      errorGeneric: 'Something went wrong. Try again in a moment.',
      connectionLost: 'The connection is gone. What you type waits until Crafty is back.',
      reconnected: 'Crafty is back!',
      outboxFull: '{limit} messages are already waiting. Wait until Crafty is connected again.',
      ttsFailed: "Reading aloud didn't work, but here is my answer.",
    },
  };

  /** 'de' or 'en' for a language tag such as 'de-AT' or 'EN'; German when unknown. */
  function pickLanguage(tag) {
    const code = String(tag || '').toLowerCase().split(/[-_]/)[0];
    return Object.prototype.hasOwnProperty.call(STRINGS, code) ? code : DEFAULT_LANGUAGE;
  }

  /** The string `key` in `language` with `{name}` placeholders filled; the key itself if unknown. */
  function translate(language, key, params) {
    const table = STRINGS[pickLanguage(language)];
    const template = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (params && params[name] !== undefined ? String(params[name]) : whole));
  }

  /** A translator whose language can change; listeners hear about each change. */
  function createI18n(language) {
    let current = pickLanguage(language);
    const listeners = new Set();
    return {
      get language() {
        return current;
      },
      t: (key, params) => translate(current, key, params),
      /** Switches language; true when it changed. */
      setLanguage(tag) {
        const next = pickLanguage(tag);
        if (next === current) {
          return false;
        }
        current = next;
        listeners.forEach((listener) => listener(current));
        return true;
      },
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }

  return { STRINGS, DEFAULT_LANGUAGE, pickLanguage, translate, createI18n };
}));
