package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineHttp;
import com.kidmodstudio.crafty.protocol.Json;

/**
 * The HTTP side both chat clients share: streamed replies through {@link StreamingCall} (on a
 * connection of their own, read by the turn's thread), one HTTP/1.1 {@link HttpClient} per model
 * for the short requests (health probes, loading the model), and the memory of the last failed
 * request for {@code /status}.
 */
final class LlmHttp {
    /** Lenient JSON: servers add fields over time. */
    static final ObjectMapper JSON = Json.newMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient client;
    private final LlmTimeouts timeouts;
    private volatile String lastFailure;

    LlmHttp(URI url, LlmTimeouts timeouts) {
        this.timeouts = timeouts;
        // The client's own thread, which reads the sockets, completes the short requests itself
        // instead of passing each response to a pool of threads it would start for that: their
        // bodies are only collected, nothing blocks.
        this.client = EngineHttp.builder(url).connectTimeout(timeouts.connect()).executor(Runnable::run).build();
    }

    LlmTimeouts timeouts() {
        return timeouts;
    }

    /**
     * POSTs {@code body} as JSON and streams the reply; remembers its failure for
     * {@link #lastFailure()}, or forgets the previous one when it succeeds.
     *
     * @param request the request with its URI and any extra headers
     * @param body    the request body, serialised with Jackson
     * @param format  the provider's stream format
     * @param model   the model asked, for exceptions
     * @param onDelta receives each delta
     * @param cancel  aborts the request
     * @return the whole reply
     * @throws EngineException when the request fails
     */
    String stream(HttpRequest.Builder request, Object body, ReplyFormat format, String model,
                  Consumer<String> onDelta, Cancellation cancel) throws EngineException {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest built = request.header("Content-Type", "application/json")
                .header("Accept", format.mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        try {
            String reply = new StreamingCall(built, json, format, model, timeouts).run(onDelta, cancel);
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
     * @param request the request with its URI and any extra headers
     * @param body    the request body, serialised with Jackson
     * @param server  e.g. {@code "Ollama"}, for the message
     * @throws IOException when the server cannot be reached, takes too long or answers an error
     */
    void load(HttpRequest.Builder request, Object body, String server) throws IOException {
        HttpRequest built = request.header("Content-Type", "application/json")
                .timeout(timeouts.firstToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(describe(e, server, built.uri(), timeouts.connect()), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(server + " answered HTTP " + response.statusCode() + " to " + built.uri() + ": "
                                  + abbreviate(response.body().strip(), 200));
        }
    }

    /**
     * A GET for a health probe, answered within the health timeout or abandoned: the wait for
     * the whole response is bounded here, then the exchange is cancelled.
     *
     * @param request the request
     * @return the status and body
     * @throws IOException with a message fit for {@code lastError} when it fails or takes too long
     */
    HttpResponse<String> fetch(HttpRequest.Builder request) throws IOException {
        Duration budget = timeouts.health();
        HttpRequest built = request.GET().build();
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("no answer within " + human(budget));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            future.cancel(true);
        }
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
            why = "no connection within " + human(connect);
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

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    static String abbreviate(CharSequence text, int max) {
        return text.length() <= max ? text.toString() : text.subSequence(0, max) + "…";
    }
}
