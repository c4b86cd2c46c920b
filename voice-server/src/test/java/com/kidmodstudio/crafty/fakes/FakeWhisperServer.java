package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;

/**
 * A fake {@code whisper-server} on {@code 127.0.0.1} and a free port, following
 * {@code examples/server/server.cpp}: {@code POST /inference} (multipart: {@code file} required,
 * {@code language} defaulting to the server's {@code -l}, {@code response_format}
 * {@code json|text}, {@code temperature}), {@code POST /load} ({@code model}), {@code GET /health}
 * (503 {@code {"status":"loading model"}} until the model is loaded), {@code GET /} (an HTML
 * page). Requests are served one at a time, like the real server's model mutex, and wait for the
 * model load. Every request is recorded for assertions.
 * <pre>{@code
 * try (FakeWhisperServer whisper = FakeWhisperServer.builder().loadMillis(300).start()) {
 *     // WHISPER_URL=whisper.url()
 * }
 * }</pre>
 */
public final class FakeWhisperServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goes wrong on {@code /inference}. */
    public enum Failure {
        /** Nothing. */
        NONE,
        /** 500 {@code {"error":"failed to process audio"}}. */
        ERROR,
        /** The request is never answered (until the server closes). */
        HANG,
        /** 200 with a body that is not JSON. */
        BAD_JSON
    }

    /**
     * One request as received.
     *
     * @param method the HTTP method
     * @param path   the path
     * @param parts  the multipart parts, empty for other bodies
     */
    public record Request(String method, String path, List<Multipart.Part> parts) {
        /**
         * A form field's text.
         *
         * @param name the field
         * @return its value, or {@code null}
         */
        public String field(String name) {
            return parts.stream().filter(p -> p.name().equals(name)).findFirst().map(Multipart.Part::text).orElse(null);
        }

        /**
         * A part.
         *
         * @param name the field
         * @return the part, or {@code null}
         */
        public Multipart.Part part(String name) {
            return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        }
    }

    private final Map<String, String> transcripts = new ConcurrentHashMap<>(Map.of("en", "Hello Crafty.", "de", "Hallo Crafty."));
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ReentrantLock model = new ReentrantLock(true);
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private int loadMillis = 300;
    private int msPerAudioSecond = 50;
    private String defaultLanguage = "en";
    private boolean health = true;
    private volatile Failure failure = Failure.NONE;
    private HttpServer server;
    private ExecutorService executor;

    private FakeWhisperServer() {
    }

    /**
     * Starts a builder: 300 ms model load, 50 ms per audio second, default language en.
     *
     * @return the builder
     */
    public static FakeWhisperServer builder() {
        return new FakeWhisperServer();
    }

    /**
     * Sets the model-load delay after start.
     *
     * @param millis delay
     * @return this builder
     */
    public FakeWhisperServer loadMillis(int millis) {
        this.loadMillis = millis;
        return this;
    }

    /**
     * Sets the processing time per second of audio.
     *
     * @param millis delay
     * @return this builder
     */
    public FakeWhisperServer msPerAudioSecond(int millis) {
        this.msPerAudioSecond = millis;
        return this;
    }

    /**
     * Sets what is "heard" in a language.
     *
     * @param language e.g. {@code de}
     * @param text     the transcript
     * @return this builder
     */
    public FakeWhisperServer transcript(String language, String text) {
        transcripts.put(language, text);
        return this;
    }

    /**
     * Sets the language used when a request has no {@code language} field (the server's {@code -l}).
     *
     * @param language e.g. {@code en}
     * @return this builder
     */
    public FakeWhisperServer defaultLanguage(String language) {
        this.defaultLanguage = language;
        return this;
    }

    /**
     * Leaves out {@code GET /health}, like servers before it existed.
     *
     * @return this builder
     */
    public FakeWhisperServer withoutHealth() {
        this.health = false;
        return this;
    }

    /**
     * Selects a failure mode; may be changed while running.
     *
     * @param mode what goes wrong
     * @return this server
     */
    public FakeWhisperServer failure(Failure mode) {
        this.failure = mode;
        return this;
    }

    /**
     * Binds a free port and starts loading the "model".
     *
     * @return this server, listening
     * @throws IOException when it cannot bind
     */
    public FakeWhisperServer start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        Thread.ofVirtual().start(() -> {
            model.lock();
            try {
                sleep(loadMillis);
                loaded.countDown();
            } finally {
                model.unlock();
            }
        });
        return this;
    }

    /**
     * The base URL.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The requests received so far.
     *
     * @return requests in order
     */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Waits until the model is loaded.
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitLoaded() throws InterruptedException {
        if (!loaded.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake whisper-server never finished loading");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            List<Multipart.Part> parts = type != null && type.startsWith("multipart/") ? Multipart.parse(type, body) : List.of();
            Request request = new Request(method, path, parts);
            requests.add(request);
            exchange.getResponseHeaders().add("Server", "whisper.cpp");
            if ("GET".equals(method) && "/health".equals(path) && health) {
                boolean ready = loaded.getCount() == 0;
                send(exchange, ready ? 200 : 503, ready ? "{\"status\":\"ok\"}" : "{\"status\":\"loading model\"}", "application/json");
            } else if ("GET".equals(method) && "/".equals(path)) {
                send(exchange, 200, "<html><head><title>Whisper.cpp Server</title></head><body></body></html>", "text/html");
            } else if ("POST".equals(method) && "/inference".equals(path)) {
                inference(exchange, request);
            } else if ("POST".equals(method) && "/load".equals(path)) {
                load(exchange, request);
            } else {
                send(exchange, 404, "File Not Found (" + path + ")", "text/plain");
            }
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "Invalid request", "text/plain");
        }
    }

    private void inference(HttpExchange exchange, Request request) throws IOException {
        model.lock();
        try {
            if (request.part("file") == null) {
                send(exchange, 400, "{\"error\":\"no 'file' field in the request\"}", "application/json");
                return;
            }
            byte[] pcm;
            try {
                Wav wav = Wav.parse(request.part("file").content());
                if (!wav.format().equals(PcmFormat.MONO_16K)) {
                    throw new InvalidAudioException("not 16 kHz mono");
                }
                pcm = wav.pcm();
            } catch (InvalidAudioException e) {
                send(exchange, 400, "{\"error\":\"failed to read audio data\"}", "application/json");
                return;
            }
            switch (failure) {
                case ERROR -> send(exchange, 500, "{\"error\":\"failed to process audio\"}", "application/json");
                case HANG -> awaitQuietly(closing);
                case BAD_JSON -> send(exchange, 200, "<html>not json</html>", "text/html");
                default -> answer(exchange, request, pcm);
            }
        } finally {
            model.unlock();
        }
    }

    private void answer(HttpExchange exchange, Request request, byte[] pcm) throws IOException {
        sleep(Math.round(msPerAudioSecond * pcm.length / 32_000.0));
        String lang = request.field("language") != null ? request.field("language").toLowerCase(Locale.ROOT) : defaultLanguage;
        String text = FakeWhisper.hear(pcm, transcripts.getOrDefault(lang, "(no transcript for " + lang + ")"));
        if ("text".equals(request.field("response_format"))) {
            send(exchange, 200, text, "text/html; charset=utf-8");
        } else {
            send(exchange, 200, JSON.writeValueAsString(Map.of("text", " " + text)), "application/json");
        }
    }

    private void load(HttpExchange exchange, Request request) throws IOException {
        String path = request.field("model");
        if (path == null) {
            send(exchange, 400, "{\"error\":\"no 'model' field in the request\"}", "application/json");
        } else if (!Files.exists(Path.of(path))) {
            send(exchange, 400, "{\"error\":\"model not found!\"}", "application/json");
        } else {
            model.lock();
            try {
                sleep(loadMillis);
                send(exchange, 200, "Load was successful!", "application/text");
            } finally {
                model.unlock();
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening and releases hanging requests. */
    @Override
    public void close() {
        closing.countDown();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
