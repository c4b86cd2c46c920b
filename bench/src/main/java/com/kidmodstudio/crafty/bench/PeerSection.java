package com.kidmodstudio.crafty.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's side-by-side section: every figure of issue 16's table for the seed's server and
 * for Crafty's packaged runtime, measured in the same run in alternating rounds, with Crafty's
 * figure as a ratio of the peer's (below 1: Crafty is better) and the absolute targets.
 */
final class PeerSection {
    private PeerSection() {
    }

    private record Figure(String name, Function<PeerBench.Figures, Samples> samples, boolean p99, String unit,
                          double absoluteTarget) {
        double value(PeerBench.Figures f) {
            Samples s = samples.apply(f);
            return s.count() == 0 ? Double.NaN : p99 ? s.p99() : s.median();
        }
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("start → first `200` from `/status` (median)", f -> f.startup, false, "ms", 500),
            new Figure("idle RSS of the server process (median)", f -> f.idleRss, false, "MiB", 70),
            new Figure("`/chat` time added to the first chunk, p99 of one client's turns", f -> f.chatAdded, true, "ms", 5),
            new Figure("50 clients × 3 turns, first chunk p99", f -> f.fiftyFirst, true, "ms", Double.NaN),
            new Figure("`/voice/tts` first audio (median)", f -> f.ttsFirst, false, "ms", Double.NaN),
            new Figure("`/voice/chat` `speak` first audio (median)", f -> f.voiceFirst, false, "ms", Double.NaN));

    static void write(Report report, Map<String, PeerBench.Figures> figures, String crafty, int rounds) {
        PeerBench.Figures peer = figures.get(PeerBench.PEER);
        PeerBench.Figures ours = figures.get(crafty);
        report.section("Beside the seed's server")
                .text("The seed plan's own Fastify server (`../shared/peers/seed-fastify`, copied to a scratch "
                      + "directory and built there with `npm ci && npx tsc`, started with `node dist/index.js`; never "
                      + "part of this repository) and Crafty's packaged runtime, driven by the same clients against "
                      + "the same fakes, " + rounds + " rounds each in alternating order (peer first in odd rounds, "
                      + "Crafty first in even ones), a fresh process every round. Ratio = Crafty ÷ seed: below 1 "
                      + "Crafty is better. RSS is the server process alone (`VmRSS` of node, or of the JVM the "
                      + "launcher `exec`s); the fake engines run in the benchmark's JVM and are not counted, nor "
                      + "is the Piper process Crafty keeps warm. The seed starts a Piper process for every request "
                      + "and speaks only once the whole reply is written: its voice figures include that process's "
                      + "start (the fake Piper is a small JVM; its start-up is part of the figure) and its "
                      + "300 ms model load; the fake streams `--output_raw` sentence by "
                      + "sentence as Piper does. "
                      + "This machine is shared (2 cores, several engineers building and testing at once): absolute "
                      + "times are noisy and differ between runs, so judge by the ratios within one run. Errors: "
                      + "seed " + peer.errors + ", Crafty " + ours.errors + ".");
        List<List<String>> rows = new ArrayList<>();
        for (Figure figure : FIGURES) {
            double theirs = figure.value(peer);
            double mine = figure.value(ours);
            String target = Double.isNaN(figure.absoluteTarget()) ? "ratio ≤ 1"
                    : "ratio ≤ 1, ≤ " + Samples.fmt(figure.absoluteTarget()) + " " + figure.unit();
            boolean met = mine / theirs <= 1 && (Double.isNaN(figure.absoluteTarget()) || mine <= figure.absoluteTarget());
            rows.add(List.of(figure.name(), Samples.fmt(theirs) + " " + figure.unit(), Samples.fmt(mine) + " " + figure.unit(),
                             String.format(Locale.ROOT, "%.2f", mine / theirs), target, met ? "met" : "**missed**"));
        }
        report.table(List.of("figure", "seed server", "Crafty (packaged)", "ratio", "target", ""), rows);
        report.text("Where the 50 clients' first chunk goes (the fake model adds its 200 ms between the two): from the "
                    + "question to the model having the whole request, and from the model's first token to the "
                    + "client's first chunk.");
        List<List<String>> parts = new ArrayList<>();
        parts.add(part("question → model has the request", peer.fiftyAsked, ours.fiftyAsked));
        parts.add(part("model's first token → client's first chunk", peer.fiftyAdded, ours.fiftyAdded));
        report.table(List.of("50 clients × 3 turns", "seed server, median / p99", "Crafty, median / p99"), parts);
    }

    private static List<String> part(String name, Samples peer, Samples ours) {
        return List.of(name, Samples.fmt(peer.median()) + " / " + Samples.fmt(peer.p99()) + " ms",
                       Samples.fmt(ours.median()) + " / " + Samples.fmt(ours.p99()) + " ms");
    }
}
