/*
 * "Save diagnostics" in browser mode (no preload): the page fetches the voice server's
 * GET /diagnostics itself, with the bearer token, and hands the bundle to the browser as a
 * download (a Blob behind a temporary <a download>). Nothing is sent anywhere.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const { diagnosticsFileName } = root.CraftyUi.diagnosticsInfo;

  const TIMEOUT_MS = 10000;

  /**
   * @param {() => Promise<{url: string, token?: string}>} connection where the server is
   * @returns {Promise<{saved: true, fileName: string}>}
   */
  async function downloadDiagnostics(connection) {
    const { url, token } = await connection();
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let bundle;
    try {
      const response = await fetch(`${url}/diagnostics`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        cache: 'no-store',
        credentials: 'omit',
        signal: abort.signal,
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      bundle = await response.json();
    } finally {
      clearTimeout(timeout);
    }
    const fileName = diagnosticsFileName(new Date());
    const blob = new Blob([`${JSON.stringify(bundle, null, 2)}\n`], { type: 'application/json' });
    const href = URL.createObjectURL(blob);
    const link = el('a', { attrs: { href, download: fileName }, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
    return { saved: true, fileName };
  }

  root.CraftyUi.downloadDiagnostics = downloadDiagnostics;
}(window));
