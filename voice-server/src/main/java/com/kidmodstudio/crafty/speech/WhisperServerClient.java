package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;


import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.engine.Http1Stream;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.JsonValue;

/**
 * A running {@code whisper-server}: {@code POST /inference} as {@code multipart/form-data}
 * with the fields {@code file} (the WAV), {@code temperature}, {@code response_format=json}
 * and {@code language}; the reply is {@code {"text": " …"}}, an error {@code {"error": "…"}}
 * with status 400 or 500. Health: {@code GET /health} answers 200 {@code {"status":"ok"}} or
 * 503 while a model loads; servers without it are probed with {@code GET /}.
 */
final class WhisperServerClient implements WhisperCppSpeechToText.Transport {
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The most of an answer that is read: a transcript, an error page. */
    private static final int MAX_ANSWER_BYTES = 4 << 20;

    private final URI url;
    private final String model;
    private final String language;
    private final Duration timeout;
    private final Map<String, Object> notes;
    private final HealthCache health;
    private volatile String lastError;

    WhisperServerClient(URI url, String model, String language, Duration timeout, Map<String, Object> notes) {
        this.url = url;
        this.model = model;
        this.language = language;
        this.timeout = timeout;
        this.notes = Map.copyOf(notes);
        this.health = new HealthCache(this::probe, Duration.ofSeconds(2), Duration.ofMillis(300),
                                      status(false, "not checked yet"));
    }

    @Override
    public String transcribe(byte[] pcm, Cancellation cancel) throws EngineException {
        String boundary = "crafty-" + UUID.randomUUID();
        Http1Stream.Answer response;
        try {
            response = Http1Stream.exchange(url.resolve(url.getPath() + "/inference"), "POST",
                                            Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                                            body(boundary, Wav.encode(PcmFormat.MONO_16K, pcm)), CONNECT_TIMEOUT,
                                            timeout, MAX_ANSWER_BYTES, cancel);
        } catch (IOException e) {
            cancel.throwIfCancelled();
            if (Thread.currentThread().isInterrupted()) {
                throw new CancelledException("interrupted");
            }
            throw failure(e);
        }
        return text(response);
    }

    private String text(Http1Stream.Answer response) throws EngineException {
        JsonValue json;
        try {
            json = Json.parse(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (response.status() != 200 || json == null || !json.path("text").isTextual()) {
            String error = json != null && json.has("error") ? json.path("error").asText() : abbreviate(response.body());
            throw fail(ErrorCode.STT_FAILED, "whisper-server answered HTTP " + response.status() + ": "
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
            Http1Stream.Answer health = get("/health");
            if (health.status() == 404) {
                health = get("/");
            }
            if (health.status() == 200) {
                return status(true, lastError);
            }
            return status(false, health.status() == 503 ? "whisper-server is loading its model"
                    : "whisper-server answered HTTP " + health.status());
        } catch (IOException e) {
            return status(false, "whisper-server not reachable at " + url + ": " + e);
        }
    }

    private Http1Stream.Answer get(String path) throws IOException {
        return Http1Stream.exchange(url.resolve(url.getPath() + path), "GET", Map.of(), null, CONNECT_TIMEOUT,
                                    PROBE_TIMEOUT, MAX_ANSWER_BYTES, new Cancellation());
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
        return Brief.text(s == null ? "" : s.strip(), 200);
    }

    /** Holds nothing between requests: each one has a connection of its own, closed when it ends. */
    @Override
    public void close() {
        // nothing to release
    }
}
