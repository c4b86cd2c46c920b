/**
 * Faithful fakes of the servers Crafty talks to, over real sockets: Ollama's native API and an
 * OpenAI-compatible chat completions server. Scriptable per test (tokens, delays, failures) and
 * runnable as processes for the browser tests and the benchmark.
 */
package com.kidmodstudio.crafty.fakes;
