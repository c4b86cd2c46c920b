package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.EngineHttp;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.JsonValue;

/**
 * Has Ollama download its language model through {@code POST /api/pull} and load it through
 * {@code POST /api/generate} without a prompt. The pull streams one JSON object per line:
 * <pre>
 * {"status":"pulling manifest"}
 * {"status":"pulling 6a0746a1ec1a","digest":"sha256:6a0746a1ec1a…","total":2019377376,"completed":241970}
 * {"status":"verifying sha256 digest"}
 * {"status":"writing manifest"}
 * {"status":"success"}
 * </pre>
 * and may end in {@code {"error":"…"}} at any point, also after layers were pulled.
 */
public final class OllamaPull {
    private static final Duration TICK = Duration.ofMillis(200);

    private final URI url;
    private final String model;
    private final Object keepAlive;
    private final Supplier<HttpClient> http;
    private final Duration idle;

    /** One line of the pull stream. */
    record Line(String status, String digest, Long total, Long completed, String error) {
    }

    private record PullRequest(String model, boolean stream) {
    }

    private record LoadRequest(String model, @JsonProperty("keep_alive") Object keepAlive, boolean stream) {
    }

    /**
     * Creates the client.
     *
     * @param url       Ollama's base URL
     * @param model     the model to pull, e.g. {@code llama3.2:latest}
     * @param keepAlive how long Ollama keeps it loaded, as Ollama's JSON takes it ({@code "30m"}, {@code -1}), or {@code null}
     * @param idle      longest pause in the stream, and longest wait for the model to load
     */
    public OllamaPull(URI url, String model, Object keepAlive, Duration idle) {
        this.url = url;
        this.model = model;
        this.keepAlive = keepAlive;
        this.idle = idle;
        // built at the first pull: a parent's setup step, rarely taken
        this.http = EngineHttp.lazily(() -> EngineHttp.builder(url).connectTimeout(Duration.ofSeconds(3)).build());
    }

    /** @return the model it pulls */
    public String model() {
        return model;
    }

    /** @return Ollama's base URL */
    public URI url() {
        return url;
    }

    /**
     * Asks Ollama which models it has ({@code GET /api/tags}), patiently: a slow answer is not
     * "not running".
     *
     * @return whether it has the model, or {@code null} when Ollama does not answer
     */
    public Boolean installed() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/tags")).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.get().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            String wanted = withTag(model);
            for (JsonValue tag : Json.parse(response.body()).path("models")) {
                if (wanted.equals(withTag(tag.path("name").asText(""))) || wanted.equals(withTag(tag.path("model").asText("")))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String withTag(String name) {
        return name.indexOf(':', name.lastIndexOf('/') + 1) >= 0 ? name : name + ":latest";
    }

    /**
     * Pulls the model, reporting every line.
     *
     * @param lines     told every progress line, in order
     * @param cancelled polled; when true the pull stops
     * @throws ModelException {@code llm_unreachable} when Ollama is not running, {@code not_found}
     *                        for a model the registry does not have, {@code offline} when Ollama
     *                        cannot reach its registry, {@code disk_full}, else {@code llm_error}
     */
    public void pull(Consumer<Line> lines, BooleanSupplier cancelled) throws ModelException {
        LineSink sink = new LineSink(lines);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/pull")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(new PullRequest(model, true)))).build();
        CompletableFuture<HttpResponse<Void>> response = http.get().sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(sink));
        HttpResponse<Void> answer = await(response, sink, cancelled);
        if (sink.error != null) {
            throw classify(sink.error);
        }
        if (answer.statusCode() != 200) {
            throw new ModelException(answer.statusCode() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.LLM_ERROR,
                                     "Ollama answered HTTP " + answer.statusCode() + " to the pull of " + model);
        }
        if (!sink.success) {
            throw new ModelException(ErrorCode.LLM_ERROR, "Ollama's pull of " + model + " ended without success");
        }
    }

    /**
     * Loads the model into memory, so the child's first question does not wait for it.
     *
     * @throws ModelException when Ollama cannot load it
     */
    public void preload() throws ModelException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/generate")).timeout(idle)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(new LoadRequest(model, keepAlive, false)))).build();
        try {
            HttpResponse<String> response = http.get().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ModelException(ErrorCode.LLM_ERROR, "Ollama could not load " + model + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new ModelException(ErrorCode.LLM_UNREACHABLE, "cannot reach Ollama at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> response, LineSink sink, BooleanSupplier cancelled)
            throws ModelException {
        while (true) {
            try {
                return response.get(TICK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancelled.getAsBoolean()) {
                    sink.cancel();
                    response.cancel(true);
                    throw new CancellationException("cancelled");
                }
                if (System.nanoTime() - sink.lastLine > idle.toNanos()) {
                    sink.cancel();
                    response.cancel(true);
                    throw new ModelException(ErrorCode.LLM_ERROR, "Ollama sent nothing for " + idle.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.cancel(true);
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ConnectException || cause != null && cause.getCause() instanceof ConnectException) {
                    throw new ModelException(ErrorCode.LLM_UNREACHABLE, "Ollama is not running at " + url, cause);
                }
                throw new ModelException(ErrorCode.LLM_UNREACHABLE, "the connection to Ollama broke: " + cause, cause);
            }
        }
    }

    static ModelException classify(String error) {
        String text = error.toLowerCase(Locale.ROOT);
        ErrorCode code = text.contains("file does not exist") || text.contains("not found") ? ErrorCode.NOT_FOUND
                : text.contains("no space left") ? ErrorCode.DISK_FULL
                : text.contains("dial tcp") || text.contains("max retries") || text.contains("timeout")
                        || text.contains("no such host") ? ErrorCode.OFFLINE
                : ErrorCode.LLM_ERROR;
        return new ModelException(code, "Ollama: " + error);
    }

    /** Reads the pull stream line by line; an {@code error} line ends it. */
    private static final class LineSink implements Flow.Subscriber<String> {
        private final Consumer<Line> lines;
        private volatile Flow.Subscription subscription;
        private volatile long lastLine = System.nanoTime();
        private volatile String error;
        private volatile boolean success;

        LineSink(Consumer<Line> lines) {
            this.lines = lines;
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String text) {
            lastLine = System.nanoTime();
            if (text.isBlank() || error != null) {
                return;
            }
            Line line;
            try {
                line = Json.read(text, Line.class);
            } catch (IOException e) {
                error = "unreadable line from Ollama: " + Brief.text(text, 80);
                cancel();
                return;
            }
            if (line.error() != null) {
                error = line.error();
                return;
            }
            success |= "success".equals(line.status());
            lines.accept(line);
        }

        @Override
        public void onError(Throwable throwable) {
            // reported through the response future
        }

        @Override
        public void onComplete() {
            // the response future completes next
        }
    }

    /**
     * Sums a pull's layers into one figure: bytes completed and total over every layer seen so far.
     */
    static final class Layers {
        private final Map<String, long[]> layers = new LinkedHashMap<>();

        /**
         * Takes one line into account.
         *
         * @param line the line
         * @return {completed, total} over all layers seen
         */
        long[] add(Line line) {
            if (line.digest() != null && line.total() != null) {
                layers.put(line.digest(), new long[] {line.completed() == null ? 0 : line.completed(), line.total()});
            }
            long completed = 0;
            long total = 0;
            for (long[] layer : layers.values()) {
                completed += layer[0];
                total += layer[1];
            }
            return new long[] {completed, total};
        }

        /** @return the digests seen, in order */
        List<String> digests() {
            return List.copyOf(layers.keySet());
        }
    }
}
