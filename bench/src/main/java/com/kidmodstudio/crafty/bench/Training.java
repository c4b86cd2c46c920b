package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.kidmodstudio.crafty.testing.Speech;

/**
 * The training run of {@code packaging/build-runtime.sh}: starts the packaged sidecar through its
 * own launcher with extra JVM options (e.g. {@code -XX:AOTCacheOutput=…}) in
 * {@code JDK_JAVA_OPTIONS}, drives {@code /status}, {@code /chat}, {@code /voice/tts},
 * {@code /voice/stt} and {@code /voice/chat} against a quick fake Ollama, the embedded espeak-ng and
 * the in-process whisper.cpp with a model file it refuses (no weights are needed to load its
 * natives and answer typed errors), then stops it the way the studio app does, which is when the JVM
 * writes its cache. With {@code --verify}, it starts the sidecar again with options that make a
 * missing or unusable cache an error (e.g. {@code -XX:AOTMode=on}) and checks one chat turn,
 * {@code /metrics} and {@code /diagnostics}.
 *
 * <pre>
 * java -cp bench/target/crafty-bench.jar com.kidmodstudio.crafty.bench.Training \
 *      --launcher packaging/target/sidecar/bin/crafty-sidecar --record "-XX:AOTCacheOutput=…" \
 *      [--verify "-XX:AOTMode=on"] [--logs DIR]
 * </pre>
 */
public final class Training {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(180);

    private Training() {
    }

    /**
     * Runs the training and, when asked, the verification.
     *
     * @param args see the class comment
     * @throws Exception when the sidecar does not start, a route fails or it does not stop cleanly
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        Path launcher = Path.of(required(flags, "--launcher"));
        Path logs = Path.of(flags.getOrDefault("--logs", launcher.getParent().resolveSibling("logs").toString()));
        TimedOllama ollama = TimedOllama.start(new TimedOllama.Script(Duration.ofMillis(20), Duration.ofMillis(5),
                                                                      Engines.REPLY));
        try (ollama) {
            Path models = Files.createTempDirectory("crafty-training-models");
            refusedRecogniser(models.resolve("ggml-base.bin"));
            Map<String, String> settings = Map.of("OLLAMA_URL", ollama.url(), "CRAFTY_LANGUAGE", "de",
                                                  "MODELS_DIR", models.toString(),
                                                  "JDK_JAVA_OPTIONS", required(flags, "--record"));
            Launch launch = new Launch("training", List.of(launcher.toString()), Map.of(), logs);
            long started = System.nanoTime();
            try (Sidecar sidecar = launch.start(settings, "run")) {
                System.out.printf("training: sidecar ready in %.0f ms, driving its routes%n", sidecar.readyNanos() / 1e6);
                drive(sidecar, ollama);
                System.out.println("training: stopping it; the JVM writes its cache on the way out");
                stopCleanly(sidecar);
            }
            Files.delete(models.resolve("ggml-base.bin"));
            Files.delete(models);
            System.out.printf("training: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            if (flags.containsKey("--verify")) {
                Map<String, String> verify = Map.of("OLLAMA_URL", ollama.url(), "JDK_JAVA_OPTIONS", flags.get("--verify"));
                try (Sidecar sidecar = launch.start(verify, "verify")) {
                    Turns.Chat turn;
                    try (Ws chat = Turns.openChat(sidecar)) {
                        turn = Turns.chat(chat, ollama, "Klappt es mit dem Cache?");
                    }
                    if (turn.error() != null) {
                        throw new IOException("verification turn failed: " + turn.error());
                    }
                    // Not trained (they are for parents and support, rarely read), but they must
                    // work on this image's modules.
                    for (String path : List.of("/metrics", "/diagnostics")) {
                        int code = sidecar.get(path);
                        expect(code == 200, path + " answered " + code);
                    }
                    System.out.printf("training: verified with %s: ready in %.0f ms; /chat, /metrics and "
                                      + "/diagnostics answered%n", flags.get("--verify"), sidecar.readyNanos() / 1e6);
                    stopCleanly(sidecar);
                }
            }
        }
    }

    private static void drive(Sidecar sidecar, TimedOllama ollama) throws IOException {
        for (int i = 0; i < 20; i++) {
            expect(sidecar.status() == 200, "/status answered " + sidecar.status());
        }
        try (Ws chat = Turns.openChat(sidecar)) {
            for (int i = 0; i < 10; i++) {
                Turns.Chat turn = Turns.chat(chat, ollama, "Trainingsfrage " + i + "?");
                expect(turn.error() == null, "/chat turn failed: " + turn.error());
            }
            chat.send("{\"action\":\"ping\",\"t\":1}");
            chat.await("pong", Duration.ofSeconds(5));
            chat.send("{\"action\":\"chat\",\"payload\":\"Wird gleich gestoppt?\",\"requestId\":\"s-1\"}");
            chat.send("{\"action\":\"stop\",\"requestId\":\"s-2\"}");
            chat.await("stopped", Duration.ofSeconds(5));
            chat.send("not json");
            chat.await("error", Duration.ofSeconds(5));
        }
        try (Ws tts = Ws.connect(sidecar, "/voice/tts")) {
            for (int count : List.of(1, 3)) {
                Turns.Spoken spoken = Turns.speak(tts, JSON.createObjectNode().put("text", Engines.sentences(count)));
                expect(spoken.error() == null, "/voice/tts failed: " + spoken.error());
            }
        }
        byte[] voice = Speech.pcm16k(Speech.FRONT_CENTER);
        try (Ws stt = Ws.connect(sidecar, "/voice/stt")) {
            stt.send("{\"action\":\"audio_start\",\"sampleRate\":16000,\"encoding\":\"pcm_s16le\",\"channels\":1}");
            stt.sendBinary(voice);
            stt.send("{\"action\":\"transcribe\"}");
            stt.until(f -> f.is("transcript") || f.is("error"), Duration.ofSeconds(30));
        }
        try (Ws voiceChat = Turns.openVoiceChat(sidecar)) {
            for (int i = 0; i < 2; i++) {
                Turns.Spoken spoken = VoiceChatBench.speak(voiceChat).spoken();
                expect(spoken.error() == null, "/voice/chat speak failed: " + spoken.error());
            }
            voiceChat.sendBinary(voice);
            Turns.speak(voiceChat, JSON.createObjectNode().put("action", "process_audio"));
        }
    }

    /**
     * A whisper model file, whole in its layout, whose only tensor whisper.cpp does not know: the
     * in-process recogniser unpacks and loads its native libraries, has whisper.cpp refuse the
     * file and answers {@code stt_unavailable}, so the training covers that path without weights.
     */
    private static void refusedRecogniser(Path file) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x67676d6c);
        for (int value : new int[] {4, 8, 8, 1, 1, 8, 8, 1, 1, 2, 0}) {
            out.putInt(value);
        }
        out.putInt(2).putInt(2).putFloat(0).putFloat(0).putFloat(0).putFloat(0);
        out.putInt(1).putInt(2).put((byte) 'h').put((byte) 'i');
        out.putInt(1).putInt(5).putInt(0).putInt(1).put("bogus".getBytes(StandardCharsets.US_ASCII)).putFloat(1f);
        Files.write(file, Arrays.copyOf(out.array(), out.position()));
    }

    private static void stopCleanly(Sidecar sidecar) throws IOException {
        int exit = sidecar.stop(EXIT_LIMIT);
        if (exit != 0) {
            throw new IOException("the sidecar did not exit cleanly (status " + exit + "), see " + sidecar.log());
        }
    }

    private static void expect(boolean condition, String problem) throws IOException {
        if (!condition) {
            throw new IOException(problem);
        }
    }

    private static String required(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + " (see the Javadoc of Training)");
        }
        return value;
    }
}
