/*
 * The big voice button and everything behind it: the gesture (hold or tap), the /voice/chat
 * socket (opened on first use, then kept and reconnected), Crafty's spoken answer (only the audio
 * of the reply waited for is played), a typed message answered aloud, and interrupting him by
 * pressing again — then the server is told how much of the reply was heard. Its mode is one of
 * disabled, idle, listening, thinking, speaking, paused (Crafty's voice is paused); onMode hears
 * each change, onProblem the microphone's problem line (an i18n key, or null). Whether it may
 * listen at all is the app state's (setAvailability). What the stage shows is the
 * VoiceButtonView's; the microphone turns streamed to the socket are VoiceListening's; talking
 * without the button is HandsFreeMode's.
 */
(function (root) {
  'use strict';

  const { client, parse, requestIds } = root.CraftyUi.protocol;
  const { ReconnectingSocket } = root.CraftyUi.reconnectingSocket;
  const { VoiceGesture } = root.CraftyUi.voiceGesture;
  const { HeardPosition } = root.CraftyUi.heardPosition;

  /**
   * How long a typed message to be read aloud waits for /voice/chat to open at the most. The
   * socket gives up on its own after 5 s (reconnecting-socket.js) and its close answers the
   * message in writing at once; this only covers an opening that never ends either way.
   */
  const SPEAK_WAIT_MS = 8000;
  const BUSY_PHASES = ['transcribing', 'thinking', 'responding', 'speaking'];

  /** done, cancelled, or an error about the reply (not one about a refused message). */
  function endsReply(message) {
    return message.type === 'done' || message.type === 'cancelled'
      || (message.type === 'error' && (message.category !== 'invalid_request' || Boolean(message.requestId)));
  }

  class VoiceController {
    constructor({ connection, conversation, i18n, elements, checkAccess = null, storage = null, onMode = () => {},
      onProblem = () => {} }) {
      this.conversation = conversation;
      this.onMode = onMode;
      this.onProblem = onProblem;
      this.gesture = new VoiceGesture();
      this.player = new root.CraftyUi.AudioPlayer({ onState: () => this.render() });
      this.heard = new HeardPosition();
      this.nextRequest = requestIds('v');
      this.available = { canListen: false, reason: 'voiceDisabledOffline' };
      this.replyId = null;
      this.audioFor = null;
      this.mode = null;
      this.socket = new ReconnectingSocket({ path: '/voice/chat', connection, checkAccess,
        sessionId: () => conversation.sessionId });
      this.socket.on('open', () => this.opened());
      this.socket.on('message', (data) => this.received(data));
      this.socket.on('close', () => this.closed());
      this.pendingSpeak = null;
      this.view = new root.CraftyUi.VoiceButtonView({ elements, i18n, player: this.player, actions: {
        press: () => this.press(),
        release: () => this.release(),
        escape: () => this.run(this.gesture.cancel()),
        stop: () => this.interrupt(),
      } });
      this.listening = new root.CraftyUi.VoiceListening({ socket: this.socket, conversation, view: this.view,
        gesture: this.gesture, nextRequest: this.nextRequest,
        onProcess: (requestId) => {
          this.replyId = requestId;
        },
        onProblem: (key) => this.onProblem(key),
        onMicFailed: () => this.render() });
      this.handsFree = new root.CraftyUi.HandsFreeMode({ voice: this, view: this.view, storage,
        page: { protocol: location.protocol, audioWorklet: typeof AudioWorkletNode === 'function',
          webAssembly: typeof WebAssembly === 'object' } });
      conversation.subscribe((event) => this.onConversation(event));
      i18n.onChange(() => this.render(true));
      this.render();
      this.handsFree.restore();
    }

    /** Whether the button can listen now, and why not ({canListen, reason}: from the app state). */
    setAvailability(availability) {
      this.available = availability;
      this.render(true);
    }

    press() {
      if (this.mode === 'disabled') {
        return;
      }
      const busy = ['thinking', 'speaking', 'paused'].includes(this.mode);
      if (busy && this.handsFree.active) {
        // hands-free: the press only stops Crafty; the microphone listens again by itself
        this.interrupt();
        return;
      }
      this.run(this.gesture.press(performance.now(), { busy }));
    }

    release() {
      this.run(this.gesture.release(performance.now()));
    }

    run(actions) {
      for (const action of actions) {
        if (action === 'interrupt') {
          this.interrupt();
        } else if (action === 'start') {
          this.startListening();
        } else if (action === 'finish') {
          this.listening.finish();
        } else if (action === 'cancel') {
          this.listening.cancel();
        }
      }
      this.render();
    }

    /** Whether a reply (a voice turn or a spoken answer to typed text) is still coming. */
    get replyOpen() {
      return this.replyId !== null;
    }

    /**
     * Stops Crafty: his reply on the server and his voice here, at once. Audio of that reply
     * still on its way is not played: only the audio of `replyId` is.
     */
    interrupt() {
      if (this.replyId !== null) {
        this.socket.send(JSON.stringify(client.stop()));
        this.replyId = null;
      }
      this.silence();
      this.render();
    }

    /** Stops Crafty's voice; if he was still speaking, tells the server how much was heard. */
    silence() {
      if (this.player.state !== 'idle') {
        const at = this.heard.at(this.player.played());
        if (at !== null && this.socket.isOpen) {
          this.socket.send(JSON.stringify(client.heard(at.requestId, at.sentence, at.playedMs)));
        }
      }
      this.heard.reset(null);
      this.player.stop();
    }

    /** Crafty falls silent and the microphone opens for a new turn. */
    startListening() {
      this.player.unlock();
      this.silence();
      this.onProblem(null);
      this.listening.start();
    }

    /**
     * A typed message answered aloud (the "read answers aloud" switch). When /voice/chat is still
     * opening (the switch was turned on a moment ago), the message waits for it, at most
     * SPEAK_WAIT_MS; if it does not open by then, `fallback` gets the text (answered in writing).
     * False when it cannot be spoken now at all.
     */
    speakText(text, { fallback = () => {} } = {}) {
      if (this.socket.isOpen) {
        this.sendSpeak(text);
        return true;
      }
      if (this.pendingSpeak || !['idle', 'stopped', 'connecting'].includes(this.socket.state)) {
        return false;
      }
      const pending = { text, fallback };
      pending.timer = setTimeout(() => this.dropPendingSpeak(), SPEAK_WAIT_MS);
      this.pendingSpeak = pending;
      this.socket.start();
      return true;
    }

    sendSpeak(text) {
      this.player.unlock();
      this.interrupt();
      const requestId = this.nextRequest();
      this.conversation.addChild(text, { requestId, via: 'text', state: 'sent' });
      this.replyId = requestId;
      this.socket.send(JSON.stringify(client.speak(text, requestId, this.conversation.sessionId || undefined)));
      this.conversation.setVoicePhase('thinking');
    }

    /** The socket opened: a message that waited for it is spoken now. */
    opened() {
      const pending = this.pendingSpeak;
      if (pending) {
        clearTimeout(pending.timer);
        this.pendingSpeak = null;
        this.sendSpeak(pending.text);
      }
      this.listening.flush();
    }

    /** The socket did not open in time (or closed first): the waiting message is answered in writing. */
    dropPendingSpeak() {
      const pending = this.pendingSpeak;
      if (pending) {
        clearTimeout(pending.timer);
        this.pendingSpeak = null;
        pending.fallback(pending.text);
      }
    }

    /** Opens /voice/chat ahead of time (the read-aloud switch was turned on). */
    connect() {
      this.socket.start();
    }

    received(data) {
      if (typeof data !== 'string') {
        if (this.audible()) {
          this.player.push(data);
        }
        return;
      }
      const message = parse(data);
      if (!message) {
        return;
      }
      // a sentence comes before its audio_start, so it is judged by its own requestId: the
      // reply waited for (audioFor still names the previous reply at a new reply's first sentence)
      if (message.type === 'sentence' && message.requestId && message.requestId === this.replyId) {
        if (message.requestId !== this.heard.requestId) {
          this.heard.reset(message.requestId);
        }
        this.heard.sentenceBegins(message.index, this.player.clock.scheduledSeconds);
      } else if (message.type === 'audio_start') {
        this.audioFor = message.requestId || null;
        if (this.audible()) {
          this.player.begin(message);
        }
      } else if (message.type === 'ack') {
        this.listening.ack();
      } else if (endsReply(message) && (!message.requestId || message.requestId === this.replyId)) {
        this.replyId = null;
        this.player.finish();
        this.listening.replyEnded();
      }
      this.conversation.receiveVoice(message);
    }

    /** Audio belongs to the reply being waited for (an interrupted one is dropped). */
    audible() {
      return this.replyId !== null && (this.audioFor === null || this.audioFor === this.replyId);
    }

    closed() {
      this.dropPendingSpeak();
      this.player.finish();
      if (this.replyId !== null) {
        this.replyId = null;
        this.conversation.connectionLost('voice');
      }
      this.listening.replyEnded();
    }

    onConversation(event) {
      if (event.type === 'partial') {
        this.view.showPartial(event.text);
      } else if (event.type === 'phase' && event.channel === 'voice') {
        this.render();
      }
    }

    computeMode() {
      const phase = this.conversation.phase.voice;
      if (this.gesture.listening || phase === 'listening') {
        return 'listening';
      }
      if (this.player.state !== 'idle') {
        return this.player.state === 'paused' ? 'paused' : 'speaking';
      }
      // the server says "speaking" once a sentence is ready; he speaks when it sounds
      if (BUSY_PHASES.includes(phase) && (this.replyOpen || this.listening.turn)) {
        return 'thinking';
      }
      return this.available.canListen ? 'idle' : 'disabled';
    }

    render(force = false) {
      const mode = this.computeMode();
      const changed = mode !== this.mode;
      if (changed || force) {
        this.mode = mode;
        this.view.showMode(mode, { phase: this.conversation.phase.voice, reason: this.available.reason,
          handsFree: this.handsFree.state() });
      }
      this.handsFree.update();
      this.view.showPlayback();
      if (changed) {
        this.onMode(mode);
      }
    }
  }

  root.CraftyUi.VoiceController = VoiceController;
}(window));
