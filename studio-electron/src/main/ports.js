'use strict';

const net = require('node:net');

/**
 * Whether nothing listens on `host:port`: binds it for a moment and lets go. A port someone
 * else holds answers false; any other bind failure (no such address, no permission) is
 * rethrown because it is not "in use".
 *
 * @param {string} host address to bind, e.g. 127.0.0.1
 * @param {number} port TCP port
 * @returns {Promise<boolean>}
 */
function isPortFree(host, port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') {
        resolve(false);
      } else {
        reject(error);
      }
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port the system considers free right now on `host` (bind 0, read, let go).
 *
 * @param {string} host
 * @returns {Promise<number>}
 */
function findFreePort(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = { isPortFree, findFreePort };
