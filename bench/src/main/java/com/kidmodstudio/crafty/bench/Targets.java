package com.kidmodstudio.crafty.bench;

import java.util.Locale;

import static com.kidmodstudio.crafty.bench.Samples.fmt;

/**
 * The targets of the packaging issue and of the voice pipeline's "done when", judged on one
 * launch's figures. A target whose figure could not be measured is a miss.
 */
final class Targets {
    private Targets() {
    }

    static void judge(Report report, RunResults r) {
        String who = " (" + r.launch.name() + ")";
        Samples ready = r.startup.ready();
        report.target("Ready: process start → first `200` from `/status`, median of " + ready.count() + who,
                      "≤ 500 ms", fmt(ready.median()) + " ms (" + ready.range() + ")", ready.median() <= 500);
        Samples idle = r.startup.rssIdle();
        report.target("Idle RSS, " + idleLabel(r) + ", median" + who, "≤ 80 MiB",
                      fmt(idle.median()) + " MiB (" + idle.range() + ")", idle.median() <= 80);
        ChatBench.Load one = r.chat(1);
        report.target("`/chat` time the server adds to the first chunk, p99, 1 client × " + one.turns() + " turns",
                      "≤ 5 ms", fmt(one.added().p99()) + " ms (median " + fmt(one.added().median()) + ")",
                      one.added().count() > 0 && one.added().p99() <= 5);
        ChatBench.Load fifty = r.chat(50);
        report.target("`/chat` time the server adds to the first chunk, p99, 50 clients × 3 turns", "≤ 20 ms",
                      fmt(fifty.added().p99()) + " ms (median " + fmt(fifty.added().median()) + ")",
                      fifty.added().count() > 0 && fifty.added().p99() <= 20);
        report.target("`/chat` errors, 50 clients × 3 turns", "0", Integer.toString(fifty.errors()), fifty.errors() == 0);
        double sequential = r.sequential();
        double streamed = r.piperFirstAudio.median();
        report.target("`/voice/chat` first audio vs a strictly sequential pipeline (whole reply, then its synthesis), "
                      + "fake Ollama + fake Piper, medians", "≤ 60 %",
                      fmt(streamed) + " ms vs " + fmt(sequential) + " ms = " + percent(streamed / sequential),
                      streamed / sequential <= 0.6);
        int within = r.espeakOverBound.countAtMost(0);
        int turns = r.espeakOverBound.count();
        report.target("`/voice/chat` `speak` with espeak-ng, 40 tokens at 25 ms: first audio ≤ model's time to the end "
                      + "of the first sentence + that sentence's synthesis + 20 ms",
                      "every turn",
                      within + " of " + turns + " turns within; median first audio " + fmt(r.espeakFirstAudio.median())
                      + " ms vs bound " + fmt(bound(r)) + " ms; worst " + signed(r.espeakOverBound.max()) + " ms",
                      turns > 0 && within == turns && r.espeakErrors == 0);
        Samples later = laterSentences(r);
        report.target("Fake Piper with a 300 ms model load: sentences after the first never pay the load again",
                      "load paid once",
                      r.piperStarts + " Piper start(s) for all turns; sentences 2+ synthesised in median "
                      + fmt(later.median()) + " ms, max " + fmt(later.max()) + " ms",
                      r.piperStarts == 1 && later.count() > 0 && later.max() < Engines.PIPER_LOAD_MS);
    }

    static String idleLabel(RunResults r) {
        return r.startup.idle().toSeconds() + " s after ready";
    }

    static double bound(RunResults r) {
        return r.espeakFirstSentence.median() + r.espeakSynthesis.median() + 20;
    }

    static Samples laterSentences(RunResults r) {
        Samples later = new Samples();
        r.piperPerSentence.forEach((index, samples) -> {
            if (index > 0) {
                samples.values().forEach(later::add);
            }
        });
        return later;
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    static String signed(double value) {
        return (value > 0 ? "+" : "") + fmt(value);
    }
}
