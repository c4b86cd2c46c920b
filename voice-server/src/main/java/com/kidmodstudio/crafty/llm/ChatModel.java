package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;

/**
 * A streaming language model. Implementations are thread-safe; each call to
 * {@link #stream} is one independent HTTP request.
 */
public interface ChatModel {

    /**
     * Generates a reply, handing each text delta to {@code onDelta} as soon as it has been read
     * from the network. Blocks the calling (virtual) thread until the reply is complete.
     *
     * @param messages the conversation, system prompt first
     * @param onDelta  receives each non-empty delta, in order, on the calling thread
     * @param cancel   cancelling it aborts the HTTP request; the call then throws
     *                 {@link com.kidmodstudio.crafty.engine.CancelledException}
     * @return the whole reply
     * @throws EngineException when the model cannot be reached, is missing, fails or times out
     */
    String stream(List<ChatMessage> messages, Consumer<String> onDelta, Cancellation cancel) throws EngineException;

    /**
     * Loads the model into memory without answering anything, so the child's first question does
     * not wait for it; also keeps it loaded when repeated. Blocks until the server has loaded it.
     *
     * @throws IOException when the server cannot be reached, lacks the model or fails
     */
    void preload() throws IOException;

    /**
     * Measures the engine now: reachable, and whether the configured model is installed.
     * Blocks at most the model's health timeout; never throws.
     *
     * @return the engine's status
     */
    EngineStatus probe();

    /**
     * A status describing the configuration before anything has been measured.
     *
     * @return the engine, location and model, marked unavailable
     */
    EngineStatus unprobed();
}
