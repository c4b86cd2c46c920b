/*
 * What the window shows about everything but the messages, in one place beside the
 * Conversation: where the chat connection is (and whether this window's token was refused), the
 * voice server's life cycle in the app, the engines from /status, the last error shown, the voice
 * button's mode (which also says whether Crafty's voice is paused), the microphone's problem line.
 * The facts are set here; what the screen says follows from them by the pure functions below
 * (`connection`, `mood`, `voiceAvailability`, `canRetry`), so no view decides on its own.
 *
 * A view subscribes and reads `current` (the facts plus what follows from them); a new part of
 * the window adds its facts with `set({name: value})` and reads them back the same way.
 *
 * Loads as a classic script (window.CraftyUi.appState, after sidecar-states.js) and in Node.
 */
(function (root, factory) {
  'use strict';
  const node = typeof module === 'object' && module.exports;
  const api = factory(node ? require('./sidecar-states') : root.CraftyUi.sidecarStates);
  if (node) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.appState = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (sidecarStates) {
  'use strict';

  /** Moods of Crafty the style sheet and the speech bubble know, with the bubble's i18n key. */
  const MOOD_TEXT = Object.freeze({ idle: 'phaseIdle', listening: 'phaseListening', thinking: 'phaseThinking',
    streaming: 'phaseStreaming', speaking: 'phaseSpeaking', paused: 'phasePaused', offline: 'phaseOffline',
    stale: 'phaseStale', error: 'phaseError' });

  /**
   * The connection line: no-server (the page has no server at all), stale (the server refused
   * this window's token: it was restarted with a new one), open, the voice server's own state
   * while the chat is not connected (sidecar-starting | sidecar-restarting | sidecar-failed),
   * else the chat socket's (connecting | reconnecting | offline).
   */
  function connection(facts) {
    if (facts.source === 'none') {
      return 'no-server';
    }
    if (facts.socket.state === 'refused') {
      return 'stale';
    }
    if (facts.socket.state === 'open') {
      return 'open';
    }
    const sidecar = sidecarStates.shownState(facts.sidecar);
    if (sidecar) {
      return sidecar;
    }
    return facts.socket.state === 'idle' || facts.socket.state === 'stopped' ? 'connecting' : facts.socket.state;
  }

  /**
   * Crafty's mood: what the voice does comes first (listening, speaking, paused, thinking),
   * then the typed reply (thinking, streaming), then a connection that is not open (offline, or
   * stale), then an error shown since the child last said something, else idle.
   */
  function mood(facts) {
    if (facts.voice === 'listening') {
      return 'listening';
    }
    if (facts.voice === 'speaking' || facts.voice === 'paused' || facts.voice === 'thinking') {
      return facts.voice;
    }
    if (facts.chatPhase === 'thinking' || facts.chatPhase === 'streaming') {
      return facts.chatPhase;
    }
    const shown = connection(facts);
    if (shown !== 'open') {
      return shown === 'stale' ? 'stale' : 'offline';
    }
    return facts.lastError ? 'error' : 'idle';
  }

  /**
   * Whether the voice button can listen, and the i18n key saying why not: offline while the chat
   * is not connected; a recogniser that does not understand Crafty's language (the child is
   * asked to type, as the server's stt_wrong_language does); no speech recognition when /status
   * says so. When /status cannot be read
   * (a file:// page without the preload's getStatus), the server answers stt_unavailable itself.
   */
  function voiceAvailability(facts) {
    if (connection(facts) !== 'open') {
      return { canListen: false, reason: 'voiceDisabledOffline' };
    }
    const stt = facts.engines && facts.engines.byRole ? facts.engines.byRole.stt : undefined;
    if (facts.engines && facts.engines.reachable && stt && stt.state === 'wrong-language') {
      return { canListen: false, reason: 'voiceDisabledLanguage' };
    }
    if (facts.engines && facts.engines.reachable && !facts.engines.canListen) {
      return { canListen: false, reason: 'voiceDisabledStt' };
    }
    return { canListen: true, reason: null };
  }

  /** The retry button: while waiting to reconnect, and when the voice server gave up. */
  function canRetry(facts) {
    const shown = connection(facts);
    return shown === 'sidecar-failed' || ((shown === 'reconnecting' || shown === 'offline') && Boolean(facts.socket.retryAt));
  }

  class AppState {
    /** @param {object} [options] source: 'app' | 'browser' | 'none' (how the page reaches the server) */
    constructor({ source = 'browser' } = {}) {
      this.facts = {
        source,
        socket: { state: 'connecting', retryAt: null },
        sidecar: null,
        rtt: null,
        engines: null,
        chatPhase: 'idle',
        voice: 'idle',
        lastError: null,
        listenProblem: null,
      };
      this.listeners = new Set();
      this.snapshot = null;
    }

    /** The facts and what follows from them: connection, online, mood, moodText, listen (the voice button), canRetry. */
    get current() {
      if (!this.snapshot) {
        const facts = this.facts;
        const shown = connection(facts);
        this.snapshot = Object.freeze({ ...facts, connection: shown, online: shown === 'open', mood: mood(facts),
          moodText: MOOD_TEXT[mood(facts)], listen: voiceAvailability(facts), canRetry: canRetry(facts) });
      }
      return this.snapshot;
    }

    /** Calls `listener(current, changed)` after every change (changed: the names that changed). */
    subscribe(listener) {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }

    /** Changes facts; subscribers hear about it when anything really changed. */
    set(patch) {
      const changed = Object.keys(patch).filter((key) => !same(this.facts[key], patch[key]));
      if (changed.length === 0) {
        return;
      }
      const before = this.current;
      this.facts = { ...this.facts, ...patch };
      this.snapshot = null;
      const after = this.current;
      for (const key of ['connection', 'online', 'mood', 'canRetry']) {
        if (before[key] !== after[key]) {
          changed.push(key);
        }
      }
      if (!same(before.listen, after.listen)) {
        changed.push('listen');
      }
      for (const listener of this.listeners) {
        listener(after, new Set(changed));
      }
    }

    /** A state event of the chat socket ({state, retryAt}); the round trip goes when it closes. */
    socketChanged({ state, retryAt = null }) {
      this.set(state === 'open' ? { socket: { state, retryAt: null } } : { socket: { state, retryAt }, rtt: null });
    }

    /** A state payload of the app's voice server (src/main/sidecar.js). */
    sidecarChanged(payload) {
      this.set({ sidecar: payload && typeof payload.state === 'string' ? payload.state : null });
    }

    /**
     * What the Conversation did: the chat's phase, an error shown (the avatar looks worried
     * until the child says something again), or another conversation shown.
     */
    conversationEvent(event) {
      if (event.type === 'phase' && event.channel === 'chat') {
        this.set({ chatPhase: event.phase });
      } else if (event.type === 'added' && event.message.role === 'error') {
        this.set({ lastError: { code: event.message.code || null, key: event.message.key || null } });
      } else if ((event.type === 'added' && event.message.role === 'child') || event.type === 'cleared') {
        this.set({ lastError: null });
      }
    }
  }

  /** Equal as plain data (the facts are small objects of strings and numbers). */
  function same(a, b) {
    return a === b || JSON.stringify(a) === JSON.stringify(b);
  }

  return { AppState, connection, mood, voiceAvailability, canRetry, MOOD_TEXT };
}));
