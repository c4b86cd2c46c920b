/**
 * Shared vocabulary of the engines Crafty drives: cooperative cancellation of a running turn,
 * the health report each engine gives for {@code /status}, a short-lived cache that keeps
 * health checks off the request path, and the HTTP clients of the engines served over HTTP
 * ({@link com.kidmodstudio.crafty.engine.EngineHttp}), which set up TLS only for https:// URLs.
 */
package com.kidmodstudio.crafty.engine;
