/*
 * Text chat over /chat: the child's messages go into the outbox and out one at a time (the next
 * when Crafty's reply to the previous one has ended), so messages typed while offline are all
 * answered, in order, once the connection is back. Also keeps the round trip measured with
 * ping/pong and recycles a connection whose pongs stop coming, and carries the requests about
 * the saved conversations (session:*): the list is asked for on every connect, after a reply
 * (typed or spoken) is done or cut short and after a chat was created, renamed or deleted;
 * deleting the chat on screen starts a new one. A page that reopens the conversation shown last
 * (`reopen`) asks for its saved messages once the server says it resumed it, and sends nothing
 * before they are shown. When the server refuses this window's token (it was restarted with a
 * new one), the messages waiting say they cannot be sent and a notice says what to do.
 */
(function (root) {
  'use strict';

  const { client, parse, requestIds } = root.CraftyUi.protocol;
  const { Outbox } = root.CraftyUi.outbox;
  const { ReconnectingSocket } = root.CraftyUi.reconnectingSocket;
  const { needsHistory } = root.CraftyUi.lastConversation;

  const PING_EVERY_MS = 5000;
  /** Answers after which the list of chats is asked for again. */
  const LIST_AFTER = new Set(['session:created', 'session:renamed', 'session:deleted']);
  /** Ends of a turn, on /chat or /voice/chat, after which the list of chats is asked for again. */
  const LIST_AFTER_TURN = new Set(['done', 'cancelled']);
  const PONG_WITHIN_MS = 12000;

  class ChatController {
    /**
     * @param {object} options
     * @param {() => Promise<object>} options.connection where the server is
     * @param {object} options.conversation
     * @param {(state: object) => void} options.onConnection connection state changes
     * @param {(rtt: number) => void} options.onRtt
     * @param {(target: object) => Promise<string>} [options.checkAccess] whether the server refuses a token
     * @param {string|null} [options.reopen] the sessionId of the conversation to open again
     * @param {string} [options.refusedNotice] i18n key of the notice when the token is refused
     */
    constructor({ connection, conversation, onConnection, onRtt, checkAccess = null, reopen = null,
      refusedNotice = 'staleWindow' }) {
      this.conversation = conversation;
      this.onConnection = onConnection;
      this.outbox = new Outbox();
      this.nextRequest = requestIds('r');
      this.nextStop = requestIds('s');
      this.nextPing = requestIds('p');
      this.inFlight = null;
      this.lostNoticeShown = false;
      this.pingTimer = null;
      this.lastPongAt = 0;
      this.reopen = reopen;
      this.awaitingHistory = null;
      this.refusedNotice = refusedNotice;
      if (reopen) {
        conversation.sessionId = reopen;
      }
      this.socket = new ReconnectingSocket({ path: '/chat', connection, checkAccess,
        sessionId: () => conversation.sessionId });
      this.socket.on('state', (state) => {
        if (state.state === 'refused') {
          this.refused();
        }
        onConnection(state);
      });
      this.socket.on('open', () => this.opened());
      this.socket.on('message', (data) => this.received(data));
      this.socket.on('close', () => this.closed());
      conversation.subscribe((event) => {
        if (event.type === 'pong') {
          this.lastPongAt = Date.now();
          onRtt(event.rtt);
        } else if (event.type === 'finished') {
          // Any turn that was saved (typed or spoken, whole or cut short) changes the list.
          if (LIST_AFTER_TURN.has(event.outcome)) {
            this.listSessions();
          }
          if (event.channel === 'chat' && event.requestId === this.inFlight) {
            this.inFlight = null;
            this.pump();
          }
        } else if (event.type === 'current-deleted') {
          this.newSession();
        }
      });
    }

    start() {
      this.socket.start();
    }

    retryNow() {
      this.socket.retryNow();
    }

    /** The child typed `text`: shown at once, sent now or when the connection is back. */
    send(text) {
      const requestId = this.nextRequest();
      if (this.outbox.full) {
        this.conversation.addChild(text, { requestId, state: 'refused' });
        this.conversation.addNotice('outboxFull', { limit: this.outbox.limit });
        return;
      }
      this.conversation.addChild(text, { requestId, state: this.socket.state === 'refused' ? 'unsent' : 'queued' });
      this.outbox.push({ requestId, text });
      this.pump();
    }

    /** Stops Crafty's current text reply. */
    stopReply() {
      if (this.inFlight) {
        this.socket.send(JSON.stringify(client.stop(this.nextStop())));
      }
    }

    /**
     * Sends the session request `build(sessions)` makes; false when offline (nothing is
     * recorded then, so nothing waits for an answer that cannot come).
     */
    sessionRequest(build) {
      if (!this.socket.isOpen) {
        return false;
      }
      const message = build(this.conversation.sessions);
      if (!message) {
        return false;
      }
      if (!this.socket.send(JSON.stringify(message))) {
        this.conversation.sessions.settle(message.requestId);
        return false;
      }
      return true;
    }

    listSessions() {
      return this.sessionRequest((sessions) => sessions.list());
    }

    /** A new, empty chat; Crafty's running reply is stopped first. */
    newSession() {
      this.stopReply();
      return this.sessionRequest((sessions) => sessions.create());
    }

    switchSession(sessionId) {
      if (sessionId === this.conversation.sessionId) {
        return false;
      }
      this.stopReply();
      return this.sessionRequest((sessions) => sessions.switchTo(sessionId));
    }

    loadOlder() {
      return this.sessionRequest((sessions) => sessions.older(this.conversation.sessionId));
    }

    renameSession(sessionId, title) {
      return this.sessionRequest((sessions) => sessions.rename(sessionId, title));
    }

    deleteSession(sessionId) {
      if (sessionId === this.conversation.sessionId) {
        this.stopReply();
      }
      return this.sessionRequest((sessions) => sessions.remove(sessionId));
    }

    get online() {
      return this.socket.isOpen;
    }

    get replying() {
      return this.inFlight !== null;
    }

    pump() {
      if (this.inFlight || this.awaitingHistory || this.outbox.size === 0 || !this.socket.isOpen) {
        return;
      }
      const item = this.outbox.peek();
      const sessionId = this.conversation.sessionId || undefined;
      if (this.socket.send(JSON.stringify(client.chat(item.text, { requestId: item.requestId, sessionId })))) {
        this.outbox.shift();
        this.inFlight = item.requestId;
        this.conversation.awaitChatReply(item.requestId);
      }
    }

    opened() {
      if (this.lostNoticeShown) {
        this.conversation.addNotice('reconnected');
        this.lostNoticeShown = false;
      }
      this.lastPongAt = Date.now();
      this.listSessions();
      this.ping();
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
    }

    ping() {
      if (Date.now() - this.lastPongAt > PONG_WITHIN_MS) {
        this.socket.recycle();
        return;
      }
      this.socket.send(JSON.stringify(client.ping(Date.now(), this.nextPing())));
    }

    received(data) {
      if (typeof data !== 'string') {
        return;
      }
      const message = parse(data);
      if (!message) {
        return;
      }
      const welcome = message.type === 'assistant' && message.streaming === undefined && message.done === undefined;
      const reopening = welcome ? this.reopen : null;
      if (welcome) {
        this.reopen = null;
      }
      this.conversation.receiveChat(message);
      if (LIST_AFTER.has(message.type)) {
        this.listSessions();
      }
      if (this.awaitingHistory && message.requestId === this.awaitingHistory) {
        // The saved messages replaced the list: what the child typed meanwhile goes below them.
        this.awaitingHistory = null;
        for (const item of this.outbox.items) {
          this.conversation.addChild(item.text, { requestId: item.requestId, state: 'queued' });
        }
        this.pump();
      }
      if (welcome && needsHistory(this.conversation, message, reopening)) {
        this.sessionRequest((sessions) => {
          const request = sessions.switchTo(message.sessionId);
          this.awaitingHistory = request.requestId;
          return request;
        });
      }
      if (welcome) {
        this.pump();
      }
    }

    /** The server refuses this window's token: what waits cannot be sent; say what to do. */
    refused() {
      for (const item of this.outbox.items) {
        this.conversation.setChildState(item.requestId, 'unsent');
      }
      if (!this.refusedShown) {
        this.refusedShown = true;
        this.conversation.addNotice(this.refusedNotice);
      }
    }

    closed() {
      clearInterval(this.pingTimer);
      this.pingTimer = null;
      this.awaitingHistory = null;
      const interrupted = this.inFlight !== null;
      this.inFlight = null;
      this.conversation.connectionLost('chat');
      if (!this.lostNoticeShown && (interrupted || this.socket.everOpen)) {
        this.conversation.addNotice('connectionLost');
        this.lostNoticeShown = true;
      }
    }
  }

  root.CraftyUi.ChatController = ChatController;
}(window));
