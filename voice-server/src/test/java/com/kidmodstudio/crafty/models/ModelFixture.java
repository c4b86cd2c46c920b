package com.kidmodstudio.crafty.models;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Models, a catalog and a manager for the model manager's tests: a recogniser of one file and a
 * voice of two, made of random bytes, with their real digests.
 */
final class ModelFixture {
    static final byte[] RECOGNISER = bytes(1, 600_000);
    static final byte[] VOICE = bytes(2, 300_000);
    static final byte[] VOICE_CONFIG = "{\"audio\":{\"sample_rate\":22050}}".getBytes();

    private ModelFixture() {
    }

    static Catalog catalog() {
        return catalog(digest("SHA-1", "sha1", RECOGNISER));
    }

    static Catalog catalog(String recogniserDigest) {
        return new Catalog(1, List.of(
                new Catalog.Model("test-stt", "stt", List.of("de", "en"), Map.of("de", "Erkennung", "en", "Recogniser"), true,
                                  List.of(new Catalog.ModelFile("test.bin", RECOGNISER.length, "https://example.invalid/test.bin",
                                                                recogniserDigest))),
                new Catalog.Model("test-voice", "tts", List.of("de"), Map.of("de", "Stimme", "en", "Voice"), true,
                                  List.of(new Catalog.ModelFile("voice.onnx", VOICE.length, "https://example.invalid/voice.onnx",
                                                                digest("MD5", "md5", VOICE)),
                                          new Catalog.ModelFile("voice.onnx.json", VOICE_CONFIG.length,
                                                                "https://example.invalid/voice.onnx.json",
                                                                digest("MD5", "md5", VOICE_CONFIG)))),
                new Catalog.Model("test-missing", "stt", List.of("en"), Map.of("de", "Fehlt", "en", "Missing"), false,
                                  List.of(new Catalog.ModelFile("missing.bin", 10, "https://example.invalid/missing.bin",
                                                                "sha1:" + "0".repeat(40))))));
    }

    static DownloadSettings settings(Path dir, String baseUrl) {
        return settings(dir, baseUrl, 3, Duration.ofSeconds(5));
    }

    static DownloadSettings settings(Path dir, String baseUrl, int retries, Duration idle) {
        return new DownloadSettings(dir, URI.create(baseUrl), retries, Duration.ZERO, idle, Duration.ofSeconds(2));
    }

    static String digest(String algorithm, String name, byte[] bytes) {
        try {
            return name + ":" + HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Collects a manager's events in order. */
    static final class Events implements java.util.function.Consumer<ModelEvent> {
        final List<ModelEvent> all = new CopyOnWriteArrayList<>();
        private final BlockingQueue<ModelEvent> queue = new LinkedBlockingQueue<>();

        @Override
        public void accept(ModelEvent event) {
            all.add(event);
            queue.add(event);
        }

        /** Waits for the next event of a type, skipping others. */
        <T extends ModelEvent> T next(Class<T> type) throws InterruptedException {
            while (true) {
                ModelEvent event = queue.poll(20, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no " + type.getSimpleName() + " within 20 s; saw " + all);
                }
                if (type.isInstance(event)) {
                    return type.cast(event);
                }
            }
        }

        List<ModelEvent.Progress> progress(String modelId) {
            return all.stream().filter(e -> e instanceof ModelEvent.Progress p && p.modelId().equals(modelId))
                    .map(ModelEvent.Progress.class::cast).toList();
        }
    }
}
