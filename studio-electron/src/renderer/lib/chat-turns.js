/*
 * The typed turns of a Conversation: a text message going out (Crafty's bubble waits, thinking)
 * and the messages /chat sends back about it: the welcome, the streamed reply and its end,
 * cancelled, error, the break reminder ('reminder'), the answer to a stop ('stopped') and to a
 * ping ('pong'). Functions of the
 * conversation: the state they change (messages, sessionId, welcomeText, phase.chat) is the
 * Conversation's, and they change it through its add/update/setPhase/finishReply so the view
 * hears every step. The session:* answers on the same socket are saved-conversations.js's.
 * No DOM here.
 *
 * Loads as a classic script (window.CraftyUi.chatTurns) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.chatTurns = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /** A text message went out on /chat: Crafty's bubble appears, thinking, until the first words. */
  function awaitReply(conversation, requestId) {
    const events = [];
    conversation.setChildState(requestId, 'sent').forEach((e) => events.push(e));
    conversation.openReply('chat', requestId, events);
    conversation.setPhase('chat', 'thinking', events);
    return events;
  }

  /** One message from /chat other than a session:* answer (a reply left behind was already filtered out). */
  function receive(conversation, message, out) {
    switch (message.type) {
      case 'assistant':
        assistant(conversation, message, out);
        break;
      case 'cancelled':
        conversation.finishReply('chat', conversation.replyFor('chat', message.requestId), 'cancelled',
          message.partialContent, out);
        conversation.setPhase('chat', 'idle', out);
        break;
      case 'error':
        conversation.error('chat', message, out);
        if (!conversation.current.chat) {
          conversation.setPhase('chat', 'idle', out);
        }
        break;
      case 'stopped':
        conversation.emit({ type: 'stopped', cancelled: message.cancelled }, out);
        break;
      case 'reminder':
        // the break reminder: Crafty's own words, before the reply it precedes
        conversation.add({ role: 'crafty', text: typeof message.content === 'string' ? message.content : '',
          state: 'done', reminder: message.kind }, out);
        break;
      case 'pong':
        if (typeof message.t === 'number') {
          conversation.emit({ type: 'pong', rtt: Math.max(0, Math.round(conversation.now() - message.t)) }, out);
        }
        break;
      default:
        break;
    }
  }

  /**
   * An assistant message: a piece of the streamed reply, the reply's end (done, with the full
   * text and the sessionId), or else the greeting on connect, shown once per conversation.
   */
  function assistant(conversation, message, out) {
    if (message.streaming === true) {
      const reply = conversation.openReply('chat', message.requestId, out);
      conversation.update(reply, { text: reply.text + (message.content || ''), state: 'streaming' }, out);
      conversation.setPhase('chat', 'streaming', out);
    } else if (message.done === true) {
      const reply = conversation.replyFor('chat', message.requestId)
        || conversation.openReply('chat', message.requestId, out);
      conversation.finishReply('chat', reply, 'done',
        typeof message.fullContent === 'string' ? message.fullContent : undefined, out);
      conversation.session(message.sessionId, conversation.resumed, out);
      conversation.setPhase('chat', 'idle', out);
    } else {
      conversation.session(message.sessionId, message.resumed, out);
      if (message.resumed !== true && typeof message.content === 'string' && message.content !== '') {
        conversation.welcomeText = message.content;
      }
      if (!conversation.messages.some((m) => m.role === 'crafty')) {
        conversation.addWelcome(out);
      }
    }
  }

  return { awaitReply, receive };
}));
