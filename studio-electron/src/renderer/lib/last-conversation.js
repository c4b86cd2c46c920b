/*
 * Which conversation this window showed last, so that a reload or a new tab opens it again
 * instead of a blank chat. Only the sessionId is kept (in the page's localStorage: per origin,
 * so per voice-server port in browser mode, and the app's own for file://), never what was said;
 * the messages come back from the voice server with session:switch.
 *
 * Loads as a classic script (window.CraftyUi.lastConversation) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.lastConversation = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const KEY = 'crafty.lastSessionId';
  /** The protocol's sessionId: 1–64 letters, digits, '-' or '_'. */
  const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

  /** The sessionId kept in `storage` (a Storage), or null when none, unreadable or malformed. */
  function recall(storage) {
    try {
      const value = storage ? storage.getItem(KEY) : null;
      return typeof value === 'string' && SESSION_ID.test(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Keeps `sessionId` in `storage`; a storage that refuses (private mode, quota) is skipped. */
  function remember(storage, sessionId) {
    if (!storage || typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) {
      return;
    }
    try {
      storage.setItem(KEY, sessionId);
    } catch {
      // nothing kept: the next page starts a new chat, as before
    }
  }

  /**
   * Whether a welcome on /chat means the page should ask for the saved messages: the server
   * resumed the conversation this page asked to reopen, and none of its messages is shown yet.
   */
  function needsHistory(conversation, welcome, reopening) {
    return Boolean(reopening) && welcome.resumed === true && welcome.sessionId === reopening
      && !conversation.messages.some((message) => message.saved);
  }

  return { KEY, recall, remember, needsHistory };
}));
