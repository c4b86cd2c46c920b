/*
 * The client side of the Crafty wire protocol (docs/protocol.md): the messages the window sends
 * on /chat and /voice/chat, the socket address and subprotocols, and reading what the server
 * sends. Builders refuse what the server would refuse (blank text, a malformed session id), so
 * the UI never produces a message from docs/protocol/invalid/.
 *
 * Loads as a classic script (window.CraftyUi.protocol) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.protocol = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const SUBPROTOCOL = 'crafty.v1';
  const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
  const MAX_REQUEST_ID = 128;
  /** Titles (and model names) the server takes: 1 to 200 characters, not blank. */
  const MAX_TITLE = 200;
  const MODEL = /^[A-Za-z0-9._:/@+-]{1,200}$/;
  /** A paging cursor is opaque, but the server only ever hands out digits. */
  const CURSOR = /^[0-9]{1,18}$/;
  const MAX_PAGE = 200;
  /** The format the server expects from the microphone. */
  const CAPTURE_FORMAT = Object.freeze({ sampleRate: 16000, encoding: 'pcm_s16le', channels: 1 });

  function validSessionId(id) {
    return typeof id === 'string' && SESSION_ID.test(id);
  }

  function validRequestId(id) {
    return typeof id === 'string' && id.length >= 1 && id.length <= MAX_REQUEST_ID;
  }

  /** The subprotocols a browser offers: crafty.v1 and, when there is one, the token. */
  function subprotocols(token) {
    return token ? [SUBPROTOCOL, `token.${token}`] : [SUBPROTOCOL];
  }

  /**
   * ws://host:port/<path>, with ?sessionId= when there is a conversation to continue.
   *
   * @param {string} wsBase e.g. ws://127.0.0.1:3847
   * @param {string} path '/chat' or '/voice/chat'
   * @param {string} [sessionId]
   */
  function socketUrl(wsBase, path, sessionId) {
    const base = String(wsBase).replace(/\/+$/, '');
    return validSessionId(sessionId) ? `${base}${path}?sessionId=${encodeURIComponent(sessionId)}` : `${base}${path}`;
  }

  /** Copies `requestId` and the other optional fields that are set, leaving absent ones out. */
  function withOptional(message, optional) {
    for (const [key, value] of Object.entries(optional)) {
      if (value !== undefined && value !== null) {
        message[key] = value;
      }
    }
    return message;
  }

  function checkedRequestId(requestId) {
    if (requestId !== undefined && !validRequestId(requestId)) {
      throw new TypeError(`requestId must be a string of 1 to ${MAX_REQUEST_ID} characters`);
    }
    return requestId;
  }

  function text(value, what) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TypeError(`${what} must be a non-empty string`);
    }
    return value;
  }

  function checkedSessionId(sessionId) {
    if (!validSessionId(sessionId)) {
      throw new TypeError('sessionId must be 1 to 64 letters, digits, - or _');
    }
    return sessionId;
  }

  function title(value) {
    text(value, 'title');
    if (value.trim().length > MAX_TITLE) {
      throw new TypeError(`title must be at most ${MAX_TITLE} characters`);
    }
    return value.trim();
  }

  const client = {
    /** /chat: ask Crafty. */
    chat(payload, { requestId, sessionId } = {}) {
      if (sessionId !== undefined && !validSessionId(sessionId)) {
        throw new TypeError('sessionId must be 1 to 64 letters, digits, - or _');
      }
      return withOptional({ action: 'chat', payload: text(payload, 'payload') },
        { requestId: checkedRequestId(requestId), sessionId });
    },
    /** /chat and /voice/chat: cancel the running reply. */
    stop(requestId) {
      return withOptional({ action: 'stop' }, { requestId: checkedRequestId(requestId) });
    },
    /**
     * /voice/chat: the panel stopped playing reply `requestId` (the child stopped or interrupted
     * Crafty) in its sentence `sentence`, after `playedMs` of it; the server keeps only what was heard.
     */
    heard(requestId, sentence, playedMs) {
      if (!Number.isInteger(sentence) || sentence < 0 || sentence > 10000) {
        throw new TypeError('sentence must be a whole number from 0 to 10000');
      }
      if (!Number.isInteger(playedMs) || playedMs < 0 || playedMs > 3600000) {
        throw new TypeError('playedMs must be a whole number of milliseconds up to an hour');
      }
      const id = checkedRequestId(requestId);
      if (id === undefined) {
        throw new TypeError('requestId is required: the reply that was heard');
      }
      return { action: 'heard', requestId: id, sentence, playedMs };
    },
    /** /chat: round-trip check; `t` comes back in the pong. */
    ping(t, requestId) {
      if (typeof t !== 'number' || !Number.isFinite(t)) {
        throw new TypeError('t must be a number');
      }
      return withOptional({ action: 'ping', t }, { requestId: checkedRequestId(requestId) });
    },
    /**
     * /voice/chat: microphone audio follows as binary frames; 16 kHz mono s16le unless told
     * otherwise (the server accepts 8 to 48 kHz, mono or stereo).
     */
    audioStart({ sampleRate = CAPTURE_FORMAT.sampleRate, channels = CAPTURE_FORMAT.channels, requestId } = {}) {
      if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 48000) {
        throw new TypeError('sampleRate must be 8000 to 48000');
      }
      if (channels !== 1 && channels !== 2) {
        throw new TypeError('channels must be 1 or 2');
      }
      return withOptional({ action: 'audio_start', sampleRate, encoding: CAPTURE_FORMAT.encoding, channels },
        { requestId: checkedRequestId(requestId) });
    },
    /** /voice/chat: the child has finished speaking; transcribe and answer. */
    processAudio(requestId, sessionId) {
      if (sessionId !== undefined && !validSessionId(sessionId)) {
        throw new TypeError('sessionId must be 1 to 64 letters, digits, - or _');
      }
      return withOptional({ action: 'process_audio' }, { requestId: checkedRequestId(requestId), sessionId });
    },
    /** /voice/chat: a typed message answered with a spoken reply, in `sessionId` when given. */
    speak(value, requestId, sessionId) {
      if (sessionId !== undefined) {
        checkedSessionId(sessionId);
      }
      return withOptional({ action: 'speak', text: text(value, 'text') },
        { requestId: checkedRequestId(requestId), sessionId });
    },
    /** /chat: the saved conversations, most recently updated first. */
    sessionList(requestId) {
      return withOptional({ action: 'session:list' }, { requestId: checkedRequestId(requestId) });
    },
    /** /chat: a new, empty conversation that becomes the current one. */
    sessionCreate({ title: given, model, requestId } = {}) {
      if (model !== undefined && (typeof model !== 'string' || !MODEL.test(model))) {
        throw new TypeError('model must be a model name such as llama3.2:latest');
      }
      return withOptional({ action: 'session:create' },
        { title: given === undefined ? undefined : title(given), model, requestId: checkedRequestId(requestId) });
    },
    /** /chat: continue `sessionId`; the answer brings its last messages. */
    sessionSwitch(sessionId, requestId) {
      return withOptional({ action: 'session:switch', sessionId: checkedSessionId(sessionId) },
        { requestId: checkedRequestId(requestId) });
    },
    /** /chat: older messages of `sessionId`, before the cursor an earlier answer gave. */
    sessionHistory(sessionId, { before, limit, requestId } = {}) {
      if (before !== undefined && (typeof before !== 'string' || !CURSOR.test(before))) {
        throw new TypeError('before must be a cursor from an earlier answer');
      }
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)) {
        throw new TypeError(`limit must be a whole number from 1 to ${MAX_PAGE}`);
      }
      return withOptional({ action: 'session:history', sessionId: checkedSessionId(sessionId) },
        { before, limit, requestId: checkedRequestId(requestId) });
    },
    /** /chat: give `sessionId` a new title. */
    sessionRename(sessionId, newTitle, requestId) {
      return withOptional({ action: 'session:rename', sessionId: checkedSessionId(sessionId), title: title(newTitle) },
        { requestId: checkedRequestId(requestId) });
    },
    /** /chat: delete `sessionId` and its messages for good. */
    sessionDelete(sessionId, requestId) {
      return withOptional({ action: 'session:delete', sessionId: checkedSessionId(sessionId) },
        { requestId: checkedRequestId(requestId) });
    },
    /** /voice/chat: throw away audio sent since audio_start. */
    clear(requestId) {
      return withOptional({ action: 'clear' }, { requestId: checkedRequestId(requestId) });
    },
  };

  /**
   * Reads one text frame from the server: the message object, or null when it is not JSON or
   * has no string `type` (the protocol says every server message has one).
   */
  function parse(frame) {
    let message;
    try {
      message = JSON.parse(frame);
    } catch {
      return null;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message) || typeof message.type !== 'string') {
      return null;
    }
    return message;
  }

  function finiteOr(value, fallback) {
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  }

  /** A session summary from the server, or null when it has no usable id. */
  function readSession(value) {
    if (!value || typeof value !== 'object' || !validSessionId(value.sessionId)) {
      return null;
    }
    const updatedAt = finiteOr(value.updatedAt, finiteOr(value.createdAt, 0));
    return {
      sessionId: value.sessionId,
      title: typeof value.title === 'string' && value.title.trim() !== '' ? value.title : null,
      createdAt: finiteOr(value.createdAt, updatedAt),
      updatedAt,
      messageCount: Number.isInteger(value.messageCount) && value.messageCount >= 0 ? value.messageCount : 0,
      language: typeof value.language === 'string' ? value.language : undefined,
      model: typeof value.model === 'string' ? value.model : undefined,
    };
  }

  /** A saved message from session:switched or session:history, or null when it is unusable. */
  function readHistoryMessage(value) {
    if (!value || typeof value !== 'object' || (value.role !== 'user' && value.role !== 'assistant')
      || typeof value.content !== 'string') {
      return null;
    }
    return {
      messageId: value.messageId,
      role: value.role,
      content: value.content,
      timestamp: finiteOr(value.timestamp, 0),
      voice: value.voice === true,
      partial: value.partial === true,
    };
  }

  /**
   * The fields of a session:* answer, checked: sessions, session, messages (oldest first),
   * before (the cursor for older messages, or null), sessionId.
   */
  function readSessionReply(message) {
    const list = (values, read) => (Array.isArray(values) ? values.map(read).filter(Boolean) : []);
    return {
      type: message.type,
      requestId: typeof message.requestId === 'string' ? message.requestId : undefined,
      sessions: list(message.sessions, readSession),
      session: readSession(message.session),
      messages: list(message.messages, readHistoryMessage),
      before: typeof message.before === 'string' && CURSOR.test(message.before) ? message.before : null,
      sessionId: validSessionId(message.sessionId) ? message.sessionId
        : (message.session && validSessionId(message.session.sessionId) ? message.session.sessionId : null),
    };
  }

  /** Hands out request ids 'r-1', 'r-2', … with the given prefix. */
  function requestIds(prefix) {
    let next = 0;
    return () => `${prefix}-${++next}`;
  }

  return {
    SUBPROTOCOL, CAPTURE_FORMAT, MAX_TITLE, client, parse, readSession, readHistoryMessage, readSessionReply, subprotocols,
    socketUrl, validSessionId, validRequestId, requestIds,
  };
}));
