package com.kidmodstudio.crafty.llm;

import java.io.IOException;

import com.kidmodstudio.crafty.engine.EngineException;

/**
 * The wire format of one provider's streamed replies: how to read a line, how to read an HTTP
 * error. {@link StreamingCall} does the transport, timeouts and cancellation for every format.
 */
interface ReplyFormat {

    /**
     * The server's name for messages, e.g. {@code "Ollama"}.
     *
     * @return the name
     */
    String server();

    /**
     * The media type of the stream, sent as {@code Accept}.
     *
     * @return e.g. {@code application/x-ndjson}
     */
    String mediaType();

    /**
     * Interprets one non-blank line of the response body.
     *
     * @param line the line, decoded, without its terminator
     * @return its meaning
     * @throws IOException when the line is not what the protocol allows (e.g. invalid JSON)
     */
    ReplyLine decode(String line) throws IOException;

    /**
     * Turns a non-2xx answer into the exception the caller sees.
     *
     * @param status the HTTP status
     * @param body   the start of the response body
     * @param model  the model that was asked
     * @return the exception
     */
    EngineException httpError(int status, String body, String model);
}
