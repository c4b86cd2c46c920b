/*
 * What the chat panel shows, as data: the messages (the child's, Crafty's, errors, notices),
 * the sessionId, Crafty's replies on their way and the phase of the text and voice turns. This
 * file owns that state, the events announcing each change (subscribe; 'added', 'updated',
 * 'removed', 'session', 'phase', 'finished') and the small steps every turn is made of (add,
 * update, openReply, finishReply, error, setPhase), and it is what the app calls. What the
 * messages mean is worked out elsewhere, on this state and through these steps: chat-turns.js
 * for the text turns on /chat, voice-turns.js for the spoken turns on /voice/chat, and
 * saved-conversations.js for the session:* answers on /chat. No DOM here: the tests feed it the
 * examples from docs/protocol and read the state back.
 *
 * Loads as a classic script (window.CraftyUi.conversation, after sessions.js and those three)
 * and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const node = typeof module === 'object' && module.exports;
  const api = factory(node ? require('./sessions') : root.CraftyUi.sessions,
    node ? require('./chat-turns') : root.CraftyUi.chatTurns,
    node ? require('./voice-turns') : root.CraftyUi.voiceTurns,
    node ? require('./saved-conversations') : root.CraftyUi.savedConversations);
  if (node) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.conversation = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (sessionsApi, chatTurns, voiceTurns, savedConversations) {
  'use strict';

  class Conversation {
    /** @param {object} [options] now: clock in ms for round trips (Date.now by default) */
    constructor({ now = () => Date.now(), sessions } = {}) {
      this.now = now;
      this.sessions = sessions || new sessionsApi.Sessions();
      this.welcomeText = null;
      /** requestIds of replies left behind when another conversation was opened (saved-conversations.js). */
      this.abandoned = new Set();
      this.messages = [];
      this.sessionId = null;
      this.resumed = false;
      this.phase = { chat: 'idle', voice: 'idle' };
      /** What the child is saying, as far as the live transcript got (voice-turns.js). */
      this.partial = '';
      this.listeners = new Set();
      this.nextId = 1;
      this.replies = new Map();
      this.current = { chat: null, voice: null };
    }

    /** Calls `listener(event)` for every change; returns an unsubscribe function. */
    subscribe(listener) {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }

    /** Adds `event` to `out` (the events a call returns) and tells every subscriber. */
    emit(event, out) {
      out.push(event);
      for (const listener of this.listeners) {
        listener(event);
      }
    }

    /** A new message at the end of the list, with the next id. */
    add(fields, out) {
      const message = { id: this.nextId++, text: '', streaming: false, ...fields };
      this.messages.push(message);
      this.emit({ type: 'added', message }, out);
      return message;
    }

    /** Changes fields of `message` in place. */
    update(message, changes, out) {
      Object.assign(message, changes);
      this.emit({ type: 'updated', message }, out);
    }

    /** Takes `message` out of the list (if it is still there). */
    remove(message, out) {
      const index = this.messages.indexOf(message);
      if (index >= 0) {
        this.messages.splice(index, 1);
        this.emit({ type: 'removed', message }, out);
      }
    }

    /** The phase of the 'chat' or 'voice' turn; an event only when it changes. */
    setPhase(channel, phase, out) {
      if (this.phase[channel] !== phase) {
        this.phase[channel] = phase;
        this.emit({ type: 'phase', channel, phase }, out);
      }
    }

    /**
     * The child's message, as typed or as transcribed.
     *
     * @param {string} text what the child said
     * @param {object} [options] requestId; via 'text'|'voice'; state 'queued'|'sent'
     * @returns {{message: object, events: object[]}}
     */
    addChild(text, { requestId, via = 'text', state = 'sent' } = {}) {
      const events = [];
      const message = this.add({ role: 'child', text, requestId, via, state }, events);
      return { message, events };
    }

    /** A line from the app itself (i18n key + params), e.g. "the connection was lost". */
    addNotice(key, params) {
      const events = [];
      const message = this.add({ role: 'notice', key, params }, events);
      return { message, events };
    }

    /** The child's message `requestId` is now queued/sent/refused. */
    setChildState(requestId, state) {
      const events = [];
      const message = this.messages.find((m) => m.role === 'child' && m.requestId === requestId);
      if (message) {
        this.update(message, { state }, events);
      }
      return events;
    }

    /** A text message went out on /chat: Crafty's bubble appears, thinking (chat-turns.js). */
    awaitChatReply(requestId) {
      return chatTurns.awaitReply(this, requestId);
    }

    /** Crafty's reply to `requestId` on `channel`: the one still streaming, else a new waiting bubble. */
    openReply(channel, requestId, out) {
      const existing = requestId ? this.replies.get(requestId) : this.current[channel];
      if (existing && existing.streaming) {
        return existing;
      }
      const reply = this.add({ role: 'crafty', requestId, channel, streaming: true, state: 'waiting' }, out);
      if (requestId) {
        this.replies.set(requestId, reply);
      }
      this.current[channel] = reply;
      return reply;
    }

    /** The reply to `requestId`, else the current reply on `channel` (may be null). */
    replyFor(channel, requestId) {
      return (requestId && this.replies.get(requestId)) || this.current[channel];
    }

    /** Ends Crafty's reply; an empty reply bubble that never got words disappears. */
    finishReply(channel, reply, state, text, out) {
      if (!reply || !reply.streaming) {
        return;
      }
      const finalText = typeof text === 'string' ? text : reply.text;
      if (finalText === '' && state !== 'done') {
        this.remove(reply, out);
      } else {
        this.update(reply, { streaming: false, state, text: finalText }, out);
      }
      if (this.current[channel] === reply) {
        this.current[channel] = null;
      }
      this.emit({ type: 'finished', channel, requestId: reply.requestId, outcome: state }, out);
    }

    /** The conversation is now `sessionId` (ignored unless a non-empty string). */
    session(sessionId, resumed, out) {
      if (typeof sessionId === 'string' && sessionId) {
        this.sessionId = sessionId;
        this.resumed = Boolean(resumed);
        this.emit({ type: 'session', sessionId, resumed: this.resumed }, out);
      }
    }

    /**
     * An error ends the reply it names; one without a requestId ends the current reply unless it
     * is about a message the server refused before any reply began (category invalid_request).
     */
    error(channel, message, out) {
      const reply = message.requestId ? this.replies.get(message.requestId)
        : (message.category === 'invalid_request' ? null : this.current[channel]);
      this.finishReply(channel, reply, 'failed', undefined, out);
      this.add({ role: 'error', text: typeof message.content === 'string' ? message.content : '',
        code: message.code, category: message.category, detail: message.error, requestId: message.requestId }, out);
    }

    /**
     * One message from /chat: session:* answers go to saved-conversations.js, the rest to
     * chat-turns.js. Returns the events it caused (also sent to subscribers).
     */
    receiveChat(message) {
      const out = [];
      if (savedConversations.leftBehind(this, message)) {
        return out;
      }
      if (message.type.startsWith('session:')) {
        savedConversations.receive(this, message, out);
        return out;
      }
      chatTurns.receive(this, message, out);
      return out;
    }

    /** One JSON message from /voice/chat (voice-turns.js). */
    receiveVoice(message) {
      const out = [];
      if (!savedConversations.leftBehind(this, message)) {
        voiceTurns.receive(this, message, out);
      }
      return out;
    }

    /** The child pressed the button: listening until released (voice-turns.js). */
    startListening() {
      return voiceTurns.startListening(this);
    }

    /** The app knows the next voice phase before the server says it (voice-turns.js). */
    setVoicePhase(phase) {
      return voiceTurns.setPhase(this, phase);
    }

    /** Back to idle without a reply (voice-turns.js). */
    voiceIdle() {
      return voiceTurns.idle(this);
    }

    /** The socket of `channel` closed: a reply still streaming will not end; say so. */
    connectionLost(channel) {
      const out = [];
      if (channel === 'chat') {
        savedConversations.connectionLost(this, out);
      }
      const reply = this.current[channel];
      if (reply && reply.streaming) {
        this.finishReply(channel, reply, 'interrupted', undefined, out);
      }
      this.setPhase(channel, 'idle', out);
      return out;
    }

    /** Crafty's greeting at the top of a new conversation: the server's words, else the app's. */
    addWelcome(out) {
      return this.add({ role: 'crafty', text: this.welcomeText || '', key: this.welcomeText ? undefined : 'welcomeNew',
        state: 'done', welcome: true }, out);
    }
  }

  return { Conversation, VOICE_STATUSES: voiceTurns.VOICE_STATUSES };
}));
