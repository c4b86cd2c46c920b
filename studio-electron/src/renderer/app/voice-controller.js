/*
 * The big voice button and everything behind it: the gesture (hold or tap), the microphone,
 * the /voice/chat socket (opened on first use, then kept and reconnected), the live transcript,
 * Crafty's spoken answer with pause/resume/stop, and interrupting him by pressing again.
 * Its mode is one of disabled, idle, listening, thinking, speaking; onMode hears each change.
 */
(function (root) {
  'use strict';

  const { client, parse, requestIds } = root.CraftyUi.protocol;
  const { ReconnectingSocket } = root.CraftyUi.reconnectingSocket;
  const { VoiceGesture } = root.CraftyUi.voiceGesture;
  const { el } = root.CraftyUi.dom;
  const { icon } = root.CraftyUi.pixelArt;

  const MAX_LISTEN_MS = 30000;
  const SEND_WITHIN_MS = 4000;
  const LEVEL_BLOCKS = 10;
  const BUSY_PHASES = ['transcribing', 'thinking', 'responding', 'speaking'];

  /** done, cancelled, or an error about the reply (not one about a refused message). */
  function endsReply(message) {
    return message.type === 'done' || message.type === 'cancelled'
      || (message.type === 'error' && (message.category !== 'invalid_request' || Boolean(message.requestId)));
  }

  class VoiceController {
    constructor({ connection, conversation, i18n, elements, onMode = () => {} }) {
      this.conversation = conversation;
      this.i18n = i18n;
      this.ui = elements;
      this.onMode = onMode;
      this.gesture = new VoiceGesture();
      this.mic = new root.CraftyUi.MicCapture();
      this.player = new root.CraftyUi.AudioPlayer({ onState: () => this.render() });
      this.nextRequest = requestIds('v');
      this.available = { canListen: false, reason: 'voiceDisabledStt' };
      this.turn = null;
      this.replyId = null;
      this.audioFor = null;
      this.acked = 0;
      this.problem = null;
      this.mode = null;
      this.socket = new ReconnectingSocket({ path: '/voice/chat', connection, sessionId: () => conversation.sessionId });
      this.socket.on('open', () => this.turn && this.flushTurn(this.turn));
      this.socket.on('message', (data) => this.received(data));
      this.socket.on('close', () => this.closed());
      this.levelBlocks = Array.from({ length: LEVEL_BLOCKS }, () => el('i'));
      this.ui.level.replaceChildren(...this.levelBlocks);
      this.bindButton();
      this.ui.pause.addEventListener('click', () => (this.player.state === 'paused' ? this.player.resume() : this.player.pause()));
      this.ui.stopPlayback.addEventListener('click', () => this.interrupt());
      conversation.subscribe((event) => this.onConversation(event));
      i18n.onChange(() => this.render(true));
      this.render();
    }

    bindButton() {
      const button = this.ui.button;
      button.addEventListener('pointerdown', (event) => {
        if (event.button !== 0) {
          return;
        }
        event.preventDefault();
        button.setPointerCapture(event.pointerId);
        this.press();
      });
      button.addEventListener('pointerup', () => this.release());
      button.addEventListener('pointercancel', () => this.release());
      button.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          this.run(this.gesture.cancel());
        } else if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) {
          event.preventDefault();
          this.press();
        }
      });
      button.addEventListener('keyup', (event) => {
        if (event.key === ' ' || event.key === 'Enter') {
          event.preventDefault();
          this.release();
        }
      });
      button.addEventListener('click', (event) => event.preventDefault());
    }

    /**
     * From /status: whether speech-to-text works. When /status cannot be read at all (a file://
     * page without the preload's getStatus cannot), the button stays usable: the server answers
     * stt_unavailable itself if it cannot listen.
     */
    setAvailability({ reachable, canListen }) {
      this.canListen = reachable ? canListen : true;
      this.updateAvailability();
    }

    /** Whether the server is reachable at all (the chat connection is open). */
    setOnline(online) {
      this.online = online;
      this.updateAvailability();
    }

    updateAvailability() {
      const reason = this.online === false ? 'voiceDisabledOffline' : this.canListen ? null : 'voiceDisabledStt';
      this.available = { canListen: reason === null, reason };
      this.render(true);
    }

    press() {
      if (this.mode === 'disabled') {
        return;
      }
      this.run(this.gesture.press(performance.now(), { busy: this.mode === 'thinking' || this.mode === 'speaking' }));
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
          this.finishListening();
        } else if (action === 'cancel') {
          this.cancelListening();
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
      this.player.stop();
      this.render();
    }

    startListening() {
      this.player.unlock();
      this.player.stop();
      this.showProblem(null);
      const turn = { requestId: this.nextRequest(), frames: [], started: false, finished: false, captured: false,
        processed: false, sent: 0 };
      this.turn = turn;
      this.conversation.startListening();
      this.socket.start();
      this.acked = 0;
      this.ui.button.setAttribute('data-sent', '0');
      this.ui.button.setAttribute('data-acked', '0');
      this.limitTimer = setTimeout(() => {
        this.gesture.reset();
        this.finishListening();
      }, MAX_LISTEN_MS);
      this.mic.start({ onFrame: (frame) => this.frame(turn, frame), onLevel: (level) => this.level(level) })
        .then((mode) => this.ui.button.setAttribute('data-capture', mode))
        .catch((error) => {
          if (this.turn !== turn) {
            return;
          }
          clearTimeout(this.limitTimer);
          this.turn = null;
          this.gesture.reset();
          this.showProblem(error.code === 'denied' ? 'micDenied' : error.code === 'missing' ? 'micMissing' : 'micFailed');
          this.conversation.voiceIdle();
          this.render();
        });
    }

    frame(turn, frame) {
      turn.frames.push(frame);
      this.flushTurn(turn);
    }

    /** Sends what the turn has ready: audio_start, frames, and process_audio once captured. */
    flushTurn(turn) {
      if (!this.socket.isOpen || turn !== this.turn) {
        return;
      }
      if (!turn.started && turn.frames.length > 0) {
        this.socket.send(JSON.stringify(client.audioStart()));
        turn.started = true;
      }
      while (turn.frames.length > 0) {
        this.socket.send(turn.frames.shift());
        turn.sent += 1;
      }
      this.ui.button.setAttribute('data-sent', String(turn.sent));
      if (turn.captured && turn.started && !turn.processed) {
        turn.processed = true;
        this.replyId = turn.requestId;
        this.socket.send(JSON.stringify(client.processAudio(turn.requestId, this.conversation.sessionId || undefined)));
        clearTimeout(turn.sendTimer);
      }
    }

    async finishListening() {
      const turn = this.turn;
      clearTimeout(this.limitTimer);
      if (!turn || turn.finished) {
        return;
      }
      turn.finished = true;
      this.level(0);
      this.conversation.setVoicePhase('transcribing');
      await this.mic.stop();
      turn.captured = true;
      if (turn.sent + turn.frames.length === 0) {
        this.turn = null;
        this.conversation.voiceIdle();
        return;
      }
      this.flushTurn(turn);
      if (!turn.processed) {
        turn.sendTimer = setTimeout(() => {
          if (this.turn === turn && !turn.processed) {
            this.turn = null;
            this.showProblem('voiceUnreachable');
            this.conversation.voiceIdle();
          }
        }, SEND_WITHIN_MS);
      }
    }

    cancelListening() {
      const turn = this.turn;
      clearTimeout(this.limitTimer);
      this.turn = null;
      this.mic.stop({ keep: false });
      if (turn && turn.started) {
        this.socket.send(JSON.stringify(client.clear()));
      }
      this.level(0);
      this.conversation.voiceIdle();
    }

    /** A typed message answered aloud (the "read answers aloud" switch); false when not possible. */
    speakText(text) {
      if (!this.socket.isOpen) {
        return false;
      }
      this.player.unlock();
      this.interrupt();
      const requestId = this.nextRequest();
      this.conversation.addChild(text, { requestId, via: 'text', state: 'sent' });
      this.replyId = requestId;
      this.socket.send(JSON.stringify(client.speak(text, requestId, this.conversation.sessionId || undefined)));
      this.conversation.setVoicePhase('thinking');
      return true;
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
      if (message.type === 'audio_start') {
        this.audioFor = message.requestId || null;
        if (this.audible()) {
          this.player.begin(message);
        }
      } else if (message.type === 'ack') {
        this.acked += 1;
        this.ui.button.setAttribute('data-acked', String(this.acked));
      } else if (endsReply(message) && (!message.requestId || message.requestId === this.replyId)) {
        this.replyId = null;
        if (this.turn && this.turn.processed) {
          this.turn = null;
        }
      }
      this.conversation.receiveVoice(message);
    }

    /** Audio belongs to the reply being waited for (an interrupted one is dropped). */
    audible() {
      return this.replyId !== null && (this.audioFor === null || this.audioFor === this.replyId);
    }

    closed() {
      if (this.replyId !== null) {
        this.replyId = null;
        this.conversation.connectionLost('voice');
      }
      if (this.turn && this.turn.processed) {
        this.turn = null;
      }
    }

    onConversation(event) {
      if (event.type === 'partial') {
        this.ui.partial.hidden = event.text === '';
        this.ui.partial.textContent = event.text ? this.i18n.t('youSay', { text: event.text }) : '';
      } else if (event.type === 'phase' && event.channel === 'voice') {
        this.render();
      }
    }

    level(value) {
      const lit = Math.round(value * LEVEL_BLOCKS);
      this.levelBlocks.forEach((block, i) => block.classList.toggle('lit', i < lit));
      this.ui.level.setAttribute('aria-valuenow', String(Math.round(value * 100)));
    }

    showProblem(key) {
      this.problem = key;
      this.ui.problem.hidden = !key;
      this.ui.problem.textContent = key ? this.i18n.t(key) : '';
    }

    computeMode() {
      const phase = this.conversation.phase.voice;
      if (this.gesture.listening || phase === 'listening') {
        return 'listening';
      }
      if (this.player.state !== 'idle') {
        return 'speaking';
      }
      if (BUSY_PHASES.includes(phase) && (this.replyOpen || this.turn)) {
        return phase === 'speaking' ? 'speaking' : 'thinking';
      }
      return this.available.canListen ? 'idle' : 'disabled';
    }

    render(force = false) {
      const mode = this.computeMode();
      const t = this.i18n.t;
      const changed = mode !== this.mode;
      if (changed || force) {
        this.mode = mode;
        const { button, label, hint, iconSlot } = this.ui;
        button.setAttribute('data-state', mode);
        button.setAttribute('aria-disabled', mode === 'disabled' ? 'true' : 'false');
        button.setAttribute('aria-pressed', mode === 'listening' ? 'true' : 'false');
        const labels = { disabled: 'voiceDisabled', idle: 'voiceIdle', listening: 'voiceListening', thinking: 'voiceThinking',
          speaking: 'voiceSpeaking' };
        const phase = this.conversation.phase.voice;
        label.textContent = t(mode === 'thinking' && phase === 'transcribing' ? 'voiceTranscribing' : labels[mode]);
        const hints = { disabled: this.available.reason || 'voiceDisabledStt', idle: 'voiceIdleHint', listening: 'voiceListeningHint',
          thinking: 'voiceBusyHint', speaking: 'voiceSpeakingHint' };
        hint.textContent = t(hints[mode]);
        iconSlot.replaceChildren(icon(mode === 'speaking' ? 'stop' : mode === 'thinking' ? 'llm' : 'mic', 'voice-glyph'));
        if (this.problem) {
          this.showProblem(this.problem);
        }
      }
      this.renderPlayback();
      if (changed) {
        this.onMode(mode);
      }
    }

    renderPlayback() {
      const { playback, pause, time } = this.ui;
      const active = this.player.state !== 'idle';
      playback.hidden = !active;
      const paused = this.player.state === 'paused';
      pause.replaceChildren(icon(paused ? 'play' : 'pause'), el('span', { text: this.i18n.t(paused ? 'resume' : 'pause') }));
      this.ui.stopPlayback.replaceChildren(icon('stop'), el('span', { text: this.i18n.t('stop') }));
      cancelAnimationFrame(this.tick);
      const update = () => {
        const seconds = this.player.played();
        playback.setAttribute('data-played-ms', String(Math.round(seconds * 1000)));
        playback.setAttribute('data-state', this.player.state);
        time.textContent = `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
        if (this.player.state !== 'idle') {
          this.tick = requestAnimationFrame(update);
        }
      };
      update();
    }
  }

  root.CraftyUi.VoiceController = VoiceController;
}(window));
