package com.kidmodstudio.crafty.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A WebSocket client as the studio's window uses it (subprotocols {@code crafty.v1} and
 * {@code token.<token>}) that stamps every message from the server with {@link System#nanoTime()}
 * when its first fragment arrives, before anything is parsed.
 */
public final class Ws implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private Ws(URI uri, String token) {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .subprotocols("crafty.v1", "token." + token)
                .buildAsync(uri, new Listener()).join();
    }

    /**
     * Connects.
     *
     * @param sidecar the server
     * @param path    e.g. {@code /chat}
     * @return the open connection
     */
    public static Ws connect(Sidecar sidecar, String path) {
        return new Ws(sidecar.uri("ws", path), sidecar.token());
    }

    /**
     * Sends a text message.
     *
     * @param text the JSON text
     * @return {@link System#nanoTime()} just before it was handed to the socket
     */
    public long send(String text) {
        long now = System.nanoTime();
        socket.sendText(text, true).join();
        return now;
    }

    /**
     * Sends a binary message.
     *
     * @param bytes the data
     */
    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /**
     * Collects messages until one matches.
     *
     * @param until   the last message wanted
     * @param timeout how long to wait in all
     * @return every message up to and including the matching one
     * @throws IOException when the time runs out first
     */
    public List<Frame> until(Predicate<Frame> until, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Frame> seen = new ArrayList<>();
        while (true) {
            Frame frame;
            try {
                frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (frame == null) {
                throw new IOException("no matching message within " + timeout + " (got " + seen.size() + " messages)");
            }
            seen.add(frame);
            if (until.test(frame)) {
                return seen;
            }
        }
    }

    /**
     * Waits for a message of a type.
     *
     * @param type    e.g. {@code session}
     * @param timeout how long to wait
     * @return that message
     * @throws IOException when it does not come
     */
    public Frame await(String type, Duration timeout) throws IOException {
        return until(f -> f.is(type), timeout).getLast();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        socket.abort();
    }

    /**
     * One message from the server.
     *
     * @param json    the parsed text message, or {@code null} for binary
     * @param bytes   the binary payload length, 0 for text
     * @param arrived {@link System#nanoTime()} when its first fragment arrived
     */
    public record Frame(JsonNode json, int bytes, long arrived) {
        /** @return the message type, or {@code binary} */
        public String type() {
            return json == null ? "binary" : json.path("type").asText();
        }

        /** @param type a type @return whether this message has it */
        public boolean is(String type) {
            return type().equals(type);
        }

        /** @param field a field @return its text, or {@code ""} */
        public String text(String field) {
            return json == null ? "" : json.path(field).asText();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private long first;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            stamp();
            text.append(data);
            if (last) {
                JsonNode json;
                try {
                    json = JSON.readTree(text.toString());
                } catch (IOException e) {
                    json = JSON.createObjectNode().put("type", "unparsable").put("text", text.toString());
                }
                frames.add(new Frame(json, 0, first));
                text.setLength(0);
                first = 0;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            stamp();
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                frames.add(new Frame(null, binary.size(), first));
                binary.reset();
                first = 0;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(new Frame(JSON.createObjectNode().put("type", "closed").put("code", statusCode), 0, System.nanoTime()));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(new Frame(JSON.createObjectNode().put("type", "closed").put("error", String.valueOf(error)), 0,
                                 System.nanoTime()));
        }

        private void stamp() {
            if (first == 0) {
                first = System.nanoTime();
            }
        }
    }
}
