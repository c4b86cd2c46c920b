/*
 * The saved conversations as the "Your chats" list shows them: their summaries (newest first),
 * the requests on their way (by requestId, so every answer and every session:error is matched
 * to what was asked), and the cursor for older messages of the conversation on screen.
 * Requests come out as ready-to-send /chat messages; answers go in through the Conversation
 * (which owns the message list and the current sessionId) and are applied by
 * saved-conversations.js.
 *
 * Loads as a classic script (window.CraftyUi.sessions) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory(typeof module === 'object' && module.exports ? require('./protocol') : root.CraftyUi.protocol);
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.sessions = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (protocol) {
  'use strict';

  const { client, requestIds } = protocol;

  /** i18n keys of the friendly text for each session:error code. */
  const ERROR_KEYS = {
    not_found: 'sessionNotFound',
    bad_request: 'sessionBadRequest',
    store_failed: 'sessionStoreFailed',
  };

  class Sessions {
    /** @param {object} [options] nextRequestId: hands out request ids ('q-1', 'q-2', … by default) */
    constructor({ nextRequestId = requestIds('q') } = {}) {
      this.nextRequestId = nextRequestId;
      this.items = [];
      this.loaded = false;
      this.pending = new Map();
      this.before = null;
    }

    /** Records the request and returns the message to send. */
    ask(kind, build, details = {}) {
      const requestId = this.nextRequestId();
      const message = build(requestId);
      this.pending.set(requestId, { kind, ...details });
      return message;
    }

    list() {
      return this.ask('list', (id) => client.sessionList(id));
    }

    create(title) {
      return this.ask('create', (id) => client.sessionCreate({ title, requestId: id }));
    }

    switchTo(sessionId) {
      return this.ask('switch', (id) => client.sessionSwitch(sessionId, id), { sessionId });
    }

    /** The next page of older messages of `sessionId`; null when there is none or one is on its way. */
    older(sessionId) {
      if (!this.before || !sessionId || this.loadingOlder) {
        return null;
      }
      return this.ask('history', (id) => client.sessionHistory(sessionId, { before: this.before, requestId: id }), { sessionId });
    }

    rename(sessionId, title) {
      return this.ask('rename', (id) => client.sessionRename(sessionId, title, id), { sessionId });
    }

    remove(sessionId) {
      return this.ask('delete', (id) => client.sessionDelete(sessionId, id), { sessionId });
    }

    /** True while a page of older messages is on its way. */
    get loadingOlder() {
      return [...this.pending.values()].some((request) => request.kind === 'history');
    }

    /** Whether a request of `kind` (about `sessionId`, when given) is on its way. */
    waiting(kind, sessionId) {
      return [...this.pending.values()].some((r) => r.kind === kind && (sessionId === undefined || r.sessionId === sessionId));
    }

    /** The request an answer belongs to (and forgets it); undefined for answers nobody here asked for. */
    settle(requestId) {
      const request = requestId === undefined ? undefined : this.pending.get(requestId);
      this.pending.delete(requestId);
      return request;
    }

    setList(sessions) {
      this.items = sorted(sessions);
      this.loaded = true;
    }

    /** Adds or replaces one summary, keeping the newest first. */
    upsert(session) {
      this.items = sorted([session, ...this.items.filter((s) => s.sessionId !== session.sessionId)]);
    }

    drop(sessionId) {
      const before = this.items.length;
      this.items = this.items.filter((s) => s.sessionId !== sessionId);
      return this.items.length !== before;
    }

    find(sessionId) {
      return this.items.find((s) => s.sessionId === sessionId);
    }

    /** Forgets everything asked: the socket closed, so no answer will come. */
    connectionLost() {
      this.pending.clear();
    }
  }

  function sorted(sessions) {
    return [...sessions].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  const MINUTE = 60 * 1000;

  function startOfDay(ms) {
    const day = new Date(ms);
    day.setHours(0, 0, 0, 0);
    return day.getTime();
  }

  function clock(ms) {
    const at = new Date(ms);
    return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  }

  /**
   * When a chat was last used, as an i18n key and params: "just now", "5 min ago", "today, 14:05",
   * "yesterday, 09:30", else the date (in the window's language, local time).
   */
  function describeWhen(timestamp, now, language) {
    const ago = now - timestamp;
    if (ago < MINUTE) {
      return { key: 'whenJustNow', params: {} };
    }
    if (ago < 60 * MINUTE) {
      return { key: 'whenMinutes', params: { minutes: Math.floor(ago / MINUTE) } };
    }
    const today = startOfDay(now);
    if (timestamp >= today) {
      return { key: 'whenToday', params: { time: clock(timestamp) } };
    }
    if (timestamp >= startOfDay(today - 1)) {
      return { key: 'whenYesterday', params: { time: clock(timestamp) } };
    }
    const date = new Date(timestamp).toLocaleDateString(language === 'en' ? 'en-GB' : 'de-DE',
      { day: 'numeric', month: 'short', year: 'numeric' });
    return { key: 'whenDate', params: { date } };
  }

  /** "1 message" / "7 messages" as an i18n key and params. */
  function describeCount(count) {
    return count === 1 ? { key: 'messageCountOne', params: {} } : { key: 'messageCountMany', params: { count } };
  }

  /** The i18n key for a session:error code. */
  function errorKey(code) {
    return ERROR_KEYS[code] || 'sessionFailed';
  }

  return { Sessions, ERROR_KEYS, errorKey, describeWhen, describeCount };
}));
