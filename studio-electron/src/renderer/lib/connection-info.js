/*
 * Where the voice server is and which token it wants, in the two ways the page can be opened:
 *   - in the Crafty app (file://), the preload's window.crafty.getConnection() says
 *     {url, wsUrl, port, token, language};
 *   - in browser mode (the sidecar serves this page from UI_DIR), the page's own origin is the
 *     server and the token comes in the address's fragment, http://127.0.0.1:<port>/#token=<hex>,
 *     which browsers never send to a server.
 *
 * Loads as a classic script (window.CraftyUi.connectionInfo) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.connectionInfo = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

  /** The token in a fragment such as '#token=abc…' (other parameters allowed), or undefined. */
  function tokenFromFragment(hash) {
    const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
    const token = params.get('token');
    return token && TOKEN.test(token) ? token : undefined;
  }

  /** The fragment without its token, for history.replaceState (so it does not stay on screen). */
  function fragmentWithoutToken(hash) {
    const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
    params.delete('token');
    const rest = params.toString();
    return rest ? `#${rest}` : '';
  }

  /**
   * The connection of a page served by the voice server itself.
   *
   * @param {{protocol: string, host: string}} location the page's location
   * @param {string|undefined} token
   * @returns {{url: string, wsUrl: string, token?: string}|undefined} undefined for file:// pages
   */
  function browserConnection(location, token) {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') {
      return undefined;
    }
    const url = `${location.protocol}//${location.host}`;
    const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    return { url, wsUrl, token };
  }

  /** Whether what getConnection() resolved with is enough to connect. */
  function usableConnection(connection) {
    return Boolean(connection && typeof connection.wsUrl === 'string' && connection.wsUrl
      && typeof connection.url === 'string' && connection.url);
  }

  return { tokenFromFragment, fragmentWithoutToken, browserConnection, usableConnection };
}));
