/**
 * Faithful fakes of the engines Crafty talks to, for engines that cannot be installed on a build
 * machine. Over real sockets: Ollama's native API and an OpenAI-compatible chat completions
 * server, scriptable per test (tokens, delays, failures) and runnable as processes for the browser
 * tests and the benchmark. As real processes: Piper's CLI, whisper.cpp's {@code whisper-cli} and
 * {@code whisper-server}, small Java programs started through a generated {@code #!/bin/sh}
 * wrapper with the real flags, output modes, model-load delay and failure modes.
 */
package com.kidmodstudio.crafty.fakes;
