/*
 * A WebSocket to the voice server that comes back by itself. When it closes (the server was
 * restarted, the laptop slept) it tries again after a backoff delay with jitter, and reports
 * where it is: 'connecting' (first attempt), 'open', 'reconnecting' (retrying, retryAt set while
 * waiting), 'offline' (many attempts failed; still retrying at the longest delay), 'refused'
 * (the server refuses this token; see below), 'stopped'.
 * Each attempt asks `connection()` afresh, because the app's server may have moved to another
 * port or token, and adds ?sessionId= so the conversation continues. It also counts how often
 * it came back (`reconnects`) and keeps the last problem (`lastProblem`) for the details view.
 *
 * A browser cannot see why an upgrade was refused (the close is always 1006), so when a socket
 * closes without having opened, `checkAccess(target)` may say whether the server refused this
 * token ('refused', e.g. /status answers 401: the server was restarted with a new token). Then
 * `connection()` is asked once more: a new token (the app's main process has it) is tried at
 * once; the same one stays 'refused' without retrying, since trying again cannot help, until
 * retryNow().
 *
 * Loads as a classic script (window.CraftyUi.reconnectingSocket) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory(
    typeof module === 'object' && module.exports ? require('./backoff') : root.CraftyUi.backoff,
    typeof module === 'object' && module.exports ? require('./protocol') : root.CraftyUi.protocol,
  );
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi.reconnectingSocket = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (backoffApi, protocol) {
  'use strict';

  const OPEN_TIMEOUT_MS = 5000;

  class ReconnectingSocket {
    /**
     * @param {object} options
     * @param {string} options.path '/chat' or '/voice/chat'
     * @param {() => Promise<{wsUrl: string, token?: string}>} options.connection where to connect
     * @param {() => (string|null)} [options.sessionId] the conversation to continue
     * @param {(url: string, protocols: string[]) => WebSocket} [options.createSocket]
     * @param {object} [options.backoff] from backoff.createBackoff()
     * @param {number} [options.offlineAfter] failed attempts before the state is 'offline'
     * @param {(target: object) => Promise<string>} [options.checkAccess] after a socket closed
     *   unopened: 'refused' when the server refuses target.token, anything else otherwise
     */
    constructor({ path, connection, sessionId = () => null, createSocket, backoff, offlineAfter = 4,
      timers = globalThis, now = () => Date.now(), checkAccess = null }) {
      this.path = path;
      this.connection = connection;
      this.sessionId = sessionId;
      this.createSocket = createSocket || ((url, protocols) => new WebSocket(url, protocols));
      this.backoff = backoff || backoffApi.createBackoff();
      this.offlineAfter = offlineAfter;
      this.checkAccess = checkAccess;
      this.timers = timers;
      this.now = now;
      this.listeners = { state: new Set(), open: new Set(), message: new Set(), close: new Set() };
      this.state = 'idle';
      this.socket = null;
      this.timer = null;
      this.generation = 0;
      this.everOpen = false;
      this.reconnects = 0;
      this.lastProblem = null;
    }

    /** What the details view shows: {reconnects, lastProblem: {code, text, at}|null}. */
    stats() {
      return { reconnects: this.reconnects, lastProblem: this.lastProblem };
    }

    noteProblem(code, text) {
      this.lastProblem = { code, text, at: this.now() };
    }

    /** Listens to 'state', 'open', 'message' or 'close'; returns an unsubscribe function. */
    on(type, listener) {
      this.listeners[type].add(listener);
      return () => this.listeners[type].delete(listener);
    }

    emit(type, payload) {
      for (const listener of this.listeners[type]) {
        listener(payload);
      }
    }

    setState(state, extra = {}) {
      this.state = state;
      this.emit('state', { state, attempts: this.backoff.attempts, reconnects: this.reconnects, ...extra });
    }

    get isOpen() {
      return this.state === 'open' && this.socket !== null;
    }

    /** Connects, unless already connected or connecting. */
    start() {
      if (this.state === 'idle' || this.state === 'stopped') {
        this.attempt();
      }
    }

    /** Skips the wait: tries now (the retry button, or the app's voice server is ready again). */
    retryNow() {
      if (['reconnecting', 'offline', 'refused', 'idle', 'stopped'].includes(this.state)) {
        this.timers.clearTimeout(this.timer);
        this.timer = null;
        this.attempt();
      }
    }

    /** Closes for good (until start()). */
    stop() {
      this.generation += 1;
      this.timers.clearTimeout(this.timer);
      this.timer = null;
      const socket = this.socket;
      this.socket = null;
      if (socket) {
        socket.close(1000, 'bye');
      }
      this.setState('stopped');
    }

    /** Closes the current socket so that a fresh one is opened (a connection that went quiet). */
    recycle() {
      if (this.socket) {
        this.socket.close(4000, 'stale');
      }
    }

    /** Sends a string or binary frame; false when not connected. */
    send(data) {
      if (!this.isOpen || this.socket.readyState !== 1) {
        return false;
      }
      this.socket.send(data);
      return true;
    }

    async attempt() {
      const generation = ++this.generation;
      this.setState(this.everOpen || this.backoff.attempts > 0 ? 'reconnecting' : 'connecting', { retryAt: null });
      let target;
      try {
        target = await this.connection();
      } catch (error) {
        if (generation === this.generation) {
          this.retryLater(error);
        }
        return;
      }
      if (generation !== this.generation) {
        return;
      }
      let socket;
      try {
        socket = this.createSocket(protocol.socketUrl(target.wsUrl, this.path, this.sessionId()),
          protocol.subprotocols(target.token));
      } catch (error) {
        this.retryLater(error);
        return;
      }
      socket.binaryType = 'arraybuffer';
      this.socket = socket;
      let opened = false;
      let heard = false;
      const openTimer = this.timers.setTimeout(() => socket.close(), OPEN_TIMEOUT_MS);
      socket.onopen = () => {
        if (this.socket !== socket) {
          return;
        }
        this.timers.clearTimeout(openTimer);
        opened = true;
        if (this.everOpen) {
          this.reconnects += 1;
        }
        this.everOpen = true;
        this.setState('open');
        this.emit('open', { url: socket.url });
      };
      socket.onmessage = (event) => {
        if (this.socket !== socket) {
          return;
        }
        if (!heard) {
          heard = true;
          this.backoff.reset();
        }
        this.emit('message', event.data);
      };
      socket.onerror = () => {};
      socket.onclose = (event) => {
        this.timers.clearTimeout(openTimer);
        if (this.socket !== socket) {
          return;
        }
        this.socket = null;
        if (event.code !== 1000) {
          this.noteProblem(event.code, event.reason || '');
        }
        this.emit('close', { code: event.code, reason: event.reason, wasOpen: opened });
        if (opened || !this.checkAccess) {
          this.retryLater();
        } else {
          this.afterRefusal(target, generation);
        }
      };
    }

    /** A socket closed before it opened: was the token refused, and is there a new one? */
    async afterRefusal(target, generation) {
      let refused = false;
      let fresh = null;
      try {
        refused = (await this.checkAccess(target)) === 'refused';
        fresh = refused ? await this.connection() : null;
      } catch {
        refused = false;
      }
      if (generation !== this.generation) {
        return;
      }
      if (!refused) {
        this.retryLater();
      } else if (fresh && fresh.token !== target.token) {
        this.attempt();
      } else {
        this.noteProblem('token', 'the server refused this window\'s token');
        this.timers.clearTimeout(this.timer);
        this.timer = null;
        this.setState('refused', { retryAt: null });
      }
    }

    retryLater(error) {
      if (error) {
        this.noteProblem('connect', String(error.message || error));
      }
      const delay = this.backoff.next();
      const retryAt = this.now() + delay;
      this.setState(this.backoff.attempts > this.offlineAfter ? 'offline' : 'reconnecting',
        { retryAt, error: error ? String(error.message || error) : undefined });
      this.timers.clearTimeout(this.timer);
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.attempt();
      }, delay);
    }
  }

  return { ReconnectingSocket };
}));
