package com.kidmodstudio.crafty.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything measured on one launch (java -jar, or the packaged runtime), filled in as the
 * benchmark goes and read by {@link ReportWriter}.
 */
final class RunResults {
    final Launch launch;
    StartupBench.Result startup;
    Turns.Chat firstChat;
    final List<ChatBench.Load> chat = new ArrayList<>();
    double rssAfterChat = Double.NaN;
    double rssAfterLoad = Double.NaN;
    double rssAfterLoadSettled = Double.NaN;
    double rssAfterVoiceLoad = Double.NaN;
    List<TtsBench.Case> ttsLengths = List.of();
    final List<TtsBench.Case> ttsClients = new ArrayList<>();
    /** espeak-ng on the first sentence, without the server. */
    Samples espeakSynthesis = new Samples();
    /** Per speak turn with espeak-ng: time to the first audio frame. */
    final Samples espeakFirstAudio = new Samples();
    /** Per speak turn: the model's time to the end of the first sentence. */
    final Samples espeakFirstSentence = new Samples();
    /** Per speak turn: the model's time to the token after the first sentence. */
    final Samples espeakNextToken = new Samples();
    /** Per speak turn: first audio minus its bound (first sentence + synthesis + 20 ms). */
    final Samples espeakOverBound = new Samples();
    String espeakSentence = "";
    int espeakErrors;
    /** Per sentence index, with the fake Piper: sentence message to its first audio frame. */
    final Map<Integer, Samples> piperPerSentence = new TreeMap<>();
    /** Piper processes started by this launch's sidecar, from its start to the end of the runs. */
    long piperStarts;
    long piperStartsBefore;
    final Samples piperFirstAudio = new Samples();
    final Samples piperDone = new Samples();
    final Samples wholeReply = new Samples();
    final Samples wholeSynthesis = new Samples();
    /** Per audio length in seconds: process_audio to transcript, first audio, done. */
    final Map<Integer, Samples[]> audio = new TreeMap<>();
    final List<TtsBench.Case> voiceClients = new ArrayList<>();

    RunResults(Launch launch) {
        this.launch = launch;
    }

    /** @return whether the voice routes were measured (not for every launch) */
    boolean hasVoice() {
        return !ttsLengths.isEmpty();
    }

    /** @return the /chat figures for this many clients, or {@code null} */
    ChatBench.Load chat(int clients) {
        return chat.stream().filter(l -> l.clients() == clients).findFirst().orElse(null);
    }

    /** @return the sequential pipeline's time to first audio: whole reply, then its synthesis (medians) */
    double sequential() {
        return wholeReply.median() + wholeSynthesis.median();
    }
}
