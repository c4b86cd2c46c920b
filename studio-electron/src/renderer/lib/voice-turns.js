/*
 * The spoken turns of a Conversation: every JSON message from /voice/chat (the session, acks of
 * the audio sent, the live transcript, the server's voice phases, the sentences and audio it
 * speaks, and how the turn ends) and the voice phases the app knows before the server says them
 * (listening while the button is held, idle again after playback). Functions of the
 * conversation: the state they change (messages, phase.voice, partial) is the Conversation's,
 * and they change it through its add/update/setPhase/finishReply so the view hears every step as
 * 'phase', 'partial', 'ack', 'sentence', 'audio-start', 'audio-end', 'added', 'updated' and
 * 'finished' events. No DOM here.
 *
 * Loads as a classic script (window.CraftyUi.voiceTurns) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.voiceTurns = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /** Voice phases the server reports with {"type":"status","status":…}. */
  const VOICE_STATUSES = ['transcribing', 'transcribed', 'thinking', 'responding', 'speaking'];

  /**
   * The child pressed the button: listening until released. The app sets this; the server
   * takes over from 'transcribing'.
   */
  function startListening(conversation) {
    const out = [];
    conversation.partial = '';
    conversation.setPhase('voice', 'listening', out);
    return out;
  }

  /** The app knows the next voice phase before the server says it (e.g. 'transcribing' on release). */
  function setPhase(conversation, phase) {
    const out = [];
    conversation.setPhase('voice', phase, out);
    return out;
  }

  /** Back to idle without a reply (cancelled listening, or speech playback finished). */
  function idle(conversation) {
    const out = [];
    conversation.partial = '';
    conversation.emit({ type: 'partial', text: '' }, out);
    conversation.setPhase('voice', 'idle', out);
    return out;
  }

  /** One JSON message from /voice/chat (a reply left behind was already filtered out). */
  function receive(conversation, message, out) {
    switch (message.type) {
      case 'session':
        conversation.session(message.sessionId, message.resumed, out);
        break;
      case 'ack':
        conversation.emit({ type: 'ack', received: message.received, total: message.total }, out);
        break;
      case 'transcript.partial':
        conversation.partial = typeof message.text === 'string' ? message.text : '';
        conversation.emit({ type: 'partial', text: conversation.partial }, out);
        break;
      case 'status':
        status(conversation, message, out);
        break;
      case 'sentence':
        conversation.emit({ type: 'sentence', index: message.index, text: message.text }, out);
        break;
      case 'audio_start':
        conversation.emit({ type: 'audio-start', format: { sampleRate: message.sampleRate, channels: message.channels || 1,
          encoding: message.encoding || 'pcm_s16le' } }, out);
        break;
      case 'audio_end':
        conversation.emit({ type: 'audio-end', frames: message.frames, bytes: message.bytes }, out);
        break;
      case 'done':
        conversation.finishReply('voice',
          conversation.replyFor('voice', message.requestId) || conversation.openReply('voice', message.requestId, out),
          'done', typeof message.text === 'string' ? message.text : undefined, out);
        conversation.session(message.sessionId, conversation.resumed, out);
        if (message.ttsError) {
          conversation.add({ role: 'notice', key: 'ttsFailed', params: { code: message.ttsError } }, out);
        }
        conversation.setPhase('voice', 'done', out);
        break;
      case 'cancelled':
        conversation.finishReply('voice', conversation.replyFor('voice', message.requestId), 'cancelled',
          message.partialContent, out);
        conversation.setPhase('voice', 'idle', out);
        break;
      case 'reminder':
        // the break reminder: Crafty's own words, before the reply it precedes
        conversation.add({ role: 'crafty', text: typeof message.content === 'string' ? message.content : '',
          state: 'done', reminder: message.kind }, out);
        break;
      case 'error':
        conversation.error('voice', message, out);
        if (!conversation.current.voice) {
          conversation.partial = '';
          conversation.setPhase('voice', 'idle', out);
        }
        break;
      default:
        break;
    }
  }

  /**
   * A voice phase from the server: 'transcribed' puts the child's words in the list, 'thinking'
   * and 'responding' open Crafty's reply (responding adds the next chunk); each is the new phase.
   */
  function status(conversation, message, out) {
    const phase = message.status;
    if (!VOICE_STATUSES.includes(phase)) {
      return;
    }
    if (phase === 'transcribed') {
      conversation.partial = '';
      conversation.emit({ type: 'partial', text: '' }, out);
      if (typeof message.text === 'string' && message.text.trim() !== '') {
        conversation.add({ role: 'child', text: message.text, via: 'voice', state: 'sent', requestId: message.requestId },
          out);
      }
      return;
    }
    if (phase === 'thinking' || phase === 'responding') {
      const reply = conversation.openReply('voice', message.requestId, out);
      if (phase === 'responding' && typeof message.chunk === 'string') {
        conversation.update(reply, { text: reply.text + message.chunk, state: 'streaming' }, out);
      }
    }
    conversation.setPhase('voice', phase, out);
  }

  return { VOICE_STATUSES, startListening, setPhase, idle, receive };
}));
