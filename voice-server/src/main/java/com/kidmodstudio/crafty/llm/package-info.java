/**
 * Clients for the local language model: Ollama's native streaming API and the OpenAI-compatible
 * chat completions API (llama.cpp server, LM Studio, vLLM). Both stream deltas as they arrive and
 * turn every failure into an {@link com.kidmodstudio.crafty.engine.EngineException} with a precise code.
 */
package com.kidmodstudio.crafty.llm;
