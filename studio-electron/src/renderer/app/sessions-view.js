/*
 * "Your chats": the drawer with the saved conversations (newest first: title, when, how many
 * messages), a "New chat" button, rename in place and delete after a question asked in the
 * drawer itself (no window dialogs); and the "load older messages" button above the chat list.
 * Built with createElement and textContent only; every button has a label, and focus goes back
 * to where the child was after each step.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const { icon } = root.CraftyUi.pixelArt;
  const { describeWhen, describeCount } = root.CraftyUi.sessions;

  class SessionsView {
    /**
     * @param {object} options
     * @param {object} options.elements panel (the chat), toggle, drawer, close, create, empty, list, older
     * @param {object} options.i18n
     * @param {object} options.conversation
     * @param {object} options.actions open(), create(), switchTo(id), rename(id, title), remove(id), older()
     * @param {() => number} [options.now]
     */
    constructor({ elements, i18n, conversation, actions, now = () => Date.now() }) {
      this.ui = elements;
      this.i18n = i18n;
      this.conversation = conversation;
      this.actions = actions;
      this.now = now;
      this.editing = null;
      this.draft = null;
      this.confirming = null;
      this.online = false;
      this.ui.toggle.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
      this.ui.close.addEventListener('click', () => this.close());
      this.ui.create.addEventListener('click', () => this.actions.create());
      this.ui.older.addEventListener('click', () => this.actions.older());
      this.ui.drawer.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && !this.editing && !this.confirming) {
          this.close();
        }
      });
      conversation.subscribe((event) => this.onEvent(event));
      i18n.onChange(() => this.render());
      this.render();
      this.renderOlder({ before: null, loading: false });
    }

    get isOpen() {
      return !this.ui.drawer.hidden;
    }

    open() {
      this.ui.drawer.hidden = false;
      this.ui.panel.setAttribute('data-drawer', 'open');
      this.ui.toggle.setAttribute('aria-expanded', 'true');
      this.actions.open();
      this.render();
      this.ui.create.focus();
    }

    close() {
      this.ui.drawer.hidden = true;
      this.ui.panel.setAttribute('data-drawer', 'closed');
      this.ui.toggle.setAttribute('aria-expanded', 'false');
      this.editing = null;
      this.draft = null;
      this.confirming = null;
      this.ui.toggle.focus();
    }

    /** Session buttons work only while /chat is connected. */
    setOnline(online) {
      this.online = online;
      this.ui.create.disabled = !online;
      this.render();
      this.renderOlder({ before: this.conversation.sessions.before, loading: this.conversation.sessions.loadingOlder });
    }

    onEvent(event) {
      if (event.type === 'sessions' || event.type === 'session') {
        this.render();
      } else if (event.type === 'history') {
        this.renderOlder(event);
      }
    }

    renderOlder({ before, loading }) {
      const t = this.i18n.t;
      this.ui.older.hidden = !before;
      this.ui.older.disabled = loading || !this.online;
      this.ui.older.setAttribute('aria-busy', loading ? 'true' : 'false');
      this.ui.older.replaceChildren(el('span', { className: 'older-icon', attrs: { 'aria-hidden': 'true' } }, [icon('older')]),
        el('span', { text: t(loading ? 'loadingOlder' : 'loadOlder') }));
    }

    title(session) {
      return session.title || this.i18n.t('untitledChat');
    }

    render() {
      const t = this.i18n.t;
      const sessions = this.conversation.sessions;
      const focused = document.activeElement && this.ui.list.contains(document.activeElement)
        ? document.activeElement.getAttribute('data-focus-key') : null;
      this.ui.empty.hidden = sessions.items.length > 0;
      this.ui.empty.textContent = sessions.loaded ? t('sessionsEmpty') : t('sessionsLoading');
      this.ui.list.replaceChildren(...sessions.items.map((session) => this.item(session)));
      if (focused) {
        const again = this.ui.list.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`);
        if (again) {
          again.focus();
        }
      }
    }

    item(session) {
      const t = this.i18n.t;
      const id = session.sessionId;
      const current = id === this.conversation.sessionId;
      const title = this.title(session);
      const when = describeWhen(session.updatedAt, this.now(), this.i18n.language);
      const count = describeCount(session.messageCount);
      const item = el('li', { className: 'session', attrs: { 'data-session-id': id, 'data-current': current ? 'true' : 'false' } });
      if (this.editing === id) {
        item.appendChild(this.renameForm(session));
        return item;
      }
      const open = el('button', { className: 'session-open', attrs: { type: 'button', 'aria-label': t('openChat', { title }),
        'aria-current': current ? 'true' : undefined, 'data-focus-key': `open:${id}`, disabled: !this.online } }, [
        el('span', { className: 'session-title', text: title }),
        el('span', { className: 'session-meta' }, [
          el('span', { className: 'session-when', text: t(when.key, when.params) }),
          el('span', { className: 'session-count', text: t(count.key, count.params) }),
          current ? el('span', { className: 'session-current', text: t('currentChat') }) : null,
        ]),
      ]);
      open.addEventListener('click', () => this.actions.switchTo(id));
      const rename = this.iconButton('pencil', t('renameChat', { title }), `rename:${id}`, () => {
        this.editing = id;
        this.confirming = null;
        this.render();
        const input = this.ui.list.querySelector('.session-rename-input');
        input.focus();
        input.select();
      });
      const remove = this.iconButton('trash', t('deleteChat', { title }), `delete:${id}`, () => {
        this.confirming = id;
        this.editing = null;
        this.render();
        this.ui.list.querySelector('.session-confirm').scrollIntoView({ block: 'nearest' });
        this.ui.list.querySelector('.session-confirm .danger').focus();
      });
      remove.classList.add('session-delete');
      item.append(open, el('div', { className: 'session-actions' }, [rename, remove]));
      if (this.confirming === id) {
        item.appendChild(this.confirmDelete(session));
      }
      return item;
    }

    iconButton(name, label, focusKey, onClick) {
      const button = el('button', { className: 'block-button small icon-button', attrs: { type: 'button', 'aria-label': label,
        title: label, 'data-focus-key': focusKey, disabled: !this.online } }, [icon(name)]);
      button.addEventListener('click', onClick);
      return button;
    }

    renameForm(session) {
      const t = this.i18n.t;
      const id = session.sessionId;
      const input = el('input', { className: 'session-rename-input', attrs: { type: 'text', maxlength: '200',
        'aria-label': t('renameInput'), 'data-focus-key': `input:${id}` } });
      input.value = this.draft !== null ? this.draft : session.title || '';
      input.addEventListener('input', () => {
        this.draft = input.value;
      });
      const save = el('button', { className: 'block-button small primary', text: t('renameSave'), attrs: { type: 'submit' } });
      const cancel = el('button', { className: 'block-button small', text: t('cancel'), attrs: { type: 'button' } });
      const form = el('form', { className: 'session-rename' }, [input, el('div', { className: 'session-buttons' }, [save, cancel])]);
      const done = () => {
        this.editing = null;
        this.draft = null;
        this.render();
        const back = this.ui.list.querySelector(`[data-focus-key="${CSS.escape(`rename:${id}`)}"]`);
        if (back) {
          back.focus();
        }
      };
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const title = input.value.trim();
        if (title && title !== session.title) {
          this.actions.rename(id, title);
        }
        done();
      });
      cancel.addEventListener('click', done);
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          done();
        }
      });
      return form;
    }

    confirmDelete(session) {
      const t = this.i18n.t;
      const id = session.sessionId;
      const yes = el('button', { className: 'block-button small danger', text: t('deleteYes'), attrs: { type: 'button' } });
      const no = el('button', { className: 'block-button small', text: t('deleteNo'), attrs: { type: 'button' } });
      const back = () => {
        this.confirming = null;
        this.render();
        const button = this.ui.list.querySelector(`[data-focus-key="${CSS.escape(`delete:${id}`)}"]`);
        if (button) {
          button.focus();
        }
      };
      yes.addEventListener('click', () => {
        this.confirming = null;
        this.actions.remove(id);
        this.render();
        this.ui.create.focus();
      });
      no.addEventListener('click', back);
      const box = el('div', { className: 'session-confirm', attrs: { role: 'alertdialog', 'aria-label': t('deleteChat', { title: this.title(session) }) } }, [
        el('p', { className: 'session-question', text: t('deleteQuestion', { title: this.title(session) }) }),
        el('div', { className: 'session-buttons' }, [yes, no]),
      ]);
      box.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          back();
        }
      });
      return box;
    }
  }

  root.CraftyUi.SessionsView = SessionsView;
}(window));
