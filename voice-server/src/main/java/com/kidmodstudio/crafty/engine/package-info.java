/**
 * Shared vocabulary of the engines Crafty drives: cooperative cancellation of a running turn,
 * the health report each engine gives for {@code /status}, a short-lived cache that keeps
 * health checks off the request path, and HTTP: the language model's server and whisper-server
 * are asked over connections of their own, read by the asking thread
 * ({@link com.kidmodstudio.crafty.engine.Http1Stream}, bounded by a
 * {@link com.kidmodstudio.crafty.engine.Watchdog}); the JDK clients of the guard model and the
 * downloads ({@link com.kidmodstudio.crafty.engine.EngineHttp}) set up TLS only for https:// URLs.
 */
package com.kidmodstudio.crafty.engine;
