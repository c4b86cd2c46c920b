/*
 * The "Crafty einrichten" card for parents: a dialog with three rows (Denken, Hören, Sprechen)
 * drawn from the SetupState, talking to the voice server's /setup route over its own socket.
 * It opens by itself on a first start when something is missing, and whenever the engine
 * indicators are clicked. Wiring and drawing only; the decisions live in lib/setup-state.js.
 */
(function (root) {
  'use strict';

  const ui = root.CraftyUi;
  const { el } = ui.dom;
  const { ReconnectingSocket } = ui.reconnectingSocket;
  const { SetupState, text } = ui.setupState;
  const SEEN = 'crafty.setupSeen';

  class SetupView {
    constructor({ connection, card, platform, storage, onSample, onChanged }) {
      this.card = card;
      this.platform = platform;
      this.storage = storage;
      this.onSample = onSample;
      this.onChanged = onChanged || (() => {});
      this.state = new SetupState();
      this.firstState = true;
      this.socket = new ReconnectingSocket({ path: '/setup', connection });
      this.socket.on('message', (data) => this.received(data));
      this.socket.start();
      card.addEventListener('click', (event) => {
        if (event.target === card) {
          this.close();
        }
      });
      card.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          this.close();
        }
      });
    }

    received(data) {
      if (typeof data !== 'string') {
        return;
      }
      let message;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      const before = this.state.needsSetup();
      if (!this.state.receive(message)) {
        return;
      }
      if (message.type === 'setup:state' && this.firstState) {
        this.firstState = false;
        if (this.state.needsSetup() && !this.seen()) {
          this.open();
        }
      }
      if (before && !this.state.needsSetup()) {
        this.onChanged();
      } else if (/installed|ready|setup:state/.test(message.type)) {
        this.onChanged();
      }
      this.render();
    }

    seen() {
      try {
        return this.storage && this.storage.getItem(SEEN) === '1';
      } catch {
        return false;
      }
    }

    /** Opens the card; with a role (llm, stt, tts), at that row: it is marked and its button has the focus. */
    open(role) {
      this.card.hidden = false;
      this.focusRole = role;
      this.render();
      const row = role ? this.card.querySelector(`.setup-row[data-role="${role}"]`) : null;
      const first = (row && row.querySelector('button')) || this.card.querySelector('button');
      if (row) {
        row.scrollIntoView({ block: 'nearest' });
      }
      if (first) {
        first.focus();
      }
    }

    close() {
      this.card.hidden = true;
      try {
        if (this.storage) {
          this.storage.setItem(SEEN, '1');
        }
      } catch {
        // storage unavailable: the card opens again next time
      }
    }

    send(message) {
      this.socket.send(JSON.stringify(message));
      this.render();
    }

    render() {
      if (this.card.hidden) {
        return;
      }
      const language = this.state.language;
      const say = (key) => text(language, key);
      const rows = ['llm', 'stt', 'tts'].map((role) => this.row(this.state.row(role, this.platform)));
      const close = el('button', { className: 'block-button small setup-close', text: say('close'), attrs: { type: 'button' } });
      close.addEventListener('click', () => this.close());
      const box = el('div', { className: 'setup-box panel', attrs: { role: 'document' } }, [
        el('h2', { className: 'setup-title', text: say('title'), attrs: { id: 'setup-title' } }),
        el('p', { className: 'setup-intro', text: say('intro') }),
        el('ul', { className: 'setup-rows' }, rows),
        close,
      ]);
      this.card.replaceChildren(box);
    }

    row(row) {
      const children = [
        el('span', { className: 'setup-role', text: row.title }),
        el('span', { className: 'setup-text', text: row.text, attrs: { role: row.state === 'error' ? 'alert' : undefined } }),
      ];
      if (row.detail) {
        children.push(el('code', { className: 'setup-detail', text: row.detail }));
      }
      if (row.progress) {
        children.push(el('progress', { className: 'setup-progress', attrs: { max: row.progress.max, value: row.progress.value } }));
        children.push(el('span', { className: 'setup-progress-text',
          text: [row.progress.label, row.progress.left].filter(Boolean).join(' · ') }));
      }
      if (row.link) {
        children.push(el('a', { className: 'setup-link', text: row.link.label,
          attrs: { href: row.link.href, target: '_blank', rel: 'noopener noreferrer' } }));
      }
      if (row.action) {
        const button = el('button', { className: `block-button small ${row.action.kind === 'cancel' ? 'danger' : 'primary'}`,
          text: row.action.label, attrs: { type: 'button', 'data-action': row.role } });
        button.addEventListener('click', () => this.send(row.action.build()));
        children.push(button);
      }
      if (row.sample && this.onSample) {
        const sample = el('button', { className: 'block-button small', text: row.sample.label, attrs: { type: 'button' } });
        sample.addEventListener('click', () => this.onSample(row.sample.text));
        children.push(sample);
      }
      return el('li', { className: 'setup-row', attrs: { 'data-role': row.role, 'data-state': row.state,
        'data-focus': this.focusRole === row.role ? 'true' : undefined } }, children);
    }
  }

  ui.SetupView = SetupView;
}(typeof globalThis !== 'undefined' ? globalThis : this));
