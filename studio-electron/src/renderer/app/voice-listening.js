/*
 * One spoken turn at a time, from the microphone to /voice/chat: start opens the microphone
 * (and the socket), every 160 ms frame goes out as soon as the socket is open (audio_start
 * before the first), finish closes the microphone and asks for the answer with process_audio,
 * cancel throws the recording away (clear); sendRecorded sends a turn recorded elsewhere (the
 * hands-free VAD's utterance) the same way. A turn ends by itself after 30 s of listening, and
 * is given up with a problem when it cannot be sent within 4 s of letting go. The turn stays
 * current until the reply to it has ended; onProcess hears the request id of the reply it asked
 * for, onProblem the problem line to show (an i18n key), onMicFailed that a turn was given up
 * because the microphone did not open.
 */
(function (root) {
  'use strict';

  const { client } = root.CraftyUi.protocol;

  const MAX_LISTEN_MS = 30000;
  const SEND_WITHIN_MS = 4000;

  class VoiceListening {
    /**
     * @param {object} options
     * @param {object} options.socket the ReconnectingSocket of /voice/chat
     * @param {object} options.conversation
     * @param {object} options.view the VoiceButtonView (level, problem line, counters)
     * @param {object} options.gesture the VoiceGesture, reset when a turn ends without a release
     * @param {() => string} options.nextRequest request ids, shared with the typed text spoken
     * @param {(requestId: string) => void} options.onProcess process_audio is on its way
     * @param {(key: string) => void} options.onProblem a problem to show (micDenied, micMissing, micFailed, voiceUnreachable)
     * @param {() => void} options.onMicFailed the microphone did not open: the turn is gone
     */
    constructor({ socket, conversation, view, gesture, nextRequest, onProcess, onProblem, onMicFailed }) {
      Object.assign(this, { socket, conversation, view, gesture, nextRequest, onProcess, onProblem, onMicFailed });
      this.mic = new root.CraftyUi.MicCapture();
      this.turn = null;
      this.acked = 0;
      this.limitTimer = null;
    }

    start() {
      const turn = { requestId: this.nextRequest(), frames: [], started: false, finished: false, captured: false,
        processed: false, sent: 0 };
      this.turn = turn;
      this.conversation.startListening();
      this.socket.start();
      this.acked = 0;
      this.view.showSent(0);
      this.view.showAcked(0);
      this.limitTimer = setTimeout(() => {
        this.gesture.reset();
        this.finish();
      }, MAX_LISTEN_MS);
      // Levels only while this turn still listens: a late one must not light the meter after
      // Escape or release.
      const onLevel = (level) => {
        if (this.turn === turn && !turn.finished) {
          this.view.level(level);
        }
      };
      this.mic.start({ onFrame: (frame) => this.frame(turn, frame), onLevel })
        .then((mode) => this.view.showCapture(mode))
        .catch((error) => {
          // A turn thrown away (Escape, a newer turn) says nothing; one let go before the
          // microphone answered, with no newer one, still says why nothing was heard.
          if (this.turn !== turn && !(this.turn === null && turn.finished && turn.sent === 0)) {
            return;
          }
          clearTimeout(this.limitTimer);
          this.turn = null;
          this.gesture.reset();
          this.onProblem(error.code === 'denied' ? 'micDenied' : error.code === 'missing' ? 'micMissing' : 'micFailed');
          this.conversation.voiceIdle();
          this.onMicFailed();
        });
    }

    frame(turn, frame) {
      turn.frames.push(frame);
      this.flushTurn(turn);
    }

    /** Sends what the current turn has ready (the socket has just opened). */
    flush() {
      if (this.turn) {
        this.flushTurn(this.turn);
      }
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
      this.view.showSent(turn.sent);
      if (turn.captured && turn.started && !turn.processed) {
        turn.processed = true;
        this.onProcess(turn.requestId);
        this.socket.send(JSON.stringify(client.processAudio(turn.requestId, this.conversation.sessionId || undefined)));
        clearTimeout(turn.sendTimer);
      }
    }

    async finish() {
      const turn = this.turn;
      clearTimeout(this.limitTimer);
      if (!turn || turn.finished) {
        return;
      }
      turn.finished = true;
      this.view.level(0);
      this.conversation.setVoicePhase('transcribing');
      await this.mic.stop();
      turn.captured = true;
      if (turn.sent + turn.frames.length === 0) {
        this.turn = null;
        this.conversation.voiceIdle();
        return;
      }
      this.send(turn);
    }

    /**
     * A turn recorded elsewhere (hands-free: the VAD's utterance, as 160 ms frames) goes out
     * as a spoken turn does once the button is let go.
     *
     * @param {ArrayBuffer[]} frames s16le at 16 kHz
     */
    sendRecorded(frames) {
      clearTimeout(this.limitTimer);
      const turn = { requestId: this.nextRequest(), frames: [...frames], started: false, finished: true, captured: true,
        processed: false, sent: 0 };
      this.turn = turn;
      this.acked = 0;
      this.view.showSent(0);
      this.view.showAcked(0);
      this.view.level(0);
      this.conversation.setVoicePhase('transcribing');
      this.socket.start();
      this.send(turn);
    }

    /** Sends the captured turn, or gives it up with a problem when the socket stays shut. */
    send(turn) {
      this.flushTurn(turn);
      if (!turn.processed) {
        turn.sendTimer = setTimeout(() => {
          if (this.turn === turn && !turn.processed) {
            this.turn = null;
            this.onProblem('voiceUnreachable');
            this.conversation.voiceIdle();
          }
        }, SEND_WITHIN_MS);
      }
    }

    cancel() {
      const turn = this.turn;
      clearTimeout(this.limitTimer);
      this.turn = null;
      this.mic.stop({ keep: false });
      if (turn && turn.started) {
        this.socket.send(JSON.stringify(client.clear()));
      }
      this.view.level(0);
      this.conversation.voiceIdle();
    }

    /** The server acknowledged a frame of audio. */
    ack() {
      this.acked += 1;
      this.view.showAcked(this.acked);
    }

    /** The reply to the turn sent has ended, or its socket closed: the turn is over. */
    replyEnded() {
      if (this.turn && this.turn.processed) {
        this.turn = null;
      }
    }
  }

  root.CraftyUi.VoiceListening = VoiceListening;
}(window));
