package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./studio bench}: drives real sidecar processes over their sockets with engines of fixed,
 * known timings ({@link Engines}) and writes {@code docs/benchmarks.md}. Each launch (java -jar,
 * then the packaged runtime) gets the same runs, one after the other, on the same machine.
 *
 * <pre>
 * java -jar bench/target/crafty-bench.jar --root . [--quick] [--only packaged|jar] [--out docs/benchmarks.md]
 * </pre>
 */
public final class Benchmark {
    /** The packaged sidecar with its metrics and logging off, to see what they cost; start-up and /chat only. */
    static final String WITHOUT_TELEMETRY = "packaged, no metrics or logs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Engines engines;

    private Benchmark(Settings settings, Engines engines) {
        this.settings = settings;
        this.engines = engines;
    }

    /**
     * How much to run.
     *
     * @param root     the repository
     * @param out      the report
     * @param startups counted start-ups per launch
     * @param idle     idle time before the idle RSS is read
     * @param turns    counted /chat turns of the single client
     * @param runs     runs per voice case
     * @param only     a launch name to run alone, or {@code null}; {@code side-by-side} runs only the comparison with the peer
     * @param peer     the built seed server to compare with, or {@code null}
     */
    record Settings(Path root, Path out, int startups, Duration idle, int turns, int runs, String only, Path peer) {
        static Settings parse(String... args) {
            Path root = Path.of(".");
            Path out = null;
            boolean quick = false;
            String only = null;
            Path peer = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--root" -> root = Path.of(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--quick" -> quick = true;
                    case "--only" -> only = args[++i];
                    case "--peer" -> peer = Path.of(args[++i]).toAbsolutePath().normalize();
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --root DIR --out FILE --quick --only jar|packaged|side-by-side --peer DIR");
                }
            }
            root = root.toAbsolutePath().normalize();
            out = out == null ? root.resolve("docs/benchmarks.md") : out;
            return quick ? new Settings(root, out, 3, Duration.ofSeconds(8), 30, 3, only, peer)
                    : new Settings(root, out, 5, Duration.ofSeconds(12), 100, 5, only, peer);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception when a measurement cannot be made; the report is then not written
     */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        String loadAtStart = ReportWriter.loadAverage();
        Path work = Files.createTempDirectory("crafty-bench-");
        Path logs = settings.root().resolve("bench/target/logs");
        List<Launch> launches = new ArrayList<>();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = settings.root().resolve("voice-server/target/voice-server.jar");
        Path launcher = settings.root().resolve("packaging/target/sidecar/bin/crafty-sidecar");
        for (Path needed : List.of(jar, launcher)) {
            if (!Files.isRegularFile(needed)) {
                throw new IOException(needed + " is missing: build it first (./studio bench does)");
            }
        }
        launches.add(new Launch("java -jar", List.of(java.toString(), "-jar", jar.toString()), Map.of(), logs));
        launches.add(new Launch("packaged", List.of(launcher.toString()), Map.of(), logs));
        launches.add(new Launch(WITHOUT_TELEMETRY, List.of(launcher.toString()),
                                Map.of("LOG_METRICS", "false", "LOG_LEVEL", "OFF"), logs));
        Launch packaged = launches.get(1);
        launches.removeIf(l -> settings.only() != null && !l.name().contains(settings.only()));
        List<RunResults> results = new ArrayList<>();
        Map<String, PeerBench.Figures> sideBySide = null;
        try (Engines engines = Engines.start(work)) {
            Benchmark bench = new Benchmark(settings, engines);
            for (Launch launch : launches) {
                results.add(bench.run(launch));
            }
            if (settings.peer() != null) {
                sideBySide = PeerBench.run(packaged, PeerBench.peer(settings.peer(), engines, logs), engines,
                                           settings.runs(), settings.turns(), settings.idle().toMillis());
            }
        } finally {
            Sidecar.delete(work);
        }
        new ReportWriter(settings, results, loadAtStart, sideBySide, packaged.name()).write();
        System.out.println("wrote " + settings.out());
    }

    private RunResults run(Launch launch) throws IOException {
        RunResults r = new RunResults(launch);
        System.out.println(launch.name() + ": start-up");
        r.startup = StartupBench.run(launch, engines.embedded(), settings.startups(), settings.idle());
        try (Sidecar sidecar = launch.start(engines.embedded(), "embedded")) {
            System.out.println(launch.name() + ": /chat");
            r.firstChat = ChatBench.firstTurn(sidecar, engines.ollama());
            r.chat.add(ChatBench.oneClient(sidecar, engines.ollama(), 5, settings.turns()));
            for (int clients : List.of(10, 25, 50)) {
                r.chat.add(ChatBench.concurrent(sidecar, engines.ollama(), clients, 3));
            }
            r.rssAfterChat = sidecar.rssKib() / 1024.0;
            if (launch.name().equals(WITHOUT_TELEMETRY)) {
                return r;
            }
            System.out.println(launch.name() + ": /voice/tts and /voice/chat with espeak-ng");
            r.ttsLengths = TtsBench.lengths(sidecar, settings.runs());
            for (int clients : List.of(1, 5, 10)) {
                r.ttsClients.add(TtsBench.clients(sidecar, clients));
            }
            espeakTurns(sidecar, r);
            r.rssAfterLoad = sidecar.rssKib() / 1024.0;
            Sidecar.pause(settings.idle().toMillis());
            r.rssAfterLoadSettled = sidecar.rssKib() / 1024.0;
        }
        r.piperStartsBefore = engines.piper().starts();
        try (Sidecar sidecar = launch.start(engines.fakes(), "fakes")) {
            System.out.println(launch.name() + ": /voice/chat with the fake Piper and whisper-server");
            piperTurns(sidecar, r);
            for (int seconds : List.of(1, 2, 4, 8)) {
                Samples[] figures = {new Samples(), new Samples(), new Samples()};
                try (Ws ws = Turns.openVoiceChat(sidecar)) {
                    for (int i = 0; i < settings.runs(); i++) {
                        long[] times = VoiceChatBench.audio(ws, seconds);
                        for (int k = 0; k < 3; k++) {
                            figures[k].addNanos(times[k]);
                        }
                    }
                }
                r.audio.put(seconds, figures);
            }
            for (int clients : List.of(1, 5, 10)) {
                r.voiceClients.add(VoiceChatBench.clients(sidecar, clients));
            }
            r.rssAfterVoiceLoad = sidecar.rssKib() / 1024.0;
        }
        return r;
    }

    /** Typed questions answered with espeak-ng; each first audio is set against its bound. */
    private void espeakTurns(Sidecar sidecar, RunResults r) throws IOException {
        engines.ollama().script(Engines.reply(Engines.REPLY.size()));
        try (Ws ws = Turns.openVoiceChat(sidecar)) {
            VoiceChatBench.speak(ws);
            for (int i = 0; i < settings.runs() * 2; i++) {
                VoiceChatBench.Asked asked = VoiceChatBench.speak(ws);
                int end = asked.firstSentenceEnd(engines.ollama());
                long firstSentence = asked.written(engines.ollama(), end);
                if (asked.spoken().error() != null || asked.spoken().firstAudio() < 0 || firstSentence < 0) {
                    r.espeakErrors++;
                    continue;
                }
                if (r.espeakSentence.isEmpty()) {
                    r.espeakSentence = asked.spoken().sentences().getFirst();
                    r.espeakSynthesis = TtsBench.espeak(r.espeakSentence, settings.runs());
                }
                r.espeakFirstAudio.addNanos(asked.spoken().firstAudio());
                r.espeakFirstSentence.addNanos(firstSentence);
                long next = asked.written(engines.ollama(), end + 1);
                if (next >= 0) {
                    r.espeakNextToken.addNanos(next);
                }
                r.espeakOverBound.add(asked.spoken().firstAudio() / 1e6
                                      - (firstSentence / 1e6 + r.espeakSynthesis.median() + 20));
            }
        }
    }

    /** Typed questions answered with the fake Piper, and the sequential pipeline's parts. */
    private void piperTurns(Sidecar sidecar, RunResults r) throws IOException {
        engines.ollama().script(Engines.reply(Engines.REPLY.size()));
        try (Ws ws = Turns.openVoiceChat(sidecar)) {
            VoiceChatBench.speak(ws);
            for (int i = 0; i < settings.runs(); i++) {
                Turns.Spoken spoken = VoiceChatBench.speak(ws).spoken();
                if (spoken.error() != null) {
                    throw new IOException("voice turn with Piper failed: " + spoken.error());
                }
                r.piperFirstAudio.addNanos(spoken.firstAudio());
                r.piperDone.addNanos(spoken.done());
                List<Long> perSentence = spoken.synthesisPerSentence();
                for (int s = 0; s < perSentence.size(); s++) {
                    r.piperPerSentence.computeIfAbsent(s, k -> new Samples()).addNanos(perSentence.get(s));
                }
            }
        }
        r.piperStarts = engines.piper().starts() - r.piperStartsBefore;
        try (Ws chat = Turns.openChat(sidecar); Ws tts = Ws.connect(sidecar, "/voice/tts")) {
            for (int i = 0; i < settings.runs(); i++) {
                Turns.Chat turn = Turns.chat(chat, engines.ollama(), "Ganze Antwort am Stück, Lauf " + i + "?");
                r.wholeReply.addNanos(turn.totalNanos());
                Turns.Spoken spoken = Turns.speak(tts, JSON.createObjectNode().put("text", Engines.replyText()));
                r.wholeSynthesis.addNanos(spoken.done());
            }
        }
    }
}
