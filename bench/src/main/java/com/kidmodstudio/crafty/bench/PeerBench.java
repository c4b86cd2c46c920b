package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Crafty beside the seed plan's own Fastify server (the peer, built outside the repository from
 * {@code ../shared/peers/seed-fastify}): both driven by the same clients against the same fakes,
 * in alternating order (peer, Crafty, Crafty, peer, …), so a busy machine weighs on both alike.
 * Each round starts a fresh process and measures the figures of issue 16: start to first
 * {@code 200} from {@code /status}, idle RSS of the server process alone, the time {@code /chat}
 * adds to the first chunk (one client), the first chunk of 50 clients × 3 turns, and the first
 * audio of {@code /voice/tts} and of a {@code speak} on {@code /voice/chat}.
 */
final class PeerBench {
    /** What the report calls the peer. */
    static final String PEER = "seed server";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerBench() {
    }

    /** One server's figures over all rounds. */
    static final class Figures {
        final Samples startup = new Samples();
        final Samples idleRss = new Samples();
        final Samples chatAdded = new Samples();
        final Samples fiftyFirst = new Samples();
        final Samples fiftyAsked = new Samples();
        final Samples fiftyAdded = new Samples();
        final Samples ttsFirst = new Samples();
        final Samples voiceFirst = new Samples();
        int errors;
    }

    /**
     * The peer as a launch: {@code node dist/index.js} in its built directory (its voice files are
     * found relative to it), with the fake Piper first on the {@code PATH}, as its README says.
     *
     * @param dir     the built peer
     * @param engines the fakes, for the Piper directory
     * @param logs    where its output goes
     * @return the launch
     * @throws IOException when the peer is not built
     */
    static Launch peer(Path dir, Engines engines, Path logs) throws IOException {
        if (!Files.isRegularFile(dir.resolve("dist/index.js"))) {
            throw new IOException(dir + "/dist/index.js is missing: build the peer (npm ci && npx tsc) first");
        }
        String path = engines.piper().bin().getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        String node = "cd '" + dir + "' && exec node dist/index.js";
        return new Launch(PEER, List.of("/bin/sh", "-c", node), Map.of("PATH", path), logs);
    }

    /**
     * Runs the rounds.
     *
     * @param crafty  Crafty's launch (the packaged runtime)
     * @param peer    the peer's launch
     * @param engines the fakes
     * @param rounds  rounds per server
     * @param turns   counted single-client /chat turns per round
     * @param idleMs  how long a server idles before its RSS is read
     * @return the figures by launch name, peer first
     * @throws IOException when a server cannot be started
     */
    static Map<String, Figures> run(Launch crafty, Launch peer, Engines engines, int rounds, int turns, long idleMs)
            throws IOException {
        Map<String, Figures> figures = new LinkedHashMap<>();
        figures.put(peer.name(), new Figures());
        figures.put(crafty.name(), new Figures());
        for (int round = 0; round < rounds; round++) {
            List<Launch> order = round % 2 == 0 ? List.of(peer, crafty) : List.of(crafty, peer);
            for (Launch launch : order) {
                System.out.println(launch.name() + ": side-by-side round " + (round + 1) + " of " + rounds);
                measure(launch, engines, figures.get(launch.name()), turns, idleMs);
            }
        }
        return figures;
    }

    private static void measure(Launch launch, Engines engines, Figures f, int turns, long idleMs) throws IOException {
        try (Sidecar server = launch.start(engines.fakes(), "side-by-side")) {
            f.startup.addNanos(server.readyNanos());
            Sidecar.pause(idleMs);
            f.idleRss.add(server.rssKib() / 1024.0);
            ChatBench.Load one = ChatBench.oneClient(server, engines.ollama(), 5, turns);
            one.added().values().forEach(f.chatAdded::add);
            ChatBench.Load fifty = ChatBench.concurrent(server, engines.ollama(), 50, 3);
            fifty.first().values().forEach(f.fiftyFirst::add);
            fifty.asked().values().forEach(f.fiftyAsked::add);
            fifty.added().values().forEach(f.fiftyAdded::add);
            f.errors += one.errors() + fifty.errors();
            for (int i = 0; i < 3; i++) {
                try (Ws tts = Ws.connect(server, "/voice/tts")) {
                    firstAudio(tts, JSON.createObjectNode().put("text", Engines.sentences(2)).toString(), f.ttsFirst, f);
                }
            }
            engines.ollama().script(Engines.reply(Engines.REPLY.size()));
            for (int i = 0; i < 3; i++) {
                try (Ws voice = Ws.connect(server, "/voice/chat")) {
                    if (!launch.name().equals(PEER)) {
                        voice.await("session", Turns.TURN_LIMIT);
                    }
                    firstAudio(voice, JSON.createObjectNode().put("action", "speak")
                            .put("text", "Wie baue ich einen Block, Runde " + i + "?").toString(), f.voiceFirst, f);
                }
            }
        }
    }

    /** Sends one request and records the time to its first audio frame; a turn without audio is an error. */
    private static void firstAudio(Ws ws, String request, Samples into, Figures f) throws IOException {
        long sent = ws.send(request);
        List<Ws.Frame> frames = new ArrayList<>(ws.until(frame -> frame.json() != null
                && (frame.json().path("done").asBoolean() || frame.is("error") || frame.json().has("error")),
                Turns.TURN_LIMIT));
        Ws.Frame audio = frames.stream().filter(frame -> frame.is("binary")).findFirst().orElse(null);
        if (audio == null) {
            f.errors++;
            return;
        }
        into.addNanos(audio.arrived() - sent);
    }
}
