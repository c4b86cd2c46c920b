/*
 * The saved conversations' answers on /chat (session:*), applied to a Conversation: the list of
 * chats changes ('sessions'); switching to or creating one replaces the message list ('cleared',
 * then 'added') and leaves behind a reply still coming for the conversation that was shown;
 * older messages come in front ('prepended') and move the cursor for older ones ('history');
 * deleting the conversation on screen asks for a new one ('current-deleted'); a session:error
 * becomes a friendly line. Functions of the conversation: the message list, the sessionId, the
 * replies left behind (`abandoned`) and the Sessions (`sessions`) are the Conversation's. No DOM
 * here.
 *
 * Loads as a classic script (window.CraftyUi.savedConversations) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const node = typeof module === 'object' && module.exports;
  const api = factory(node ? require('./protocol') : root.CraftyUi.protocol,
    node ? require('./sessions') : root.CraftyUi.sessions);
  if (node) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.savedConversations = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (protocol, sessionsApi) {
  'use strict';

  /** Messages of a reply; ignored once the reply was left behind by a switch of conversation. */
  const REPLY_TYPES = new Set(['assistant', 'cancelled', 'error', 'status', 'done', 'sentence']);

  /** A saved message as the list shows it: the child's or Crafty's, done or cut off. */
  function fromHistory(saved) {
    const child = saved.role === 'user';
    return {
      role: child ? 'child' : 'crafty',
      text: saved.content,
      state: saved.partial ? 'interrupted' : (child ? 'sent' : 'done'),
      via: child ? (saved.voice ? 'voice' : 'text') : undefined,
      messageId: saved.messageId,
      timestamp: saved.timestamp,
      saved: true,
    };
  }

  /** Whether `message` belongs to a reply left behind when another conversation was opened. */
  function leftBehind(conversation, message) {
    return REPLY_TYPES.has(message.type) && typeof message.requestId === 'string'
      && conversation.abandoned.has(message.requestId);
  }

  /** One session:* answer from /chat. */
  function receive(conversation, message, out) {
    const sessions = conversation.sessions;
    const reply = protocol.readSessionReply(message);
    const request = sessions.settle(reply.requestId);
    switch (message.type) {
      case 'session:list':
        sessions.setList(reply.sessions);
        break;
      case 'session:created':
      case 'session:switched':
        if (!reply.session) {
          return;
        }
        sessions.upsert(reply.session);
        show(conversation, reply.session.sessionId, reply.messages, reply.before, out);
        break;
      case 'session:history':
        if (!request || reply.sessionId !== conversation.sessionId) {
          conversation.emit({ type: 'history', before: sessions.before, loading: sessions.loadingOlder }, out);
          return;
        }
        prepend(conversation, reply.messages, out);
        sessions.before = reply.before;
        conversation.emit({ type: 'history', before: reply.before, loading: false }, out);
        return;
      case 'session:renamed':
        if (reply.session) {
          sessions.upsert(reply.session);
        }
        break;
      case 'session:deleted':
        sessions.drop(reply.sessionId);
        if (reply.sessionId && reply.sessionId === conversation.sessionId) {
          show(conversation, conversation.sessionId, [], null, out);
          conversation.emit({ type: 'current-deleted', sessionId: reply.sessionId }, out);
        }
        break;
      case 'session:error':
        sessionError(conversation, message, request, out);
        return;
      default:
        return;
    }
    conversation.emit({ type: 'sessions', sessions: sessions.items }, out);
  }

  /**
   * The chat list now shows `sessionId`: its saved messages (oldest first), or the welcome when
   * it has none. A reply still coming for the conversation that was shown is left behind.
   */
  function show(conversation, sessionId, history, before, out) {
    for (const reply of conversation.replies.values()) {
      if (reply.streaming) {
        conversation.abandoned.add(reply.requestId);
        reply.streaming = false;
        conversation.emit({ type: 'finished', channel: reply.channel, requestId: reply.requestId, outcome: 'abandoned' },
          out);
      }
    }
    conversation.messages = [];
    conversation.replies.clear();
    conversation.current = { chat: null, voice: null };
    conversation.partial = '';
    conversation.emit({ type: 'cleared' }, out);
    conversation.sessions.before = before;
    conversation.session(sessionId, history.length > 0, out);
    if (history.length === 0) {
      conversation.addWelcome(out);
    }
    history.forEach((saved) => conversation.add(fromHistory(saved), out));
    conversation.setPhase('chat', 'idle', out);
    if (conversation.phase.voice !== 'idle' && conversation.phase.voice !== 'listening') {
      conversation.setPhase('voice', 'idle', out);
    }
    conversation.emit({ type: 'history', before, loading: false }, out);
  }

  /** Older saved messages go in front of those shown (each once). */
  function prepend(conversation, history, out) {
    const shown = new Set(conversation.messages.filter((m) => m.saved).map((m) => m.messageId));
    const older = history.filter((saved) => !shown.has(saved.messageId))
      .map((saved) => ({ id: conversation.nextId++, streaming: false, ...fromHistory(saved) }));
    if (older.length > 0) {
      conversation.messages.unshift(...older);
      conversation.emit({ type: 'prepended', messages: older }, out);
    }
  }

  /** A session:error: a friendly line in the chat; a conversation that is gone leaves the list. */
  function sessionError(conversation, message, request, out) {
    const sessions = conversation.sessions;
    if (message.code === 'not_found' && request && request.sessionId && sessions.drop(request.sessionId)) {
      conversation.emit({ type: 'sessions', sessions: sessions.items }, out);
    }
    conversation.add({ role: 'error', key: sessionsApi.errorKey(message.code),
      text: typeof message.content === 'string' ? message.content : '', code: message.code, category: message.category,
      detail: message.error, requestId: message.requestId, about: request ? request.kind : undefined }, out);
    if (request && request.kind === 'history') {
      conversation.emit({ type: 'history', before: sessions.before, loading: false }, out);
    }
  }

  /** /chat closed: requests still on their way will not be answered; loading older stops. */
  function connectionLost(conversation, out) {
    const sessions = conversation.sessions;
    if (sessions.pending.size > 0) {
      sessions.connectionLost();
      conversation.emit({ type: 'history', before: sessions.before, loading: false }, out);
    }
  }

  return { leftBehind, receive, connectionLost };
}));
