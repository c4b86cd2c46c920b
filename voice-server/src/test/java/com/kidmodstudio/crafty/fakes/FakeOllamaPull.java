package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Ollama's {@code /api/pull} as it streams (lines as Ollama 0.x writes them: {@code pulling
 * manifest}, per layer {@code pulling <digest>} with {@code total}/{@code completed}, {@code
 * verifying sha256 digest}, {@code writing manifest}, {@code success}), {@code /api/generate}
 * for the preload, and {@code /api/tags}. It can fail after the first layer or hold the stream
 * after the first layer until released. Records every request's path and body.
 */
public final class FakeOllamaPull implements AutoCloseable {
    private static final String[][] LAYERS = {
            {"sha256:dde5aa3fc5ffc17176b5e8bdc82f587b24b2678c6c66101bf7da77af9f7ccdff", "2019377376"},
            {"sha256:966de95ca8a62200913e3f8bfbf84c8494536f1b94b49166851e76644e966396", "1429"},
            {"sha256:fcc5a6bec9daf9b561a68827b67ab6088e1dba9d1fa2a50d7bbcc8384e0a265d", "7711"}};

    private final HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private volatile String errorAfterFirstLayer;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile boolean installed;

    /** Starts on a free port. */
    public FakeOllamaPull() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/pull", this::pull);
        server.createContext("/api/generate", this::generate);
        server.createContext("/api/tags", this::tags);
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** After the first layer, sends {@code {"error":…}} and ends the stream. */
    public FakeOllamaPull errorAfterFirstLayer(String error) {
        errorAfterFirstLayer = error;
        return this;
    }

    /** Holds the stream after the first layer's first line until the client goes away or the server closes. */
    public FakeOllamaPull hold() {
        hold = new CountDownLatch(1);
        return this;
    }

    /** @return "METHOD path body" of every request, in order */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private synchronized void record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
    }

    private void pull(HttpExchange exchange) throws IOException {
        record(exchange);
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            line(out, "{\"status\":\"pulling manifest\"}");
            for (int i = 0; i < LAYERS.length; i++) {
                String digest = LAYERS[i][0];
                long total = Long.parseLong(LAYERS[i][1]);
                String status = "pulling " + digest.substring(7, 19);
                line(out, "{\"status\":\"" + status + "\",\"digest\":\"" + digest + "\",\"total\":" + total + "}");
                if (i == 0) {
                    line(out, "{\"status\":\"" + status + "\",\"digest\":\"" + digest + "\",\"total\":" + total
                            + ",\"completed\":" + total / 2 + "}");
                    await(hold);
                }
                line(out, "{\"status\":\"" + status + "\",\"digest\":\"" + digest + "\",\"total\":" + total
                        + ",\"completed\":" + total + "}");
                if (i == 0 && errorAfterFirstLayer != null) {
                    line(out, "{\"error\":\"" + errorAfterFirstLayer + "\"}");
                    return;
                }
            }
            line(out, "{\"status\":\"verifying sha256 digest\"}");
            line(out, "{\"status\":\"writing manifest\"}");
            line(out, "{\"status\":\"success\"}");
            installed = true;
        }
    }

    private void generate(HttpExchange exchange) throws IOException {
        record(exchange);
        byte[] body = ("{\"model\":\"llama3.2:latest\",\"created_at\":\"2026-12-05T22:00:00Z\",\"response\":\"\","
                + "\"done\":true,\"done_reason\":\"load\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void tags(HttpExchange exchange) throws IOException {
        record(exchange);
        byte[] body = (installed ? "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}"
                : "{\"models\":[]}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void line(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }
}
