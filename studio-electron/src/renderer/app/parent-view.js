/*
 * The parent area ("Für Eltern"): opened from the topbar, it talks to /parent on a socket of its
 * own (the same address and token as the chat; the PIN opens a parent session the server keeps
 * with that socket), and draws what lib/parent-area.js makes of the answers: the PIN screens,
 * today's talk time, the settings, the safety events and every conversation. Also draws the
 * note the child always sees, that parents can read the chats. Text only via textContent.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const { client, ParentState } = root.CraftyUi.parentArea;
  const { parentText } = root.CraftyUi.parentTexts;
  const protocol = root.CraftyUi.protocol;

  class ParentView {
    /**
     * @param {object} options
     * @param {HTMLElement} options.openButton the topbar button
     * @param {HTMLElement} options.note where the child's note goes
     * @param {HTMLElement} options.area the (hidden) container of the area
     * @param {() => Promise<{wsUrl: string, token?: string}>} options.connection where the server is
     * @param {object} options.i18n the window's language
     */
    constructor({ openButton, note, area, connection, i18n }) {
      Object.assign(this, { openButton, note, area, connection, i18n });
      this.state = null;
      this.socket = null;
      this.notice = null;
      this.confirming = null;
      openButton.addEventListener('click', () => this.open());
      i18n.onChange(() => this.renderStatic());
      this.renderStatic();
    }

    say(key, params) {
      return parentText(this.i18n.language, key, params);
    }

    locale() {
      return this.i18n.language === 'en' ? 'en-GB' : 'de-DE';
    }

    renderStatic() {
      this.openButton.textContent = this.say('open');
      this.note.textContent = this.say('childNote');
      if (this.state) {
        this.render();
      }
    }

    async open() {
      if (this.state) {
        return;
      }
      this.state = new ParentState();
      this.area.hidden = false;
      this.render();
      const { wsUrl, token } = await this.connection();
      this.socket = new WebSocket(protocol.socketUrl(wsUrl, '/parent'), protocol.subprotocols(token));
      this.socket.addEventListener('open', () => this.send(client.state()));
      this.socket.addEventListener('message', (event) => this.receive(event.data));
      this.socket.addEventListener('close', () => {
        if (this.state) {
          this.state.screen = 'connecting';
          this.render();
        }
      });
    }

    close() {
      if (this.socket) {
        this.send(client.lock());
        this.socket.close(1000);
      }
      this.socket = null;
      this.state = null;
      this.area.hidden = true;
      this.area.replaceChildren();
      this.openButton.focus();
    }

    send(message) {
      if (message.action !== 'parent:overview') {
        this.notice = null;
      }
      if (this.socket && this.socket.readyState === 1) {
        this.socket.send(JSON.stringify(message));
      }
    }

    receive(frame) {
      const message = protocol.parse(frame);
      if (!message || !this.state) {
        return;
      }
      if (message.type === 'parent:settings') {
        this.notice = this.say('saved');
      } else if (message.type === 'parent:error' || message.type === 'parent:locked') {
        this.notice = null;
      }
      const next = this.state.receive(message);
      if (next) {
        this.send(next);
      }
      this.render();
    }

    render() {
      const s = this.state;
      const close = el('button', { className: 'block-button small', text: this.say('close'), attrs: { type: 'button', id: 'parent-close' } });
      close.addEventListener('click', () => this.close());
      const header = el('div', { className: 'parent-header' }, [el('h2', { text: this.say('title') }), close]);
      const body = s.screen === 'open' ? this.openArea() : (s.screen === 'connecting'
        ? el('p', { text: this.say('connecting') }) : this.pinScreen(s.screen === 'new-pin'));
      this.area.replaceChildren(header, body);
      this.area.setAttribute('data-screen', s.screen);
    }

    problemText() {
      const p = this.state.problem;
      if (!p) {
        return this.notice || '';
      }
      if (p.code === 'wrong_pin') {
        return `${p.content} ${this.say('triesLeft', { count: p.triesLeft })}`;
      }
      if (p.code === 'pin_locked' && p.lockedUntil) {
        return `${p.content} ${this.say('lockedUntil', { time: new Date(p.lockedUntil).toLocaleTimeString(this.locale()) })}`;
      }
      return p.content || p.code;
    }

    pinScreen(isNew) {
      const field = (id, label) => el('label', { className: 'parent-field' }, [el('span', { text: label }),
        el('input', { attrs: { id, type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: '12' } })]);
      const problem = el('p', { className: 'parent-problem', text: this.problemText(), attrs: { id: 'parent-problem', role: 'alert' } });
      const form = el('form', { className: 'parent-pin', attrs: { id: 'parent-pin-form' } }, [
        el('p', { text: this.say(isNew ? 'newPinIntro' : 'pinIntro') }),
        field('parent-pin', this.say('pin')),
        isNew ? field('parent-pin-repeat', this.say('pinRepeat')) : null,
        el('button', { className: 'block-button', text: this.say(isNew ? 'setPin' : 'unlock'), attrs: { type: 'submit', id: 'parent-pin-submit' } }),
        problem,
        isNew ? null : el('p', { className: 'parent-hint', text: this.say('forgot') }),
      ]);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const pin = form.querySelector('#parent-pin').value;
        const repeat = isNew ? form.querySelector('#parent-pin-repeat').value : pin;
        if (!/^[0-9]{4,12}$/.test(pin)) {
          problem.textContent = this.say('pinFormat');
        } else if (pin !== repeat) {
          problem.textContent = this.say('pinMismatch');
        } else {
          this.send(isNew ? client.setPin(pin) : client.unlock(pin));
        }
      });
      setTimeout(() => form.querySelector('#parent-pin')?.focus(), 0);
      return form;
    }

    openArea() {
      const s = this.state;
      return el('div', { className: 'parent-grid' }, [
        this.usageCard(), this.settingsCard(), this.safetyCard(), this.conversationsCard(),
        s.conversation ? this.readingCard() : null,
        el('p', { className: 'parent-problem', text: this.problemText(), attrs: { id: 'parent-problem', role: 'status' } }),
      ]);
    }

    card(id, title, children) {
      return el('section', { className: 'parent-card', attrs: { id } }, [el('h3', { text: title }), ...children]);
    }

    usageCard() {
      const usage = this.state.usage || { todayMs: 0, dailyLimitMinutes: 0 };
      const minutes = Math.floor(usage.todayMs / 60000);
      const limit = usage.dailyLimitMinutes ? this.say('ofLimit', { limit: usage.dailyLimitMinutes }) : this.say('noLimit');
      return this.card('parent-usage', this.say('today'), [el('p', { text: `${this.say('usedToday', { minutes })} · ${limit}` })]);
    }

    settingsCard() {
      const settings = this.state.settings || {};
      const input = (name, attrs) => el('label', { className: 'parent-field' }, [el('span', { text: this.say(name) }),
        el('input', { attrs: { id: `parent-setting-${name}`, name, ...attrs } })]);
      const language = el('select', { attrs: { id: 'parent-setting-language', name: 'language' } },
        ['de', 'en'].map((code) => el('option', { text: this.say(code), attrs: { value: code, selected: settings.language === code } })));
      const form = el('form', { className: 'parent-settings', attrs: { id: 'parent-settings-form' } }, [
        el('label', { className: 'parent-field' }, [el('span', { text: this.say('language') }), language]),
        input('dailyLimitMinutes', { type: 'number', min: '0', max: '1440', value: settings.dailyLimitMinutes ?? 0 }),
        input('quietFrom', { type: 'time', value: settings.quietFrom || '' }),
        input('quietUntil', { type: 'time', value: settings.quietUntil || '' }),
        input('breakAfterMinutes', { type: 'number', min: '0', max: '600', value: settings.breakAfterMinutes ?? 45 }),
        input('guard', { type: 'checkbox', checked: settings.guard === true }),
        input('helplineCountry', { type: 'text', maxlength: '2', value: settings.helplineCountry || '' }),
        input('retentionDays', { type: 'number', min: '0', max: '3650', value: settings.retentionDays ?? 90 }),
        el('button', { className: 'block-button', text: this.say('save'), attrs: { type: 'submit', id: 'parent-settings-save' } }),
      ]);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const value = (name) => form.querySelector(`[name="${name}"]`);
        try {
          this.send(client.settings({
            language: value('language').value,
            dailyLimitMinutes: Number.parseInt(value('dailyLimitMinutes').value || '0', 10),
            quietFrom: value('quietFrom').value || null,
            quietUntil: value('quietUntil').value || null,
            breakAfterMinutes: Number.parseInt(value('breakAfterMinutes').value || '0', 10),
            guard: value('guard').checked,
            helplineCountry: value('helplineCountry').value.trim().toUpperCase(),
            retentionDays: Number.parseInt(value('retentionDays').value || '0', 10),
          }));
        } catch (error) {
          this.state.problem = { content: error.message };
          this.render();
        }
      });
      return this.card('parent-settings', this.say('settings'), [form]);
    }

    safetyCard() {
      const events = this.state.safetyEvents;
      const counts = this.state.eventsByCategory().map(({ category, count }) =>
        el('li', { text: `${this.say(category)}: ${count}`, attrs: { 'data-category': category } }));
      const list = events.slice(0, 50).map((event) => el('li', { className: 'parent-event',
        text: `${new Date(event.at).toLocaleString(this.locale())} · ${this.say(event.category)}` }));
      return this.card('parent-safety', this.say('safety'), events.length === 0 ? [el('p', { text: this.say('noEvents') })]
        : [el('ul', { className: 'parent-counts' }, counts), el('ul', { className: 'parent-events' }, list)]);
    }

    conversationsCard() {
      const items = this.state.sessions.map((session) => {
        const title = session.title || this.say('untitled');
        const read = el('button', { className: 'block-button small', text: this.say('read'), attrs: { type: 'button' } });
        read.addEventListener('click', () => this.send(client.conversation(session.sessionId)));
        const remove = el('button', { className: 'block-button small danger', text: this.say('remove'), attrs: { type: 'button' } });
        remove.addEventListener('click', () => {
          if (this.confirming === session.sessionId) {
            this.confirming = null;
            this.send(client.remove(session.sessionId));
          } else {
            this.confirming = session.sessionId;
            remove.textContent = this.say('removeQuestion', { title });
          }
        });
        const meta = [new Date(session.updatedAt).toLocaleString(this.locale()), this.say('messages', { count: session.messageCount })];
        if (session.hidden) {
          meta.push(this.say('hiddenByChild'));
        }
        return el('li', { className: 'parent-session', attrs: { 'data-session': session.sessionId, 'data-hidden': String(session.hidden === true) } }, [
          el('span', { className: 'parent-session-title', text: title }),
          el('span', { className: 'parent-session-meta', text: meta.join(' · ') }),
          el('span', { className: 'parent-session-actions' }, [read, remove]),
        ]);
      });
      return this.card('parent-conversations', this.say('conversations'), items.length === 0
        ? [el('p', { text: this.say('noConversations') })] : [el('ul', { className: 'parent-sessions' }, items)]);
    }

    readingCard() {
      const { session, messages } = this.state.conversation;
      const items = messages.map((message) => el('li', { className: `parent-message parent-message-${message.role}` }, [
        el('span', { className: 'parent-message-who', text: message.role === 'user' ? this.say('child') : this.say('crafty') }),
        el('p', { className: 'parent-message-text', text: message.content }),
      ]));
      return this.card('parent-reading', (session && session.title) || this.say('untitled'), [el('ul', { className: 'parent-messages' }, items)]);
    }
  }

  root.CraftyUi.ParentView = ParentView;
}(window));
