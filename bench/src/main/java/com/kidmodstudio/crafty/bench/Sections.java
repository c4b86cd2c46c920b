package com.kidmodstudio.crafty.bench;

import java.util.ArrayList;
import java.util.List;

import static com.kidmodstudio.crafty.bench.ReportWriter.row;
import static com.kidmodstudio.crafty.bench.Samples.fmt;

/**
 * The detailed tables of the report, one section per route, the launches side by side.
 */
final class Sections {
    private Sections() {
    }

    static void write(Report report, List<RunResults> results, Benchmark.Settings settings) {
        List<RunResults> voice = results.stream().filter(RunResults::hasVoice).toList();
        startup(report, results, header(results), settings);
        chat(report, results, header(results));
        if (!voice.isEmpty()) {
            tts(report, voice, header(voice));
            voiceChat(report, voice, header(voice));
        }
        report.section("How to read and refresh these figures")
                .text("`./studio bench` builds what it needs (the jar, `packaging/target/sidecar`, `bench/`) and runs "
                      + "`bench/target/crafty-bench.jar`; `--quick` makes fewer runs, `--only packaged` skips "
                      + "`java -jar`, `--only side-by-side` runs only the comparison with the seed's server (built "
                      + "from `../shared/peers/seed-fastify` when that folder is there; `--peer DIR` names a built "
                      + "copy). "
                      + "The sidecars' output is in `bench/target/logs/`. Times are wall-clock on a shared machine: "
                      + "compare the launches within one run, not across runs on different machines.");
    }

    private static List<String> header(List<RunResults> results) {
        List<String> header = new ArrayList<>(List.of("Quantity"));
        results.forEach(r -> header.add("`" + r.launch.name() + "`"));
        return header;
    }

    private static String medianRange(Samples s, String unit) {
        return fmt(s.median()) + " " + unit + " (" + s.range() + ")";
    }

    private static String p50p99(Samples s) {
        return fmt(s.median()) + " / " + fmt(s.p99()) + " ms";
    }

    private static void startup(Report report, List<RunResults> results, List<String> header, Benchmark.Settings settings) {
        report.section("Start-up and memory")
                .text("Process start to the first `200` from `/status` (with the token, the fake Ollama reachable, "
                      + "espeak-ng and pocketsphinx installed), " + settings.startups() + " starts after one uncounted "
                      + "start; RSS is `VmRSS` of the JVM process, read 1 s and " + settings.idle().toSeconds()
                      + " s after ready, right after the `/chat` runs below (one client, then 10, 25 and 50 at once), "
                      + "after the espeak-ng voice runs that follow them, and again " + settings.idle().toSeconds()
                      + " s later. `" + Benchmark.WITHOUT_TELEMETRY + "` is the packaged sidecar with `LOG_METRICS=false` "
                      + "and `LOG_LEVEL=OFF`: what the metrics and the logging cost (start-up and `/chat` only).")
                .table(header, List.of(
                        row("ready, median (min–max)", results, r -> medianRange(r.startup.ready(), "ms")),
                        row("RSS 1 s after ready", results, r -> medianRange(r.startup.rssReady(), "MiB")),
                        row("idle RSS, " + settings.idle().toSeconds() + " s after ready", results,
                            r -> medianRange(r.startup.rssIdle(), "MiB")),
                        row("RSS after the /chat runs", results, r -> mebibytes(r.rssAfterChat)),
                        row("RSS after the espeak-ng voice runs", results, r -> mebibytes(r.rssAfterLoad)),
                        row("RSS " + settings.idle().toSeconds() + " s later", results,
                            r -> mebibytes(r.rssAfterLoadSettled)),
                        row("RSS after the Piper / whisper voice runs", results, r -> mebibytes(r.rssAfterVoiceLoad))));
    }

    private static String mebibytes(double value) {
        return Double.isNaN(value) ? "–" : fmt(value) + " MiB";
    }

    private static void chat(Report report, List<RunResults> results, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("first turn after start-up: added / whole turn", results,
                     r -> fmt(r.firstChat.addedNanos() / 1e6) + " / " + fmt(r.firstChat.totalNanos() / 1e6) + " ms"));
        for (int clients : List.of(1, 10, 25, 50)) {
            ChatBench.Load any = results.getFirst().chat(clients);
            String label = clients == 1 ? "1 client, " + any.turns() + " turns in a row" : clients + " clients × 3 turns at once";
            rows.add(row(label + ": added p50 / p99", results, r -> p50p99(r.chat(clients).added())));
            rows.add(row(label + ": added max; whole turn p50", results,
                         r -> fmt(r.chat(clients).added().max()) + "; " + fmt(r.chat(clients).total().median()) + " ms"));
            rows.add(row(label + ": errors", results, r -> Integer.toString(r.chat(clients).errors())));
        }
        report.section("`/chat`: time the server adds to the first chunk")
                .text("\"Added\" is the time from the fake Ollama handing the reply's first token to its socket to the "
                      + "client receiving the first `assistant` delta: the sidecar's own share of the latency (HTTP "
                      + "client, NDJSON parsing, the turn, the WebSocket write, and the client library's delivery). "
                      + "Replies are " + ChatBench.TOKENS + " tokens (200 ms, then 25 ms each), so a whole turn takes "
                      + "at least 425 ms. The single client's first 5 turns are not counted.")
                .table(header, rows);
    }

    private static void tts(Report report, List<RunResults> results, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < results.getFirst().ttsLengths.size(); i++) {
            int k = i;
            String label = results.getFirst().ttsLengths.get(k).label();
            rows.add(row(label + ": first audio", results, r -> medianRange(r.ttsLengths.get(k).firstAudio(), "ms")));
            rows.add(row(label + ": done", results, r -> medianRange(r.ttsLengths.get(k).done(), "ms")));
        }
        for (int i = 0; i < results.getFirst().ttsClients.size(); i++) {
            int k = i;
            String label = results.getFirst().ttsClients.get(k).label() + " at once, one sentence each";
            rows.add(row(label + ": first audio p50 / p99", results, r -> p50p99(r.ttsClients.get(k).firstAudio())));
            rows.add(row(label + ": done p50; errors", results,
                         r -> fmt(r.ttsClients.get(k).done().median()) + " ms; " + r.ttsClients.get(k).errors()));
        }
        report.section("`/voice/tts` with espeak-ng")
                .text("From sending the text to the first binary audio frame, and to `done`. The server speaks a text "
                      + "sentence by sentence into one stream, so the first audio depends on the first sentence only.")
                .table(header, rows);
    }

    private static void voiceChat(Report report, List<RunResults> results, List<String> header) {
        report.section("`/voice/chat`: typed question answered by voice, espeak-ng")
                .text("A `speak` turn with the fake Ollama streaming 40 tokens (200 ms, then 25 ms each) in five "
                      + "sentences. The bound of each turn is the model's time to the end of the first sentence (from "
                      + "the request to the fake writing the token that completes it) + espeak-ng's time for that "
                      + "sentence (run alone, with the server's arguments) + 20 ms. The server speaks a sentence from "
                      + "the token that ends it: at once when the end is very likely (!, ?, a full stop after a word), "
                      + "else synthesized ahead and sent when the next token confirms it; the next token's time is "
                      + "shown for comparison.")
                .table(header, List.of(
                        row("first sentence spoken", results, r -> "\"" + r.espeakSentence + "\""),
                        row("model: end of first sentence", results, r -> medianRange(r.espeakFirstSentence, "ms")),
                        row("model: the next token", results,
                            r -> medianRange(r.espeakNextToken, "ms")),
                        row("espeak-ng alone on that sentence", results, r -> medianRange(r.espeakSynthesis, "ms")),
                        row("bound (medians)", results, r -> fmt(Targets.bound(r)) + " ms"),
                        row("first audio", results, r -> medianRange(r.espeakFirstAudio, "ms")),
                        row("first audio − end of first sentence (synthesis and hand-over)", results,
                            r -> fmt(r.espeakFirstAudio.median() - r.espeakFirstSentence.median()) + " ms (medians)"),
                        row("first audio − bound, per turn: median (min–max)", results,
                            r -> medianRange(r.espeakOverBound, "ms")),
                        row("turns within their bound; failed turns", results,
                            r -> r.espeakOverBound.countAtMost(0) + " of " + r.espeakOverBound.count() + "; "
                                 + r.espeakErrors)));
        VoiceSections.piper(report, results, header);
        VoiceSections.audio(report, results, header);
    }
}
