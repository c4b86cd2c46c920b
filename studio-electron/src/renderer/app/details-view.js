/*
 * The connection details: a small panel that opens from the connection indicator and shows the
 * round trip, how often the chat reconnected since the page started, the last problem (code,
 * text, time), the sidecar's version and uptime from /status and each engine's state; under
 * "For grown-ups" it saves the diagnostics bundle to a file. Texts via textContent only.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const info = root.CraftyUi.diagnosticsInfo;
  const { engineLabel } = root.CraftyUi.engineStatus;

  const REFRESH_MS = 3000;

  class DetailsView {
    /**
     * @param {object} options
     * @param {HTMLButtonElement} options.toggle the connection indicator
     * @param {HTMLElement} options.panel the (empty) details container
     * @param {object} options.i18n
     * @param {object} options.conversation pong and error events
     * @param {object} options.socket the chat's ReconnectingSocket (state events, stats())
     * @param {() => Promise<object|null>} options.readStatus the /status body
     * @param {() => Promise<{saved: boolean, fileName?: string}>} options.saveDiagnostics
     */
    constructor({ toggle, panel, i18n, conversation, socket, readStatus, saveDiagnostics }) {
      Object.assign(this, { toggle, panel, i18n, socket, readStatus, saveDiagnostics });
      this.rtt = null;
      this.serverProblem = null;
      this.details = info.readDetails(null);
      this.result = null;
      this.timer = null;
      this.build();
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', panel.id);
      toggle.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
      panel.ownerDocument.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && this.isOpen) {
          this.close();
          toggle.focus();
        }
      });
      conversation.subscribe((event) => {
        if (event.type === 'pong') {
          this.rtt = event.rtt;
          this.render();
        } else if (event.type === 'added' && event.message.role === 'error') {
          this.serverProblem = { code: event.message.code || 'error', text: event.message.text || '', at: Date.now() };
          this.render();
        }
      });
      socket.on('state', (state) => {
        if (state.state !== 'open') {
          this.rtt = null;
        }
        this.render();
      });
      i18n.onChange(() => this.render());
    }

    get isOpen() {
      return !this.panel.hidden;
    }

    build() {
      const row = (field) => {
        const value = el('dd', { className: 'details-value', attrs: { 'data-field': field } });
        const term = el('dt', { className: 'details-term' });
        return { term, value };
      };
      this.rows = { rtt: row('rtt'), reconnects: row('reconnects'), error: row('error'), version: row('version'),
        uptime: row('uptime') };
      this.title = el('h2', { className: 'details-title', attrs: { id: `${this.panel.id}-title` } });
      this.closeButton = el('button', { className: 'block-button small details-close', attrs: { type: 'button' } });
      this.closeButton.addEventListener('click', () => {
        this.close();
        this.toggle.focus();
      });
      this.enginesTitle = el('h3', { className: 'details-subtitle' });
      this.engines = el('ul', { className: 'details-engines' });
      this.adultsTitle = el('h3', { className: 'details-subtitle' });
      this.hint = el('p', { className: 'details-hint' });
      this.saveButton = el('button', { className: 'block-button small primary', attrs: { type: 'button', id: 'save-diagnostics' } });
      this.saveButton.addEventListener('click', () => this.save());
      this.resultText = el('p', { className: 'details-result', attrs: { id: 'diagnostics-result', role: 'status' } });
      this.panel.setAttribute('role', 'dialog');
      this.panel.setAttribute('aria-labelledby', this.title.id);
      this.panel.replaceChildren(
        el('div', { className: 'details-head' }, [this.title, this.closeButton]),
        el('dl', { className: 'details-list' }, Object.values(this.rows).flatMap((r) => [r.term, r.value])),
        this.enginesTitle, this.engines,
        el('section', { className: 'details-adults' }, [this.adultsTitle, this.hint, this.saveButton, this.resultText]),
      );
      this.render();
    }

    async open() {
      this.panel.hidden = false;
      this.toggle.setAttribute('aria-expanded', 'true');
      this.render();
      this.closeButton.focus();
      await this.refresh();
    }

    close() {
      this.panel.hidden = true;
      this.toggle.setAttribute('aria-expanded', 'false');
      clearTimeout(this.timer);
      this.timer = null;
    }

    async refresh() {
      clearTimeout(this.timer);
      let body = null;
      try {
        body = await this.readStatus();
      } catch {
        body = null;
      }
      this.details = info.readDetails(body);
      this.render();
      if (this.isOpen) {
        this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
      }
    }

    async save() {
      this.saveButton.disabled = true;
      this.result = { state: 'saving' };
      this.render();
      try {
        const outcome = await this.saveDiagnostics();
        this.result = outcome && outcome.saved ? { state: 'saved', fileName: outcome.fileName } : null;
      } catch (error) {
        this.result = { state: 'failed', error: String((error && error.message) || error) };
      } finally {
        this.saveButton.disabled = false;
        this.render();
      }
    }

    render() {
      const t = this.i18n.t;
      const { reconnects, lastProblem } = this.socket.stats();
      const problem = info.latestProblem(lastProblem, this.serverProblem);
      const unknown = t('detailsUnknown');
      this.title.textContent = t('detailsTitle');
      this.closeButton.textContent = t('detailsClose');
      this.toggle.setAttribute('aria-label', t('detailsOpen'));
      const values = {
        rtt: [t('detailsRtt'), typeof this.rtt === 'number' ? t('detailsRttValue', { ms: this.rtt }) : unknown],
        reconnects: [t('detailsReconnects'), t('detailsReconnectsValue', { count: reconnects })],
        error: [t('detailsLastError'), problem
          ? t('detailsErrorValue', { time: info.clockTime(problem.at), code: problem.code, text: problem.text }).trim()
          : t('detailsNoError')],
        version: [t('detailsVersion'), this.details.version || unknown],
        uptime: [t('detailsUptime'), this.details.uptimeMs === undefined ? unknown
          : t(info.durationWords(this.details.uptimeMs).key, info.durationWords(this.details.uptimeMs).params)],
      };
      Object.entries(values).forEach(([field, [term, value]]) => {
        this.rows[field].term.textContent = term;
        this.rows[field].value.textContent = value;
      });
      this.rows.error.value.setAttribute('data-code', problem ? String(problem.code) : '');
      this.enginesTitle.textContent = t('detailsEngines');
      this.engines.replaceChildren(...this.details.engines.map((engine) => {
        const extra = [engine.engine, engine.model, engine.lastError].filter(Boolean).join(' · ');
        return el('li', { className: 'details-engine', attrs: { 'data-role': engine.role, 'data-state': engine.state } }, [
          el('span', { className: 'engine-dot', attrs: { 'aria-hidden': 'true' } }),
          el('span', { text: engineLabel(engine, t) }),
          extra ? el('span', { className: 'details-engine-extra', text: extra }) : null,
        ]);
      }));
      this.adultsTitle.textContent = t('detailsAdults');
      this.hint.textContent = t('diagnosticsHint');
      this.saveButton.textContent = t('diagnosticsSave');
      this.renderResult();
    }

    renderResult() {
      const t = this.i18n.t;
      const result = this.result;
      this.resultText.setAttribute('data-state', result ? result.state : '');
      if (!result) {
        this.resultText.textContent = '';
      } else if (result.state === 'saving') {
        this.resultText.textContent = t('diagnosticsSaving');
      } else if (result.state === 'saved') {
        this.resultText.textContent = result.fileName ? t('diagnosticsSavedAs', { file: result.fileName }) : t('diagnosticsSaved');
      } else {
        this.resultText.textContent = t('diagnosticsFailed', { error: result.error });
      }
    }
  }

  root.CraftyUi.DetailsView = DetailsView;
}(window));
