/**
 * Faithful stand-ins for engines that cannot be installed on a build machine: Piper's CLI,
 * whisper.cpp's {@code whisper-cli} and {@code whisper-server}, and (from another helper) Ollama.
 * The executables are small Java programs started through a generated {@code #!/bin/sh}
 * wrapper, so the code under test launches and talks to a real separate process with the real
 * flags, output modes, model-load delay and failure modes. Each has a builder for tests and
 * benchmarks.
 */
package com.kidmodstudio.crafty.fakes;
