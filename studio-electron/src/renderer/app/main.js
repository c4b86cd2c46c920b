/*
 * Starts the window: finds the voice server (the app's preload, or the page's own address and
 * the #token fragment in browser mode), builds the views and controllers and wires them.
 * Wiring only; the behaviour lives in the files it uses.
 */
(function (root) {
  'use strict';

  const ui = root.CraftyUi;
  const { byId, translateStatic } = ui.dom;
  const { avatar, icon } = ui.pixelArt;
  const info = ui.connectionInfo;

  const SIDECAR_STATES = {
    starting: 'sidecar-starting',
    restarting: 'sidecar-restarting',
    'crashed-giving-up': 'sidecar-failed',
    'port-in-use': 'sidecar-failed',
    'config-error': 'sidecar-failed',
    'no-java': 'sidecar-failed',
    'no-sidecar': 'sidecar-failed',
    'start-timeout': 'sidecar-failed',
  };

  /** How to reach the server: through the app's preload, or from this page's address. */
  function connectionSource(win) {
    const bridge = win.crafty;
    if (bridge && typeof bridge.getConnection === 'function') {
      return {
        mode: 'app',
        connection: async () => {
          const connection = await bridge.getConnection();
          if (!info.usableConnection(connection)) {
            throw new Error('the voice server is not running yet');
          }
          return connection;
        },
        status: typeof bridge.getStatus === 'function' ? () => bridge.getStatus() : undefined,
        onSidecarState: typeof bridge.onSidecarState === 'function' ? (listener) => bridge.onSidecarState(listener) : undefined,
        retrySidecar: typeof bridge.retrySidecar === 'function' ? () => bridge.retrySidecar() : undefined,
        saveDiagnostics: typeof bridge.saveDiagnostics === 'function' ? () => bridge.saveDiagnostics() : undefined,
      };
    }
    const fromFragment = info.tokenFromFragment(win.location.hash);
    let token = fromFragment;
    try {
      if (fromFragment) {
        win.sessionStorage.setItem('crafty.token', fromFragment);
      } else {
        token = win.sessionStorage.getItem('crafty.token') || undefined;
      }
    } catch {
      // storage unavailable: the fragment is all we have
    }
    if (fromFragment) {
      win.history.replaceState(null, '', win.location.pathname + win.location.search + info.fragmentWithoutToken(win.location.hash));
    }
    const connection = info.browserConnection(win.location, token);
    return {
      mode: connection ? 'browser' : 'none',
      connection: async () => {
        if (!connection) {
          throw new Error('no server: open this page from the Crafty app or the voice server');
        }
        return connection;
      },
    };
  }

  function main() {
    const source = connectionSource(window);
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
    new ui.ChatView({ list: byId('messages'), i18n, conversation });
    const statusView = new ui.StatusView({ app, engines: byId('engines'), connectionText: byId('connection-text'),
      retry: byId('retry'), help: byId('engine-help'), helpList: byId('engine-help-list'), i18n });

    let connectionState = 'connecting';
    let sidecarFailed = false;
    let errorShown = false;
    let engines = null;
    const moodText = byId('mood-text');
    let voice = null;

    voice = new ui.VoiceController({
      connection: source.connection,
      conversation,
      i18n,
      elements: {
        button: byId('voice-button'), label: byId('voice-label'), hint: byId('voice-hint'), iconSlot: byId('voice-icon'),
        level: byId('level'), partial: byId('partial'), problem: byId('mic-problem'), playback: byId('playback'),
        pause: byId('pause'), stopPlayback: byId('stop-playback'), time: byId('playback-time'),
      },
      onMode: () => updateMood(),
    });

    const chat = new ui.ChatController({
      connection: source.connection,
      conversation,
      onConnection: (state) => {
        const wasOpen = connectionState === 'open';
        connectionState = state.state;
        voice.setOnline(state.state === 'open');
        sessionsView.setOnline(state.state === 'open');
        statusView.showConnection({ state: source.mode === 'none' ? 'no-server' : state.state, retryAt: state.retryAt });
        if (state.state === 'open' || wasOpen) {
          poller.refresh();
        }
        updateMood();
      },
      onRtt: (rtt) => statusView.showRtt(rtt),
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
        engines = status;
        if (status.language) {
          i18n.setLanguage(status.language);
        }
        statusView.showEngines(status);
        voice.setAvailability(status);
        byId('speak-toggle').hidden = !status.canSpeak;
        if (!status.canSpeak) {
          speakToggle.checked = false;
        }
      },
    });

    new ui.DetailsView({ toggle: byId('connection'), panel: byId('details'), i18n, conversation, socket: chat.socket,
      readStatus: source.status || (() => poller.fetchStatus()),
      saveDiagnostics: source.saveDiagnostics || (() => ui.downloadDiagnostics(source.connection)) });

    function mood() {
      const phase = conversation.phase.chat;
      if (voice && (voice.mode === 'listening' || voice.mode === 'speaking' || voice.mode === 'thinking')) {
        return voice.mode;
      }
      if (phase === 'thinking' || phase === 'streaming') {
        return phase;
      }
      if (connectionState !== 'open') {
        return 'offline';
      }
      return errorShown ? 'error' : 'idle';
    }

    function updateMood() {
      const current = mood();
      app.setAttribute('data-mood', current);
      const keys = { idle: 'phaseIdle', listening: 'phaseListening', thinking: 'phaseThinking', streaming: 'phaseStreaming',
        speaking: 'phaseSpeaking', offline: 'phaseOffline', error: 'phaseError' };
      moodText.textContent = i18n.t(keys[current]);
      byId('stop-reply').hidden = !(conversation.phase.chat === 'thinking' || conversation.phase.chat === 'streaming');
    }
    i18n.onChange(updateMood);

    conversation.subscribe((event) => {
      if (event.type === 'added' && event.message.role === 'error') {
        errorShown = true;
      } else if (event.type === 'added' && event.message.role === 'child') {
        errorShown = false;
      }
      if (event.type === 'phase' || event.type === 'added') {
        updateMood();
      }
    });

    byId('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = byId('input');
      const text = input.value.trim();
      if (!text) {
        return;
      }
      input.value = '';
      if (speakToggle.checked && engines && engines.canSpeak && voice.speakText(text)) {
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
      if (sidecarFailed && source.retrySidecar) {
        source.retrySidecar();
      }
      chat.retryNow();
      poller.refresh();
    });

    if (source.onSidecarState) {
      source.onSidecarState((payload) => {
        const shown = SIDECAR_STATES[payload.state];
        sidecarFailed = shown === 'sidecar-failed';
        if (payload.state === 'ready') {
          chat.retryNow();
          poller.refresh();
        } else if (shown && connectionState !== 'open') {
          statusView.showConnection({ state: shown, retryAt: null });
        }
      });
    }

    updateMood();
    chat.start();
    poller.start();
  }

  main();
}(window));
