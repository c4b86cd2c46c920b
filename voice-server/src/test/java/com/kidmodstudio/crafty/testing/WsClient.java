package com.kidmodstudio.crafty.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import com.kidmodstudio.crafty.protocol.TestJson;

/**
 * A real WebSocket client for tests: every frame the server sends is queued with its arrival
 * time (text frames parsed as JSON, binary frames kept as bytes), and the test waits for what it
 * expects with a timeout.
 */
public final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers, List<String> subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    /**
     * Connects.
     *
     * @param uri e.g. {@code ws://127.0.0.1:1234/chat}
     * @return the connected client
     */
    public static WsClient connect(URI uri) {
        return new WsClient(uri, Map.of(), List.of());
    }

    /**
     * Connects with extra handshake headers and offered subprotocols.
     *
     * @param uri          the endpoint
     * @param headers      e.g. {@code Origin}
     * @param subprotocols offered subprotocols, may be empty
     * @return the connected client
     */
    public static WsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
        return new WsClient(uri, headers, subprotocols);
    }

    /**
     * The subprotocol the server selected.
     *
     * @return the subprotocol, or {@code ""}
     */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /**
     * Sends a text message.
     *
     * @param text the message
     * @return this client
     */
    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /**
     * Sends one fragment of a text message.
     *
     * @param text the fragment
     * @param last whether it ends the message
     * @return this client
     */
    public WsClient sendFragment(String text, boolean last) {
        socket.sendText(text, last).join();
        return this;
    }

    /**
     * Sends a binary message.
     *
     * @param bytes the data
     * @return this client
     */
    public WsClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /**
     * The next frame, text or binary.
     *
     * @return the frame
     * @throws AssertionError when none arrives in time
     */
    public Frame next() throws InterruptedException {
        Frame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the server within " + WAIT);
        }
        return frame;
    }

    /**
     * The next text frame, skipping none: fails if a binary frame comes first.
     *
     * @return the JSON message
     */
    public JsonNode nextJson() throws InterruptedException {
        Frame frame = next();
        if (frame.json() == null) {
            throw new AssertionError("expected a text frame, got " + frame.bytes().length + " binary bytes");
        }
        return frame.json();
    }

    /**
     * Waits for a text message matching a condition, collecting every frame on the way.
     *
     * @param until the condition
     * @return every frame up to and including the matching one
     */
    public List<Frame> until(Predicate<JsonNode> until) throws InterruptedException {
        List<Frame> seen = new ArrayList<>();
        while (true) {
            Frame frame = next();
            seen.add(frame);
            if (frame.json() != null && until.test(frame.json())) {
                return seen;
            }
        }
    }

    /**
     * Waits for a message of a type.
     *
     * @param type e.g. {@code "error"}
     * @return the message
     */
    public JsonNode await(String type) throws InterruptedException {
        List<Frame> seen = until(m -> type.equals(m.path("type").asText()));
        return seen.getLast().json();
    }

    /**
     * Whether nothing arrives within a time.
     *
     * @param quiet how long to listen
     * @return the frame that arrived, or {@code null}
     */
    public Frame poll(Duration quiet) throws InterruptedException {
        return frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for the server to close the connection.
     *
     * @return the close code
     */
    public int awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        socket.abort();
    }

    /**
     * One frame from the server.
     *
     * @param json    the parsed text message, or {@code null} for binary
     * @param bytes   the binary payload, or {@code null} for text
     * @param arrived {@link System#nanoTime()} at arrival
     */
    public record Frame(JsonNode json, byte[] bytes, long arrived) {
        /**
         * The message type.
         *
         * @return the {@code type} field, or {@code "binary"}
         */
        public String type() {
            return json == null ? "binary" : json.path("type").asText();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    frames.add(new Frame(TestJson.MAPPER.readTree(text.toString()), null, System.nanoTime()));
                } catch (Exception e) {
                    frames.add(new Frame(TestJson.MAPPER.getNodeFactory().textNode("unparsable: " + text), null, System.nanoTime()));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                frames.add(new Frame(null, binary.toByteArray(), System.nanoTime()));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
