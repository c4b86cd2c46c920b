/*
 * The parent area ("Für Eltern") as data: the parent:* messages the window sends on /parent
 * (docs/protocol.md, "The parent area") and what the answers mean. The PIN opens a parent
 * session that the server keeps with the socket, so the page never holds a token of its own.
 * No DOM here (app/parent-view.js draws it).
 *
 * Loads as a classic script (window.CraftyUi.parentArea) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.parentArea = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const PIN = /^[0-9]{4,12}$/;
  const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
  const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
  /** The settings a parent may change, with the kind of value each takes. */
  const SETTINGS = {
    language: 'language', dailyLimitMinutes: 'minutes', quietFrom: 'time', quietUntil: 'time',
    breakAfterMinutes: 'minutes', guard: 'flag', helplineCountry: 'country', retentionDays: 'days',
  };

  function withId(message, requestId) {
    if (requestId !== undefined) {
      if (typeof requestId !== 'string' || requestId.length < 1 || requestId.length > 128) {
        throw new TypeError('requestId must be a string of 1 to 128 characters');
      }
      message.requestId = requestId;
    }
    return message;
  }

  function checkedPin(pin) {
    if (typeof pin !== 'string' || !PIN.test(pin)) {
      throw new TypeError('the PIN must be 4 to 12 digits');
    }
    return pin;
  }

  function checkedSession(sessionId) {
    if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) {
      throw new TypeError('sessionId must be 1 to 64 letters, digits, - or _');
    }
    return sessionId;
  }

  function checkedSetting(name, value) {
    const kind = SETTINGS[name];
    const ok = {
      language: () => value === 'de' || value === 'en',
      minutes: () => Number.isInteger(value) && value >= 0 && value <= 1440,
      days: () => Number.isInteger(value) && value >= 0 && value <= 3650,
      time: () => value === null || (typeof value === 'string' && TIME.test(value)),
      flag: () => typeof value === 'boolean',
      country: () => typeof value === 'string' && /^[A-Z]{2}$/.test(value),
    }[kind];
    if (!ok || !ok()) {
      throw new TypeError(`setting ${name} cannot be ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** The messages of /parent. */
  const client = {
    state: (requestId) => withId({ action: 'parent:state' }, requestId),
    setPin: (pin, requestId) => withId({ action: 'parent:set_pin', pin: checkedPin(pin) }, requestId),
    unlock: (pin, requestId) => withId({ action: 'parent:unlock', pin: checkedPin(pin) }, requestId),
    lock: (requestId) => withId({ action: 'parent:lock' }, requestId),
    overview: (requestId) => withId({ action: 'parent:overview' }, requestId),
    conversation: (sessionId, requestId) => withId({ action: 'parent:conversation', sessionId: checkedSession(sessionId) }, requestId),
    remove: (sessionId, requestId) => withId({ action: 'parent:delete', sessionId: checkedSession(sessionId) }, requestId),
    /** Changes some settings; names left out keep their value. */
    settings(changes, requestId) {
      const settings = {};
      for (const [name, value] of Object.entries(changes || {})) {
        settings[name] = checkedSetting(name, value);
      }
      if (Object.keys(settings).length === 0) {
        throw new TypeError('no setting to change');
      }
      return withId({ action: 'parent:settings', settings }, requestId);
    },
  };

  /**
   * What the parent area shows, changed by each answer from /parent: `screen` is 'connecting',
   * 'new-pin' (no PIN yet), 'pin' (enter it), or 'open'; then settings, usage, sessions, safety
   * events, the conversation being read and the last problem.
   */
  class ParentState {
    constructor() {
      this.screen = 'connecting';
      this.settings = null;
      this.usage = null;
      this.sessions = [];
      this.safetyEvents = [];
      this.conversation = null;
      this.problem = null;
    }

    /** One message from /parent; returns what to ask next (a client message), or null. */
    receive(message) {
      this.problem = null;
      switch (message.type) {
        case 'parent:state':
          this.screen = message.unlocked ? 'open' : (message.pinSet ? 'pin' : 'new-pin');
          this.lockedUntil = typeof message.lockedUntil === 'number' ? message.lockedUntil : null;
          return message.unlocked ? client.overview() : null;
        case 'parent:unlocked':
          this.screen = 'open';
          return client.overview();
        case 'parent:locked':
          this.screen = 'pin';
          this.conversation = null;
          return null;
        case 'parent:overview':
          this.settings = message.settings || null;
          this.usage = message.usage || null;
          this.sessions = Array.isArray(message.sessions) ? message.sessions : [];
          this.safetyEvents = Array.isArray(message.safetyEvents) ? message.safetyEvents : [];
          return null;
        case 'parent:conversation':
          this.conversation = { session: message.session, messages: Array.isArray(message.messages) ? message.messages : [] };
          return null;
        case 'parent:settings':
          this.settings = message.settings || this.settings;
          return client.overview();
        case 'parent:deleted':
          if (this.conversation && this.conversation.session && this.conversation.session.sessionId === message.sessionId) {
            this.conversation = null;
          }
          return client.overview();
        case 'parent:error':
          return this.failed(message);
        default:
          return null;
      }
    }

    failed(message) {
      this.problem = { code: message.code, content: message.content, triesLeft: message.triesLeft,
        lockedUntil: message.lockedUntil };
      if (message.code === 'parent_locked') {
        this.screen = this.screen === 'new-pin' ? 'new-pin' : 'pin';
        return client.state();
      }
      return null;
    }

    /** Safety events counted by category, the most frequent first. */
    eventsByCategory() {
      const counts = new Map();
      for (const event of this.safetyEvents) {
        counts.set(event.category, (counts.get(event.category) || 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([category, count]) => ({ category, count }));
    }
  }

  return { client, ParentState, SETTINGS };
}));
