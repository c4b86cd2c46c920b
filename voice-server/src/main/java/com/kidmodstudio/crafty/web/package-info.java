/**
 * HTTP services and WebSocket routes. Each class only wires a route to the engines and the
 * protocol; the work itself lives in the engine and chat packages.
 */
package com.kidmodstudio.crafty.web;
