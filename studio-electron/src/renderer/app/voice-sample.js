/*
 * "Hör mal": speaks a short sample with the installed voice for the parent, through /voice/tts
 * on a socket of its own (no conversation, nothing saved), played by an AudioPlayer.
 */
(function (root) {
  'use strict';

  const ui = root.CraftyUi;
  const { ReconnectingSocket } = ui.reconnectingSocket;

  /**
   * Speaks a text once; call from a click, so the browser lets the audio play.
   *
   * @param {Function} connection resolves with the server's address and token
   * @param {string} text what to say
   */
  function playSample(connection, text) {
    const player = new ui.AudioPlayer();
    player.unlock();
    const socket = new ReconnectingSocket({ path: '/voice/tts', connection });
    socket.on('open', () => socket.send(JSON.stringify({ action: 'speak', text })));
    socket.on('message', (data) => {
      if (typeof data !== 'string') {
        player.push(data);
        return;
      }
      let message;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      if (message.type === 'audio_start') {
        player.begin(message);
      } else if (message.type === 'done' || message.type === 'error' || message.type === 'cancelled') {
        player.finish();
        socket.stop();
      }
    });
    socket.start();
    return socket;
  }

  ui.playSample = playSample;
}(typeof globalThis !== 'undefined' ? globalThis : this));
