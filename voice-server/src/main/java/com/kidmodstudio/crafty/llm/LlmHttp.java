package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;


import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Http1Stream;
import com.kidmodstudio.crafty.protocol.Json;

/**
 * The HTTP side both chat clients share: every request goes over a connection of its own
 * ({@link Http1Stream}), read on the calling thread; streamed replies through
 * {@link StreamingCall}, bounded requests for health probes and for loading the model; and the
 * memory of the last failed request for {@code /status}. No JDK {@code HttpClient}: its selector
 * thread and some 300 classes are not started for a server on the child's own machine.
 */
final class LlmHttp {
    /** The most of a short answer that is read (a model list, an error page). */
    private static final int MAX_ANSWER_BYTES = 8 << 20;

    private final LlmTimeouts timeouts;
    private volatile String lastFailure;

    LlmHttp(LlmTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    LlmTimeouts timeouts() {
        return timeouts;
    }

    /**
     * POSTs {@code body} as JSON and streams the reply; remembers its failure for
     * {@link #lastFailure()}, or forgets the previous one when it succeeds.
     *
     * @param uri     where to
     * @param headers any extra headers (e.g. {@code Authorization})
     * @param body    the request body, written by {@link Json}
     * @param format  the provider's stream format
     * @param model   the model asked, for exceptions
     * @param onDelta receives each delta
     * @param cancel  aborts the request
     * @return the whole reply
     * @throws EngineException when the request fails
     */
    String stream(URI uri, Map<String, String> headers, Object body, ReplyFormat format, String model,
                  Consumer<String> onDelta, Cancellation cancel) throws EngineException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("Accept", format.mediaType());
        try {
            String reply = new StreamingCall(uri, all, Json.writeBytes(body), format, model, timeouts).run(onDelta, cancel);
            lastFailure = null;
            return reply;
        } catch (EngineException e) {
            lastFailure = e.code().wire() + ": " + e.getMessage();
            throw e;
        }
    }

    /**
     * The last streamed request's failure, unless a later one succeeded.
     *
     * @return the failure, or {@code null}
     */
    String lastFailure() {
        return lastFailure;
    }

    /**
     * POSTs {@code body} as JSON and waits for the whole answer, at most the first-token timeout:
     * for loading a model, where only success matters, not the answer.
     *
     * @param uri     where to
     * @param headers any extra headers
     * @param body    the request body, written by {@link Json}
     * @param server  e.g. {@code "Ollama"}, for the message
     * @throws IOException when the server cannot be reached, takes too long or answers an error
     */
    void load(URI uri, Map<String, String> headers, Object body, String server) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        Http1Stream.Answer answer;
        try {
            answer = Http1Stream.exchange(uri, "POST", all, Json.writeBytes(body), timeouts.connect(), timeouts.firstToken(),
                                          MAX_ANSWER_BYTES, new Cancellation());
        } catch (IOException e) {
            throw new IOException(describe(e, server, uri, timeouts.connect()), e);
        }
        if (answer.status() != 200) {
            throw new IOException(server + " answered HTTP " + answer.status() + " to " + uri + ": "
                                  + Brief.text(answer.body().strip(), 200));
        }
    }

    /**
     * A GET for a health probe, answered within the health timeout or abandoned: the whole
     * exchange is bounded, then its connection is closed.
     *
     * @param uri     where to
     * @param headers any extra headers
     * @return the status and body
     * @throws IOException with a message fit for {@code lastError} when it fails or takes too long
     */
    Http1Stream.Answer fetch(URI uri, Map<String, String> headers) throws IOException {
        return Http1Stream.exchange(uri, "GET", headers, null, timeouts.connect(), timeouts.health(), MAX_ANSWER_BYTES,
                                    new Cancellation());
    }

    /**
     * Says why a request could not get an answer, for logs and {@code lastError}.
     *
     * @param e       what the HTTP client threw
     * @param server  e.g. {@code "Ollama"}
     * @param uri     the request's URI
     * @param connect the connect timeout
     * @return e.g. {@code "cannot reach Ollama at http://127.0.0.1:11434/api/chat: connection refused"}
     */
    static String describe(IOException e, String server, URI uri, Duration connect) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "no connection within " + Brief.duration(connect);
        } else if (e instanceof ConnectException) {
            why = "connection refused (is " + server + " running?)";
        } else if (e instanceof HttpTimeoutException) {
            why = e.getMessage();
        } else {
            why = rootMessage(e);
        }
        return "cannot reach " + server + " at " + uri + ": " + why;
    }

    /**
     * The message of the innermost cause, which says what happened on the wire ("EOF reached
     * while reading") where the outer one only says "closed".
     *
     * @param e an exception
     * @return its most specific message, or the exception's type when there is none
     */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

}
