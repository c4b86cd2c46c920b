'use strict';

/*
 * One /chat turn as the window does it, for tests that need a real WebSocket client:
 *   node [--experimental-websocket] chat-turn.js <wsUrl> <token> <message>
 * connects with the subprotocols crafty.v1 and token.<token>, reads the welcome, sends the
 * message, collects the streamed reply and prints {welcome, deltas, done} as one JSON line.
 * Exits 1 with the reason on stderr when the turn does not end with done within 20 s.
 */
const [wsUrl, token, message] = process.argv.slice(2);

const socket = new WebSocket(`${wsUrl}/chat`, ['crafty.v1', `token.${token}`]);
const result = { welcome: null, deltas: [], done: null };
const timer = setTimeout(() => fail('no done within 20 s'), 20_000);

function fail(reason) {
  process.stderr.write(`${reason}\n`);
  process.exit(1);
}

socket.addEventListener('error', () => fail('the WebSocket failed'));
socket.addEventListener('message', ({ data }) => {
  const reply = JSON.parse(data);
  if (!result.welcome) {
    result.welcome = reply;
    socket.send(JSON.stringify({ action: 'chat', payload: message, requestId: 'smoke-1' }));
  } else if (reply.type === 'assistant' && reply.streaming) {
    result.deltas.push(reply.content);
  } else if (reply.type === 'assistant' && reply.done) {
    result.done = reply;
    clearTimeout(timer);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    socket.close();
  } else {
    fail(`unexpected reply ${data}`);
  }
});
