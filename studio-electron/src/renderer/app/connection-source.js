/*
 * How this page reaches the voice server, and how it tells a refused token from a server that
 * is away: through the app's preload (window.crafty), or in browser mode from the page's own
 * address with the #token fragment (kept in sessionStorage so a reload still has it).
 *
 * checkAccess(target) answers after a socket closed without opening, which in a browser looks
 * the same for every cause (close code 1006): 'refused' when the server turns this token away,
 * else 'ok' or 'unreachable'. In browser mode it asks GET /status with the token (401 or 403:
 * refused); in the app, the main process always has the current token, so the token is refused
 * when getConnection() now gives a different one.
 */
(function (root) {
  'use strict';

  const info = root.CraftyUi.connectionInfo;
  const PROBE_TIMEOUT_MS = 2500;

  /** GET /status with `token`: 'refused' (401/403), 'ok' (any other answer) or 'unreachable'. */
  async function probe(url, token) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), PROBE_TIMEOUT_MS);
    try {
      const response = await fetch(`${url}/status`, { headers: token ? { Authorization: `Bearer ${token}` } : {},
        cache: 'no-store', credentials: 'omit', signal: abort.signal });
      return response.status === 401 || response.status === 403 ? 'refused' : 'ok';
    } catch {
      return 'unreachable';
    } finally {
      clearTimeout(timer);
    }
  }

  function fromApp(bridge) {
    const connection = async () => {
      const given = await bridge.getConnection();
      if (!info.usableConnection(given)) {
        throw new Error('the voice server is not running yet');
      }
      return given;
    };
    const optional = (name) => (typeof bridge[name] === 'function' ? (...args) => bridge[name](...args) : undefined);
    return {
      mode: 'app',
      connection,
      checkAccess: async (target) => {
        const now = await bridge.getConnection();
        return now && now.token && now.token !== target.token ? 'refused' : 'ok';
      },
      status: optional('getStatus'),
      onSidecarState: optional('onSidecarState'),
      retrySidecar: optional('retrySidecar'),
      saveDiagnostics: optional('saveDiagnostics'),
    };
  }

  function fromPage(win) {
    const fromFragment = info.tokenFromFragment(win.location.hash);
    let token = fromFragment;
    try {
      if (fromFragment) {
        win.sessionStorage.setItem('crafty.token', fromFragment);
      } else {
        token = win.sessionStorage.getItem('crafty.token') || undefined;
      }
    } catch {
      // storage unavailable: the fragment is all we have
    }
    if (fromFragment) {
      win.history.replaceState(null, '', win.location.pathname + win.location.search + info.fragmentWithoutToken(win.location.hash));
    }
    const connection = info.browserConnection(win.location, token);
    return {
      mode: connection ? 'browser' : 'none',
      connection: async () => {
        if (!connection) {
          throw new Error('no server: open this page from the Crafty app or the voice server');
        }
        return connection;
      },
      checkAccess: (target) => probe(target.url, target.token),
    };
  }

  /** The app's bridge when there is one, else this page's own address. */
  function connectionSource(win) {
    const bridge = win.crafty;
    return bridge && typeof bridge.getConnection === 'function' ? fromApp(bridge) : fromPage(win);
  }

  root.CraftyUi.connectionSource = connectionSource;
}(window));
