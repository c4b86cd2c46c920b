/*
 * Plays Crafty's voice: 16-bit PCM frames from /voice/chat become AudioBuffers scheduled back
 * to back on the AudioContext's clock (PlaybackClock), so frames and sentences join without
 * gaps. Pause and resume suspend and resume the context (the schedule stays intact); stop ends
 * every scheduled piece at once. Reports 'playing', 'paused' and 'idle'. A reply is spoken from
 * its first frame until finish() says no more of it is coming and all of it has played: when the
 * speech engine is slower than real time, the pause before the next sentence is part of his
 * speaking (the child can pause or stop him in it), not a moment of thinking.
 */
(function (root) {
  'use strict';

  const { PcmDecoder } = root.CraftyUi.pcm;
  const { PlaybackClock } = root.CraftyUi.playbackClock;

  class AudioPlayer {
    constructor({ onState = () => {} } = {}) {
      this.onState = onState;
      this.context = null;
      this.clock = new PlaybackClock();
      this.decoder = new PcmDecoder();
      this.format = { sampleRate: 22050, channels: 1 };
      this.sources = new Set();
      this.state = 'idle';
      this.more = false;
    }

    /** Creates or wakes the AudioContext; call from a click or key press (autoplay rules). */
    unlock() {
      if (!this.context) {
        this.context = new AudioContext({ latencyHint: 'interactive' });
      }
      if (this.context.state === 'suspended' && this.state !== 'paused') {
        this.context.resume().catch(() => {});
      }
      return this.context;
    }

    setState(state) {
      if (this.state !== state) {
        this.state = state;
        this.onState(state);
      }
    }

    /** A new stream begins ({"type":"audio_start",…}). */
    begin(format) {
      this.format = { sampleRate: format.sampleRate || 22050, channels: format.channels || 1 };
      this.decoder.reset();
    }

    /** One binary frame of s16le PCM. */
    push(data) {
      const samples = this.decoder.push(data);
      const channels = this.format.channels;
      const frames = Math.floor(samples.length / channels);
      if (frames === 0) {
        return;
      }
      const context = this.unlock();
      const buffer = context.createBuffer(channels, frames, this.format.sampleRate);
      for (let c = 0; c < channels; c++) {
        const channel = buffer.getChannelData(c);
        for (let i = 0; i < frames; i++) {
          channel[i] = samples[i * channels + c];
        }
      }
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.onended = () => this.ended(source);
      source.start(this.clock.schedule(context.currentTime, buffer.duration));
      this.sources.add(source);
      this.more = true;
      if (this.state === 'idle') {
        this.setState('playing');
      }
    }

    /** No more audio of this reply is coming: idle once what was scheduled has played. */
    finish() {
      this.more = false;
      this.settle();
    }

    ended(source) {
      this.sources.delete(source);
      this.settle();
    }

    /** Idle when everything scheduled has played and no more is coming. */
    settle() {
      if (this.sources.size === 0 && !this.more && this.state === 'playing') {
        this.setState('idle');
      }
    }

    pause() {
      if (this.state === 'playing' && this.context) {
        this.context.suspend();
        this.setState('paused');
      }
    }

    resume() {
      if (this.state === 'paused' && this.context) {
        this.setState('playing');
        this.context.resume();
        this.settle();
      }
    }

    /** Silence now: every scheduled piece is stopped and forgotten. */
    stop() {
      for (const source of this.sources) {
        source.onended = null;
        try {
          source.stop();
        } catch {
          // never started: nothing to stop
        }
      }
      this.sources.clear();
      this.more = false;
      this.clock.reset();
      this.decoder.reset();
      if (this.context && this.context.state === 'suspended') {
        this.context.resume().catch(() => {});
      }
      this.setState('idle');
    }

    /** Seconds of Crafty's voice played in this run. */
    played() {
      return this.context ? this.clock.played(this.context.currentTime) : 0;
    }
  }

  root.CraftyUi.AudioPlayer = AudioPlayer;
}(window));
