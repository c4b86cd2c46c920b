/*
 * Starts the window: finds the voice server (connection-source.js), builds the Conversation,
 * the app state (lib/app-state.js), the controllers and the views, and wires them: the
 * controllers report facts to the app state, the views show it. Wiring only; the behaviour
 * lives in the files it uses, and the parts registered with CraftyUi.views mount themselves.
 */
(function (root) {
  'use strict';

  const ui = root.CraftyUi;
  const { byId, translateStatic } = ui.dom;
  const { avatar, icon } = ui.pixelArt;

  function main() {
    const source = ui.connectionSource(window);
    const i18n = ui.i18n.createI18n(document.documentElement.lang);
    const app = byId('app');
    const applyLanguage = () => {
      document.documentElement.lang = i18n.language;
      translateStatic(document, i18n.t);
    };
    applyLanguage();
    i18n.onChange(applyLanguage);

    byId('avatar').appendChild(avatar('avatar-svg'));
    byId('brand-avatar').appendChild(avatar('brand-svg'));
    byId('retry-icon').appendChild(icon('retry'));
    byId('send-icon').appendChild(icon('send'));
    byId('stop-reply-icon').appendChild(icon('stop'));
    byId('sessions-icon').appendChild(icon('chats'));
    byId('sessions-close-icon').appendChild(icon('close'));
    byId('new-chat-icon').appendChild(icon('plus'));

    const conversation = new ui.conversation.Conversation();
    const appState = new ui.appState.AppState({ source: source.mode });
    const storage = (() => {
      try {
        return window.localStorage;
      } catch {
        return null;
      }
    })();
    conversation.subscribe((event) => {
      appState.conversationEvent(event);
      if (event.type === 'session') {
        ui.lastConversation.remember(storage, event.sessionId);
      }
    });
    new ui.ChatView({ list: byId('messages'), i18n, conversation });
    const statusView = new ui.StatusView({ app, engines: byId('engines'), connectionText: byId('connection-text'),
      retry: byId('retry'), help: byId('engine-help'), helpList: byId('engine-help-list'), limits: byId('engine-limits'), i18n,
      onFix: (role) => setup.open(role) });

    const voice = new ui.VoiceController({
      connection: source.connection,
      checkAccess: source.checkAccess,
      conversation,
      i18n,
      elements: {
        button: byId('voice-button'), label: byId('voice-label'), hint: byId('voice-hint'), iconSlot: byId('voice-icon'),
        level: byId('level'), partial: byId('partial'), problem: byId('mic-problem'), playback: byId('playback'),
        pause: byId('pause'), stopPlayback: byId('stop-playback'), time: byId('playback-time'),
        handsFree: byId('hands-free'), handsFreeToggle: byId('hands-free-toggle'), headphonesSwitch: byId('headphones-switch'),
        headphones: byId('headphones'),
      },
      storage,
      onMode: (mode) => appState.set({ voice: mode }),
      onProblem: (key) => appState.set({ listenProblem: key }),
    });

    const chat = new ui.ChatController({
      connection: source.connection,
      checkAccess: source.checkAccess,
      conversation,
      reopen: ui.lastConversation.recall(storage),
      refusedNotice: source.mode === 'app' ? 'staleWindowApp' : 'staleWindow',
      onConnection: (state) => appState.socketChanged(state),
      onRtt: (rtt) => {
        appState.set({ rtt });
        statusView.showRtt(rtt);
      },
    });

    /** Crafty stops talking before another conversation is shown. */
    const quiet = () => {
      if (voice.replyOpen) {
        voice.interrupt();
      }
    };
    const sessionsView = new ui.SessionsView({
      elements: { panel: byId('chat-panel'), toggle: byId('sessions-toggle'), drawer: byId('sessions'), close: byId('sessions-close'),
        create: byId('new-chat'), empty: byId('sessions-empty'), list: byId('session-list'), older: byId('load-older') },
      i18n,
      conversation,
      actions: {
        open: () => chat.listSessions(),
        create: () => {
          quiet();
          chat.newSession();
        },
        switchTo: (sessionId) => {
          quiet();
          chat.switchSession(sessionId);
        },
        rename: (sessionId, title) => chat.renameSession(sessionId, title),
        remove: (sessionId) => {
          if (sessionId === conversation.sessionId) {
            quiet();
          }
          chat.deleteSession(sessionId);
        },
        older: () => chat.loadOlder(),
      },
    });

    const speakToggle = byId('speak-replies');
    const poller = new ui.StatusPoller({
      connection: source.connection,
      bridgeStatus: source.status,
      onStatus: (status) => {
        appState.set({ engines: status });
        if (status.language) {
          i18n.setLanguage(status.language);
        }
        statusView.showEngines(status);
        byId('speak-toggle').hidden = !status.canSpeak;
        if (!status.canSpeak) {
          speakToggle.checked = false;
        }
      },
    });

    new ui.ParentView({ openButton: byId('parent-open'), note: byId('parent-note'), area: byId('parent-area'),
      connection: source.connection, i18n });
    const setup = new ui.SetupView({ connection: source.connection, card: byId('setup-card'),
      platform: window.navigator.platform, storage: (() => {
        try {
          return window.localStorage;
        } catch {
          return undefined;
        }
      })(),
      onSample: (sample) => ui.playSample(source.connection, sample), onChanged: () => poller.refresh() });
    byId('engines').addEventListener('click', (event) => {
      const engine = event.target.closest('.engine');
      setup.open(engine && engine.dataset.state !== 'ready' ? engine.dataset.role : undefined);
    });

    new ui.DetailsView({ toggle: byId('connection'), panel: byId('details'), i18n, conversation, socket: chat.socket,
      readStatus: source.status || (() => poller.fetchStatus()),
      saveDiagnostics: source.saveDiagnostics || (() => ui.downloadDiagnostics(source.connection)) });

    appState.subscribe((state, changed) => {
      if (changed.has('connection') || changed.has('socket') || changed.has('canRetry')) {
        statusView.showConnection({ state: state.connection, retryAt: state.socket.retryAt, canRetry: state.canRetry });
      }
      if (changed.has('online')) {
        sessionsView.setOnline(state.online);
        poller.refresh();
      }
      if (changed.has('listen')) {
        voice.setAvailability(state.listen);
      }
      if (changed.has('listenProblem')) {
        voice.view.showProblem(state.listenProblem);
      }
    });
    ui.views.mountAll({ appState, conversation, i18n, byId, actions: { chat, voice, poller } });

    byId('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = byId('input');
      const text = input.value.trim();
      if (!text) {
        return;
      }
      input.value = '';
      const engines = appState.current.engines;
      if (speakToggle.checked && engines && engines.canSpeak && voice.speakText(text, { fallback: (waited) => chat.send(waited) })) {
        return;
      }
      chat.send(text);
    });
    byId('stop-reply').addEventListener('click', () => chat.stopReply());
    speakToggle.addEventListener('change', () => {
      if (speakToggle.checked) {
        voice.connect();
      }
    });
    byId('retry').addEventListener('click', () => {
      if (appState.current.connection === 'sidecar-failed' && source.retrySidecar) {
        source.retrySidecar();
      }
      chat.retryNow();
      poller.refresh();
    });

    if (source.onSidecarState) {
      source.onSidecarState((payload) => {
        appState.sidecarChanged(payload);
        if (payload.state === ui.sidecarStates.STATES.READY) {
          chat.retryNow();
          poller.refresh();
        }
      });
    }

    statusView.showConnection({ state: appState.current.connection, retryAt: null, canRetry: false });
    voice.setAvailability(appState.current.listen);
    chat.start();
    poller.start();
  }

  main();
}(window));
