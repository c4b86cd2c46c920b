package com.kidmodstudio.crafty.bench;

import java.util.ArrayList;
import java.util.List;

import static com.kidmodstudio.crafty.bench.ReportWriter.row;
import static com.kidmodstudio.crafty.bench.Samples.fmt;

/**
 * The report's tables for {@code /voice/chat} with the fake Piper and the fake whisper-server:
 * per-sentence synthesis, streaming against a sequential pipeline, and growth with audio length
 * and clients.
 */
final class VoiceSections {
    private VoiceSections() {
    }

    private static String medianRange(Samples s) {
        return fmt(s.median()) + " ms (" + s.range() + ")";
    }

    static void piper(Report report, List<RunResults> results, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("Piper processes started by the sidecar (its start-up warm-up included)", results,
                     r -> Long.toString(r.piperStarts)));
        int sentences = results.getFirst().piperPerSentence.size();
        for (int i = 0; i < sentences; i++) {
            int k = i;
            rows.add(row("sentence " + (k + 1) + ": `sentence` message → its first audio frame", results,
                         r -> r.piperPerSentence.containsKey(k) ? medianRange(r.piperPerSentence.get(k)) : "–"));
        }
        rows.add(row("streamed: first audio", results, r -> medianRange(r.piperFirstAudio)));
        rows.add(row("streamed: done", results, r -> medianRange(r.piperDone)));
        rows.add(row("sequential: whole reply on `/chat`", results, r -> medianRange(r.wholeReply)));
        rows.add(row("sequential: whole reply's synthesis on `/voice/tts`", results, r -> medianRange(r.wholeSynthesis)));
        rows.add(row("sequential: first audio (sum of the medians)", results, r -> fmt(r.sequential()) + " ms"));
        rows.add(row("streamed first audio ÷ sequential", results,
                     r -> Targets.percent(r.piperFirstAudio.median() / r.sequential())));
        report.section("`/voice/chat`: typed question answered by the fake Piper")
                .text("The fake Piper loads its model in " + Engines.PIPER_LOAD_MS + " ms and then takes "
                      + Engines.PIPER_MS_PER_CHAR + " ms per character. The sidecar starts it once, at start-up, and "
                      + "keeps it running; the per-sentence times show whether a sentence waited for a load. A "
                      + "strictly sequential pipeline would first wait for the whole reply and then synthesise all "
                      + "of it: its first audio comes after the sum of both, each measured here on the same fakes.")
                .table(header, rows);
    }

    static void audio(Report report, List<RunResults> results, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        for (int seconds : results.getFirst().audio.keySet()) {
            String label = seconds + " s of speech";
            rows.add(row(label + ": transcript", results, r -> medianRange(r.audio.get(seconds)[0])));
            rows.add(row(label + ": first audio", results, r -> medianRange(r.audio.get(seconds)[1])));
            rows.add(row(label + ": done", results, r -> medianRange(r.audio.get(seconds)[2])));
        }
        report.section("`/voice/chat`: spoken question (fake whisper-server), by audio length")
                .text("A recorded human voice, cut to length, sent in 100 ms frames as fast as the socket takes them; "
                      + "times from `process_audio` to the `transcribed` status, to the first audio frame of the "
                      + "answer, and to `done`. The fake whisper-server takes " + Engines.WHISPER_MS_PER_SECOND
                      + " ms per second of audio and serves one request at a time, like the real one.")
                .table(header, rows);
        List<List<String>> clients = new ArrayList<>();
        for (int i = 0; i < results.getFirst().voiceClients.size(); i++) {
            int k = i;
            String label = results.getFirst().voiceClients.get(k).label() + " at once";
            clients.add(row(label + ": first audio p50 / p99", results,
                            r -> fmt(r.voiceClients.get(k).firstAudio().median()) + " / "
                                 + fmt(r.voiceClients.get(k).firstAudio().p99()) + " ms"));
            clients.add(row(label + ": done p50; errors", results,
                            r -> fmt(r.voiceClients.get(k).done().median()) + " ms; " + r.voiceClients.get(k).errors()));
        }
        report.section("`/voice/chat`: typed questions from several clients at once, fake Piper")
                .text("One Piper process serves every client, one sentence at a time, so first audio grows with the "
                      + "number of clients talking at the same moment.")
                .table(header, clients);
    }
}
