'use strict';

/*
 * A stand-in for the voice server's side of the launch contract, in a few lines of Node:
 * serves GET /status on SERVER_HOST:SERVER_PORT (200 with the CRAFTY_TOKEN bearer, else 401)
 * and, with SIDECAR_STDIN=true, exits when its standard input reaches end of file.
 */
const http = require('node:http');

const server = http.createServer((request, response) => {
  const authorised = request.headers.authorization === `Bearer ${process.env.CRAFTY_TOKEN}`;
  response.writeHead(authorised ? 200 : 401, { 'content-type': 'application/json' }).end('{"status":"ok"}');
});
server.listen(Number(process.env.SERVER_PORT), process.env.SERVER_HOST);
if (process.env.SIDECAR_STDIN === 'true') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
