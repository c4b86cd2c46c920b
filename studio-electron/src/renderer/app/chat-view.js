/*
 * The message list: one <li> per message of the Conversation, updated in place as Crafty's
 * words stream in. Text goes in with textContent only. While a reply streams its <li> is
 * aria-busy, so screen readers read it once, complete, instead of word by word.
 */
(function (root) {
  'use strict';

  const { el } = root.CraftyUi.dom;
  const { avatar, icon } = root.CraftyUi.pixelArt;

  const STATE_KEYS = {
    queued: 'stateQueued',
    refused: 'stateRefused',
    unsent: 'stateUnsent',
    interrupted: 'stateInterrupted',
    cancelled: 'stateCancelled',
  };

  class ChatView {
    /**
     * @param {object} options
     * @param {HTMLOListElement} options.list
     * @param {object} options.i18n from CraftyUi.i18n.createI18n
     * @param {object} options.conversation a CraftyUi.conversation.Conversation
     */
    constructor({ list, i18n, conversation }) {
      this.list = list;
      this.i18n = i18n;
      this.nodes = new Map();
      conversation.subscribe((event) => this.onEvent(event));
      i18n.onChange(() => conversation.messages.forEach((message) => this.refresh(message)));
    }

    onEvent(event) {
      if (event.type === 'added') {
        const stick = this.nearBottom();
        const node = this.build(event.message);
        this.nodes.set(event.message.id, node);
        this.list.appendChild(node.item);
        this.refresh(event.message);
        this.scroll(stick || event.message.role === 'child');
      } else if (event.type === 'updated') {
        const stick = this.nearBottom();
        this.refresh(event.message);
        this.scroll(stick);
      } else if (event.type === 'cleared') {
        this.list.replaceChildren();
        this.nodes.clear();
        this.list.scrollTop = 0;
      } else if (event.type === 'prepended') {
        this.prepend(event.messages);
      } else if (event.type === 'removed') {
        const node = this.nodes.get(event.message.id);
        if (node) {
          node.item.remove();
          this.nodes.delete(event.message.id);
        }
      }
    }

    /** Older messages go on top; what the child was reading stays where it was. */
    prepend(messages) {
      const fromBottom = this.list.scrollHeight - this.list.scrollTop;
      const first = this.list.firstChild;
      for (const message of messages) {
        const node = this.build(message);
        this.nodes.set(message.id, node);
        this.list.insertBefore(node.item, first);
        this.refresh(message);
      }
      this.list.scrollTop = this.list.scrollHeight - fromBottom;
    }

    build(message) {
      const body = el('p', { className: 'message-text' });
      const badge = el('span', { className: 'message-badge' });
      const name = el('span', { className: 'message-name' });
      const bubbleChildren = [];
      let face = null;
      if (message.role === 'crafty') {
        face = el('span', { className: 'message-face', attrs: { 'aria-hidden': 'true' } }, [avatar('message-avatar')]);
        bubbleChildren.push(name, body, el('span', { className: 'typing', attrs: { 'aria-hidden': 'true' } },
          [el('i'), el('i'), el('i')]), badge);
      } else if (message.role === 'error') {
        face = el('span', { className: 'message-face warn', attrs: { 'aria-hidden': 'true' } }, [icon('warn')]);
        bubbleChildren.push(name, body);
      } else if (message.role === 'child') {
        bubbleChildren.push(name, body, badge);
      } else {
        bubbleChildren.push(body);
      }
      const bubble = el('div', { className: 'bubble' }, bubbleChildren);
      const item = el('li', { className: `message message-${message.role}`,
        attrs: { 'data-id': message.id, 'data-role': message.role } }, [face, bubble]);
      return { item, body, badge, name };
    }

    refresh(message) {
      const node = this.nodes.get(message.id);
      if (!node) {
        return;
      }
      const t = this.i18n.t;
      node.item.setAttribute('data-state', message.state || '');
      node.item.setAttribute('data-streaming', message.streaming ? 'true' : 'false');
      node.item.setAttribute('aria-busy', message.streaming ? 'true' : 'false');
      if (message.via) {
        node.item.setAttribute('data-via', message.via);
      }
      if (message.code) {
        node.item.setAttribute('data-code', message.code);
      }
      node.name.textContent = message.role === 'child' ? t('you') : message.role === 'error' ? t('oops') : t('crafty');
      if (message.role === 'notice') {
        node.body.textContent = t(message.key, message.params);
      } else if (message.role === 'error') {
        node.body.textContent = message.key ? t(message.key, message.params) : message.text || t('errorGeneric');
      } else {
        node.body.textContent = message.text || (message.key ? t(message.key, message.params) : '');
      }
      const stateKey = STATE_KEYS[message.state];
      const via = message.role === 'child' && message.via === 'voice' ? t('viaVoice') : '';
      node.badge.textContent = stateKey ? t(stateKey) : via;
      node.badge.setAttribute('data-kind', stateKey ? message.state : via ? 'voice' : '');
    }

    nearBottom() {
      return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 80;
    }

    scroll(stick) {
      if (stick) {
        this.list.scrollTop = this.list.scrollHeight;
      }
    }
  }

  root.CraftyUi.ChatView = ChatView;
}(window));
