/*
 * The top bar: how the connection is (with the round trip, or a countdown to the next attempt
 * and a retry button) and one block per engine (thinking, listening, speaking) that is green
 * when ready, red when missing and amber when it works in another language than Crafty's
 * ("Hören: nur Englisch"); for a missing one the chat shows what a grown-up can do, for one in
 * the wrong language a line saying so with a button that opens "Crafty einrichten" at its row.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const { icon } = root.CraftyUi.pixelArt;
  const { helpFor, engineLabel, languageNames } = root.CraftyUi.engineStatus;

  class StatusView {
    constructor({ app, engines, connectionText, retry, help, helpList, limits, i18n, onFix = () => {} }) {
      Object.assign(this, { app, engines, connectionText, retry, help, helpList, limits, i18n, onFix });
      this.connection = { state: 'connecting' };
      this.status = null;
      this.countdown = null;
      i18n.onChange(() => {
        this.renderConnection();
        if (this.status) {
          this.showEngines(this.status);
        }
      });
    }

    /**
     * @param {{state: string, retryAt?: number|null, canRetry?: boolean}} connection from the app
     *   state: connecting | open | reconnecting | offline | stale | no-server | sidecar-starting |
     *   sidecar-restarting | sidecar-failed, with the retry button's visibility
     */
    showConnection(connection) {
      this.connection = { ...this.connection, ...connection };
      if (connection.state !== 'open') {
        delete this.connection.rtt;
      }
      this.renderConnection();
      clearInterval(this.countdown);
      this.countdown = null;
      if (this.connection.retryAt) {
        this.countdown = setInterval(() => this.renderConnection(), 1000);
      }
    }

    showRtt(rtt) {
      if (this.connection.state === 'open') {
        this.connection.rtt = rtt;
        this.renderConnection();
      }
    }

    renderConnection() {
      const { state, retryAt, rtt } = this.connection;
      const t = this.i18n.t;
      const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
      let text;
      switch (state) {
        case 'open':
          text = typeof rtt === 'number' ? t('onlineRtt', { ms: rtt }) : t('online');
          break;
        case 'reconnecting':
          text = retryAt ? t('reconnecting', { seconds }) : t('reconnectingNow');
          break;
        case 'offline':
          text = retryAt ? t('offline', { seconds }) : t('reconnectingNow');
          break;
        case 'no-server':
          text = t('noServer');
          break;
        case 'sidecar-starting':
          text = t('sidecarStarting');
          break;
        case 'sidecar-restarting':
          text = t('sidecarRestarting');
          break;
        case 'sidecar-failed':
          text = t('sidecarFailed');
          break;
        case 'stale':
          text = t('stale');
          break;
        default:
          text = t('connecting');
      }
      this.app.setAttribute('data-connection', state);
      this.connectionText.textContent = text;
      this.retry.hidden = !this.connection.canRetry;
    }

    /** @param {object} status from CraftyUi.engineStatus.readStatus */
    showEngines(status) {
      this.status = status;
      const t = this.i18n.t;
      this.engines.replaceChildren(...status.engines.map((engine) => {
        const name = t(`engine_${engine.role}`);
        const said = engineLabel(engine, t);
        const wrong = engine.state === 'wrong-language';
        return el('li', { className: 'engine', attrs: { 'data-role': engine.role, 'data-state': engine.state,
          title: said + (engine.lastError ? ` – ${engine.lastError}` : '') } }, [
          el('span', { className: 'engine-icon', attrs: { 'aria-hidden': 'true' } }, [icon(engine.role)]),
          el('span', { className: 'engine-name', text: wrong ? said : name, attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'engine-dot', attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'visually-hidden', text: said }),
        ]);
      }));
      this.showWrongLanguage(status);
      this.engines.title = status.reachable ? '' : t('statusUnreachable');
      const missing = status.missing;
      this.help.hidden = missing.length === 0;
      this.helpList.replaceChildren(...missing.map((engine) => {
        const help = helpFor(engine);
        return el('li', { className: 'engine-help-item', attrs: { 'data-role': engine.role } }, [
          el('strong', { text: t(`engine_${engine.role}`) }),
          el('span', { text: ` ${t(help.key, help.params)}` }),
          engine.lastError ? el('code', { className: 'engine-help-error', text: t('helpError', { error: engine.lastError }) }) : null,
        ]);
      }));
    }

    /** One line per engine in the wrong language, with the button that opens the setup card at its row. */
    showWrongLanguage(status) {
      const t = this.i18n.t;
      const wrong = status.wrongLanguage || [];
      this.limits.hidden = wrong.length === 0;
      this.limits.replaceChildren(...wrong.map((engine) => {
        const fix = el('button', { className: 'block-button small primary engine-limit-fix', text: t(`wrongLanguageFix_${engine.role}`),
          attrs: { type: 'button', 'data-fix': engine.role } });
        fix.addEventListener('click', () => this.onFix(engine.role));
        return el('li', { className: 'engine-limit', attrs: { 'data-role': engine.role } }, [
          el('strong', { text: engineLabel(engine, t) }),
          el('span', { className: 'engine-limit-text', text: ` ${t(`wrongLanguage_${engine.role}`, {
            languages: languageNames(engine.languages, t), language: t(`language_${status.language}`) })}` }),
          fix,
        ]);
      }));
    }
  }

  root.CraftyUi.StatusView = StatusView;
}(window));
