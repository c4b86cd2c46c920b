package com.kidmodstudio.crafty.llm;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Http1Stream;
import com.kidmodstudio.crafty.engine.Watchdog;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * One streamed chat request: sends it, reads the body line by line as bytes arrive, hands each
 * delta on at once, and turns every way it can end into a result or a precise exception.
 *
 * <p>The request has a connection of its own ({@link Http1Stream}), read on the calling thread.
 * Timeouts and cancellation share one mechanism, {@link #abort()}: it closes that connection, so
 * the calling thread wakes up from a blocked connect or read. The first-token deadline runs from sending the request, so it
 * also covers a server that does not answer at all while it loads the model; after that each
 * generated token (a delta, or a reasoning model's thinking) pushes the deadline out by the idle
 * timeout.
 */
final class StreamingCall {
    private static final int MAX_LINE_BYTES = 1 << 20;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;
    private final ReplyFormat format;
    private final String model;
    private final LlmTimeouts timeouts;
    private final StringBuilder reply = new StringBuilder();
    private final AutoCloseable abortAction = this::abort;
    private boolean answered;
    private boolean tokenSeen;

    private Http1Stream connection;
    private boolean aborted;

    StreamingCall(URI uri, Map<String, String> headers, byte[] body, ReplyFormat format, String model,
                  LlmTimeouts timeouts) {
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.format = format;
        this.model = model;
        this.timeouts = timeouts;
    }

    /**
     * Runs the request to its end.
     *
     * @param onDelta receives each non-empty delta on the calling thread
     * @param cancel  aborts the request when cancelled
     * @return the whole reply
     * @throws EngineException    when the request fails
     * @throws CancelledException when {@code cancel} was cancelled
     */
    String run(Consumer<String> onDelta, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        Cancellation.Registration registration = cancel.onCancel(abortAction);
        try (Watchdog watchdog = Watchdog.start(timeouts.firstToken(), abortAction)) {
            try {
                return exchange(watchdog, onDelta);
            } catch (IOException e) {
                cancel.throwIfCancelled();
                if (watchdog.expired()) {
                    throw timedOut();
                }
                if (Thread.currentThread().isInterrupted()) {
                    // an interrupted virtual thread's socket is closed and its read fails
                    throw new CancelledException("interrupted");
                }
                throw unreachable(e);
            }
        } finally {
            registration.close();
        }
    }

    private String exchange(Watchdog watchdog, Consumer<String> onDelta) throws IOException, EngineException {
        try (Http1Stream response = open()) {
            response.send("POST", headers, body, timeouts.connect());
            answered = true;
            InputStream in = response.body();
            if (response.status() / 100 != 2) {
                String text = new String(in.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
                throw format.httpError(response.status(), text.strip(), model);
            }
            Utf8LineReader lines = new Utf8LineReader(in, MAX_LINE_BYTES);
            boolean finished = false;
            for (String line = readLine(lines); line != null; line = readLine(lines)) {
                if (line.isBlank()) {
                    continue;
                }
                ReplyLine step = decode(line);
                if (step.error() != null) {
                    throw new EngineException(ErrorCode.LLM_ERROR, model,
                                              format.server() + " reported an error" + soFar() + ": " + step.error(), null);
                }
                if (step.token()) {
                    tokenSeen = true;
                    watchdog.extend(timeouts.idle());
                }
                if (!step.delta().isEmpty()) {
                    reply.append(step.delta());
                    onDelta.accept(step.delta());
                }
                if (step.end() == ReplyLine.End.STREAM) {
                    return reply.toString();
                }
                finished |= step.end() == ReplyLine.End.FINISHED;
            }
            if (finished) {
                return reply.toString();
            }
            throw new EOFException("the reply ended before its last line");
        }
    }

    /** The request's connection, held where {@link #abort()} finds it before it connects. */
    private Http1Stream open() throws IOException {
        Http1Stream stream = new Http1Stream(uri);
        synchronized (this) {
            if (!aborted) {
                connection = stream;
                return stream;
            }
        }
        throw new IOException("request aborted");
    }

    private void abort() {
        Http1Stream stream;
        synchronized (this) {
            aborted = true;
            stream = connection;
        }
        if (stream != null) {
            stream.close();
        }
    }

    private String readLine(Utf8LineReader lines) throws IOException, EngineException {
        try {
            return lines.readLine();
        } catch (Utf8LineReader.LineTooLong e) {
            throw new EngineException(ErrorCode.LLM_ERROR, model, format.server() + " sent " + e.getMessage() + soFar(), e);
        }
    }

    private ReplyLine decode(String line) throws EngineException {
        try {
            return format.decode(line);
        } catch (IOException e) {
            throw new EngineException(ErrorCode.LLM_ERROR, model,
                                      format.server() + " sent a line it should not have" + soFar() + ": "
                                      + Brief.text(line, 200), e);
        }
    }

    private EngineException timedOut() {
        String message = !tokenSeen
                ? "no first token from " + format.server() + " within " + Brief.duration(timeouts.firstToken())
                  + " (is the model still loading?)"
                : "no further token from " + format.server() + " for " + Brief.duration(timeouts.idle()) + soFar();
        return new EngineException(ErrorCode.LLM_TIMEOUT, model, message, null);
    }

    private EngineException unreachable(IOException e) {
        String message = answered
                ? "connection lost mid-reply from " + format.server() + soFar() + ": " + LlmHttp.rootMessage(e)
                : LlmHttp.describe(e, format.server(), uri, timeouts.connect());
        return new EngineException(ErrorCode.LLM_UNREACHABLE, model, message, e);
    }

    private String soFar() {
        return reply.isEmpty() ? "" : " after " + reply.length() + " characters (\"" + Brief.text(reply, 80) + "\")";
    }
}
