/*
 * What the chat panel shows, as data: the list of messages (the child's, Crafty's, errors and
 * notices), the conversation's sessionId, and the phase of the current text and voice turns.
 * Server messages from /chat (receiveChat) and /voice/chat (receiveVoice) go in; events come out
 * for the view ('added', 'updated', 'removed', 'session', 'pong', 'phase', 'partial', 'audio-start',
 * 'audio-end', 'ack', 'sentence', 'finished'). The saved conversations (`sessions`, a
 * sessions.Sessions) are answered here too: switching or creating one replaces the list
 * ('cleared', then 'added'), older messages come in front ('prepended'), the list of chats
 * changes ('sessions'), the cursor for older messages changes ('history'), and deleting the
 * conversation on screen asks for a new one ('current-deleted'). No DOM here: the tests feed it
 * the examples from docs/protocol and read the state back.
 *
 * Loads as a classic script (window.CraftyUi.conversation) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const node = typeof module === 'object' && module.exports;
  const api = factory(node ? require('./protocol') : root.CraftyUi.protocol, node ? require('./sessions') : root.CraftyUi.sessions);
  if (node) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.conversation = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (protocol, sessionsApi) {
  'use strict';

  /** Voice phases the server reports with {"type":"status","status":…}. */
  const VOICE_STATUSES = ['transcribing', 'transcribed', 'thinking', 'responding', 'speaking'];
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

  class Conversation {
    /** @param {object} [options] now: clock in ms for round trips (Date.now by default) */
    constructor({ now = () => Date.now(), sessions } = {}) {
      this.now = now;
      this.sessions = sessions || new sessionsApi.Sessions();
      this.welcomeText = null;
      this.abandoned = new Set();
      this.messages = [];
      this.sessionId = null;
      this.resumed = false;
      this.phase = { chat: 'idle', voice: 'idle' };
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

    emit(event, out) {
      out.push(event);
      for (const listener of this.listeners) {
        listener(event);
      }
    }

    add(fields, out) {
      const message = { id: this.nextId++, text: '', streaming: false, ...fields };
      this.messages.push(message);
      this.emit({ type: 'added', message }, out);
      return message;
    }

    update(message, changes, out) {
      Object.assign(message, changes);
      this.emit({ type: 'updated', message }, out);
    }

    remove(message, out) {
      const index = this.messages.indexOf(message);
      if (index >= 0) {
        this.messages.splice(index, 1);
        this.emit({ type: 'removed', message }, out);
      }
    }

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

    /**
     * A text message went out on /chat: Crafty's bubble appears, thinking, until the first words.
     */
    awaitChatReply(requestId) {
      const events = [];
      this.setChildState(requestId, 'sent').forEach((e) => events.push(e));
      this.openReply('chat', requestId, events);
      this.setPhase('chat', 'thinking', events);
      return events;
    }

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

    /** One message from /chat. Returns the events it caused (also sent to subscribers). */
    receiveChat(message) {
      const out = [];
      if (this.leftBehind(message)) {
        return out;
      }
      if (message.type.startsWith('session:')) {
        this.receiveSession(message, out);
        return out;
      }
      switch (message.type) {
        case 'assistant':
          if (message.streaming === true) {
            const reply = this.openReply('chat', message.requestId, out);
            this.update(reply, { text: reply.text + (message.content || ''), state: 'streaming' }, out);
            this.setPhase('chat', 'streaming', out);
          } else if (message.done === true) {
            const reply = this.replyFor('chat', message.requestId) || this.openReply('chat', message.requestId, out);
            this.finishReply('chat', reply, 'done', typeof message.fullContent === 'string' ? message.fullContent : undefined, out);
            this.session(message.sessionId, this.resumed, out);
            this.setPhase('chat', 'idle', out);
          } else {
            this.session(message.sessionId, message.resumed, out);
            if (message.resumed !== true && typeof message.content === 'string' && message.content !== '') {
              this.welcomeText = message.content;
            }
            if (!this.messages.some((m) => m.role === 'crafty')) {
              this.addWelcome(out);
            }
          }
          break;
        case 'cancelled':
          this.finishReply('chat', this.replyFor('chat', message.requestId), 'cancelled', message.partialContent, out);
          this.setPhase('chat', 'idle', out);
          break;
        case 'error':
          this.error('chat', message, out);
          if (!this.current.chat) {
            this.setPhase('chat', 'idle', out);
          }
          break;
        case 'stopped':
          this.emit({ type: 'stopped', cancelled: message.cancelled }, out);
          break;
        case 'pong':
          if (typeof message.t === 'number') {
            this.emit({ type: 'pong', rtt: Math.max(0, Math.round(this.now() - message.t)) }, out);
          }
          break;
        default:
          break;
      }
      return out;
    }

    /**
     * The child pressed the button: listening until released. The app sets this; the server
     * takes over from 'transcribing'.
     */
    startListening() {
      const out = [];
      this.partial = '';
      this.setPhase('voice', 'listening', out);
      return out;
    }

    /** The app knows the next voice phase before the server says it (e.g. 'transcribing' on release). */
    setVoicePhase(phase) {
      const out = [];
      this.setPhase('voice', phase, out);
      return out;
    }

    /** Back to idle without a reply (cancelled listening, or speech playback finished). */
    voiceIdle() {
      const out = [];
      this.partial = '';
      this.emit({ type: 'partial', text: '' }, out);
      this.setPhase('voice', 'idle', out);
      return out;
    }

    /** One JSON message from /voice/chat. */
    receiveVoice(message) {
      const out = [];
      if (this.leftBehind(message)) {
        return out;
      }
      switch (message.type) {
        case 'session':
          this.session(message.sessionId, message.resumed, out);
          break;
        case 'ack':
          this.emit({ type: 'ack', received: message.received, total: message.total }, out);
          break;
        case 'transcript.partial':
          this.partial = typeof message.text === 'string' ? message.text : '';
          this.emit({ type: 'partial', text: this.partial }, out);
          break;
        case 'status':
          this.voiceStatus(message, out);
          break;
        case 'sentence':
          this.emit({ type: 'sentence', index: message.index, text: message.text }, out);
          break;
        case 'audio_start':
          this.emit({ type: 'audio-start', format: { sampleRate: message.sampleRate, channels: message.channels || 1,
            encoding: message.encoding || 'pcm_s16le' } }, out);
          break;
        case 'audio_end':
          this.emit({ type: 'audio-end', frames: message.frames, bytes: message.bytes }, out);
          break;
        case 'done':
          this.finishReply('voice', this.replyFor('voice', message.requestId) || this.openReply('voice', message.requestId, out),
            'done', typeof message.text === 'string' ? message.text : undefined, out);
          this.session(message.sessionId, this.resumed, out);
          if (message.ttsError) {
            this.add({ role: 'notice', key: 'ttsFailed', params: { code: message.ttsError } }, out);
          }
          this.setPhase('voice', 'done', out);
          break;
        case 'cancelled':
          this.finishReply('voice', this.replyFor('voice', message.requestId), 'cancelled',
            message.partialContent, out);
          this.setPhase('voice', 'idle', out);
          break;
        case 'error':
          this.error('voice', message, out);
          if (!this.current.voice) {
            this.partial = '';
            this.setPhase('voice', 'idle', out);
          }
          break;
        default:
          break;
      }
      return out;
    }

    voiceStatus(message, out) {
      const status = message.status;
      if (!VOICE_STATUSES.includes(status)) {
        return;
      }
      if (status === 'transcribed') {
        this.partial = '';
        this.emit({ type: 'partial', text: '' }, out);
        if (typeof message.text === 'string' && message.text.trim() !== '') {
          this.add({ role: 'child', text: message.text, via: 'voice', state: 'sent', requestId: message.requestId }, out);
        }
        return;
      }
      if (status === 'thinking' || status === 'responding') {
        const reply = this.openReply('voice', message.requestId, out);
        if (status === 'responding' && typeof message.chunk === 'string') {
          this.update(reply, { text: reply.text + message.chunk, state: 'streaming' }, out);
        }
      }
      this.setPhase('voice', status, out);
    }

    /** The socket of `channel` closed: a reply still streaming will not end; say so. */
    connectionLost(channel) {
      const out = [];
      if (channel === 'chat' && this.sessions.pending.size > 0) {
        this.sessions.connectionLost();
        this.emit({ type: 'history', before: this.sessions.before, loading: false }, out);
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

    /** Whether `message` belongs to a reply left behind when another conversation was opened. */
    leftBehind(message) {
      return REPLY_TYPES.has(message.type) && typeof message.requestId === 'string' && this.abandoned.has(message.requestId);
    }

    /** One session:* answer from /chat. */
    receiveSession(message, out) {
      const reply = protocol.readSessionReply(message);
      const request = this.sessions.settle(reply.requestId);
      switch (message.type) {
        case 'session:list':
          this.sessions.setList(reply.sessions);
          break;
        case 'session:created':
        case 'session:switched':
          if (!reply.session) {
            return;
          }
          this.sessions.upsert(reply.session);
          this.showSession(reply.session.sessionId, reply.messages, reply.before, out);
          break;
        case 'session:history':
          if (!request || reply.sessionId !== this.sessionId) {
            this.emit({ type: 'history', before: this.sessions.before, loading: this.sessions.loadingOlder }, out);
            return;
          }
          this.prepend(reply.messages, out);
          this.sessions.before = reply.before;
          this.emit({ type: 'history', before: reply.before, loading: false }, out);
          return;
        case 'session:renamed':
          if (reply.session) {
            this.sessions.upsert(reply.session);
          }
          break;
        case 'session:deleted':
          this.sessions.drop(reply.sessionId);
          if (reply.sessionId && reply.sessionId === this.sessionId) {
            this.showSession(this.sessionId, [], null, out);
            this.emit({ type: 'current-deleted', sessionId: reply.sessionId }, out);
          }
          break;
        case 'session:error':
          this.sessionError(message, request, out);
          return;
        default:
          return;
      }
      this.emit({ type: 'sessions', sessions: this.sessions.items }, out);
    }

    /**
     * The chat list now shows `sessionId`: its saved messages (oldest first), or the welcome when
     * it has none. A reply still coming for the conversation that was shown is left behind.
     */
    showSession(sessionId, history, before, out) {
      for (const reply of this.replies.values()) {
        if (reply.streaming) {
          this.abandoned.add(reply.requestId);
          reply.streaming = false;
          this.emit({ type: 'finished', channel: reply.channel, requestId: reply.requestId, outcome: 'abandoned' }, out);
        }
      }
      this.messages = [];
      this.replies.clear();
      this.current = { chat: null, voice: null };
      this.partial = '';
      this.emit({ type: 'cleared' }, out);
      this.sessions.before = before;
      this.session(sessionId, history.length > 0, out);
      if (history.length === 0) {
        this.addWelcome(out);
      }
      history.forEach((saved) => this.add(fromHistory(saved), out));
      this.setPhase('chat', 'idle', out);
      if (this.phase.voice !== 'idle' && this.phase.voice !== 'listening') {
        this.setPhase('voice', 'idle', out);
      }
      this.emit({ type: 'history', before, loading: false }, out);
    }

    /** Older saved messages go in front of those shown (each once). */
    prepend(history, out) {
      const shown = new Set(this.messages.filter((m) => m.saved).map((m) => m.messageId));
      const older = history.filter((saved) => !shown.has(saved.messageId))
        .map((saved) => ({ id: this.nextId++, streaming: false, ...fromHistory(saved) }));
      if (older.length > 0) {
        this.messages.unshift(...older);
        this.emit({ type: 'prepended', messages: older }, out);
      }
    }

    /** A session:error: a friendly line in the chat; a conversation that is gone leaves the list. */
    sessionError(message, request, out) {
      if (message.code === 'not_found' && request && request.sessionId && this.sessions.drop(request.sessionId)) {
        this.emit({ type: 'sessions', sessions: this.sessions.items }, out);
      }
      this.add({ role: 'error', key: sessionsApi.errorKey(message.code), text: typeof message.content === 'string' ? message.content : '',
        code: message.code, category: message.category, detail: message.error, requestId: message.requestId,
        about: request ? request.kind : undefined }, out);
      if (request && request.kind === 'history') {
        this.emit({ type: 'history', before: this.sessions.before, loading: false }, out);
      }
    }
  }

  return { Conversation, VOICE_STATUSES };
}));
