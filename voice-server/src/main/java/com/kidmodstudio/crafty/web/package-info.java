/**
 * HTTP services and WebSocket routes. Each class only wires a route to the engines and the
 * protocol: a route switches over its own sealed set of client messages and starts turns on the
 * shared turn path ({@code com.kidmodstudio.crafty.turn}); the work itself lives in the chat and
 * voice packages and the engines.
 */
package com.kidmodstudio.crafty.web;
