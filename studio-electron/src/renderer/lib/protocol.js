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
    /** /voice/chat: a typed message answered with a spoken reply. */
    speak(value, requestId) {
      return withOptional({ action: 'speak', text: text(value, 'text') }, { requestId: checkedRequestId(requestId) });
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

  /** Hands out request ids 'r-1', 'r-2', … with the given prefix. */
  function requestIds(prefix) {
    let next = 0;
    return () => `${prefix}-${++next}`;
  }

  return {
    SUBPROTOCOL, CAPTURE_FORMAT, client, parse, subprotocols, socketUrl, validSessionId, validRequestId, requestIds,
  };
}));
