/*
 * Asks GET /status every few seconds (with the bearer token) and hands the reading to the
 * window: engine indicators, the language, whether the voice button can work. In the app the
 * preload may offer getStatus() (the main process asks for us, so a file:// page needs no CORS
 * from the server); otherwise the page fetches it itself, as in browser mode.
 */
(function (root) {
  'use strict';

  const { readStatus } = root.CraftyUi.engineStatus;

  const EVERY_MS = 3000;
  const TIMEOUT_MS = 2500;

  class StatusPoller {
    /**
     * @param {object} options
     * @param {() => Promise<{url: string, token?: string}>} options.connection
     * @param {(() => Promise<object>)|undefined} options.bridgeStatus the preload's getStatus, if any
     * @param {(status: object) => void} options.onStatus
     */
    constructor({ connection, bridgeStatus, onStatus }) {
      Object.assign(this, { connection, bridgeStatus, onStatus });
      this.timer = null;
      this.running = false;
    }

    start() {
      if (!this.running) {
        this.running = true;
        this.poll();
      }
    }

    /** Asks again now (after a reconnect). */
    refresh() {
      clearTimeout(this.timer);
      this.poll();
    }

    async poll() {
      let body = null;
      try {
        body = this.bridgeStatus ? await this.bridgeStatus() : await this.fetchStatus();
      } catch {
        body = null;
      }
      this.onStatus(readStatus(body));
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.poll(), EVERY_MS);
    }

    async fetchStatus() {
      const { url, token } = await this.connection();
      const abort = new AbortController();
      const timeout = setTimeout(() => abort.abort(), TIMEOUT_MS);
      try {
        const response = await fetch(`${url}/status`, {
          headers: token ? { Authorization: `Bearer ${token}` } : {},
          cache: 'no-store',
          credentials: 'omit',
          signal: abort.signal,
        });
        return response.ok ? await response.json() : null;
      } finally {
        clearTimeout(timeout);
      }
    }
  }

  root.CraftyUi.StatusPoller = StatusPoller;
}(window));
