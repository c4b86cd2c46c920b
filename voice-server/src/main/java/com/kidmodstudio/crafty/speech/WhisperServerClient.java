package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineHttp;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Json;

/**
 * A running {@code whisper-server}: {@code POST /inference} as {@code multipart/form-data}
 * with the fields {@code file} (the WAV), {@code temperature}, {@code response_format=json}
 * and {@code language}; the reply is {@code {"text": " …"}}, an error {@code {"error": "…"}}
 * with status 400 or 500. Health: {@code GET /health} answers 200 {@code {"status":"ok"}} or
 * 503 while a model loads; servers without it are probed with {@code GET /}.
 */
final class WhisperServerClient implements WhisperCppSpeechToText.Transport {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);

    private final URI url;
    private final String model;
    private final String language;
    private final Duration timeout;
    private final Map<String, Object> notes;
    private final HttpClient http;
    private final HealthCache health;
    private volatile String lastError;

    WhisperServerClient(URI url, String model, String language, Duration timeout, Map<String, Object> notes) {
        this.url = url;
        this.model = model;
        this.language = language;
        this.timeout = timeout;
        this.notes = Map.copyOf(notes);
        this.http = EngineHttp.builder(url).connectTimeout(Duration.ofSeconds(2)).build();
        this.health = new HealthCache(this::probe, Duration.ofSeconds(2), Duration.ofMillis(300),
                                      status(false, "not checked yet"));
    }

    @Override
    public String transcribe(byte[] pcm, Cancellation cancel) throws EngineException {
        String boundary = "crafty-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(url.resolve(url.getPath() + "/inference"))
                .timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, Wav.encode(PcmFormat.MONO_16K, pcm))))
                .build();
        CompletableFuture<HttpResponse<String>> reply = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        Cancellation.Registration registration = cancel.onCancel(() -> reply.cancel(true));
        try {
            response = reply.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            cancel.throwIfCancelled();
            throw fail(ErrorCode.STT_FAILED, "request to whisper-server was aborted", e);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw fail(ErrorCode.STT_TIMEOUT, "whisper-server gave no answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            cancel.throwIfCancelled();
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.cancel(true);
            throw new CancelledException("interrupted");
        } finally {
            registration.close();
        }
        return text(response);
    }

    private String text(HttpResponse<String> response) throws EngineException {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (response.statusCode() != 200 || json == null || !json.path("text").isTextual()) {
            String error = json != null && json.has("error") ? json.path("error").asText() : abbreviate(response.body());
            throw fail(ErrorCode.STT_FAILED, "whisper-server answered HTTP " + response.statusCode() + ": "
                                             + error, null);
        }
        lastError = null;
        return json.path("text").asText();
    }

    private EngineException failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            health.invalidate();
            return fail(ErrorCode.STT_UNAVAILABLE, "whisper-server not reachable at " + url, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return fail(ErrorCode.STT_TIMEOUT, "whisper-server gave no answer within " + timeout.toMillis()
                                               + " ms", cause);
        }
        return fail(ErrorCode.STT_FAILED, "request to whisper-server failed: " + cause, cause);
    }

    private byte[] body(String boundary, byte[] wav) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + 1024);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"utterance.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(wav);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("temperature", "0.0");
        fields.put("temperature_inc", "0.2");
        fields.put("response_format", "json");
        fields.put("language", language);
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                                                        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private EngineStatus probe() {
        try {
            HttpResponse<String> health = get("/health");
            if (health.statusCode() == 404) {
                health = get("/");
            }
            if (health.statusCode() == 200) {
                return status(true, lastError);
            }
            return status(false, health.statusCode() == 503 ? "whisper-server is loading its model"
                    : "whisper-server answered HTTP " + health.statusCode());
        } catch (IOException e) {
            return status(false, "whisper-server not reachable at " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status(false, "interrupted");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(url.getPath() + path)).timeout(PROBE_TIMEOUT).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private EngineStatus status(boolean available, String error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("mode", "server");
        detail.put("sampleRate", 16_000);
        detail.put("language", language);
        detail.putAll(notes);
        return new EngineStatus(WhisperCppSpeechToText.NAME, available, url.toString(), model.isEmpty() ? null : model,
                                null, error, Instant.now(), detail);
    }

    @Override
    public EngineStatus status() {
        return health.get();
    }

    private EngineException fail(ErrorCode kind, String message, Throwable cause) {
        lastError = message;
        return new EngineException(kind, WhisperCppSpeechToText.NAME, message, cause);
    }

    private static String abbreviate(String s) {
        String shown = s == null ? "" : s.strip();
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
