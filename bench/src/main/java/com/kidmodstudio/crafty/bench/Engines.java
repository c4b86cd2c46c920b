package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.fakes.FakeWhisperServer;

/**
 * The engines of a benchmark run, with fixed, known timings: a fake Ollama in this JVM (so its
 * token times share the clients' clock), a fake Piper executable (its model load is a fixed
 * delay) and a fake whisper-server. The embedded defaults, espeak-ng and pocketsphinx, are the
 * real Debian programs.
 */
public final class Engines implements AutoCloseable {
    /** Time to the model's first token. */
    public static final Duration FIRST_TOKEN = Duration.ofMillis(200);
    /** Time between two tokens. */
    public static final Duration PER_TOKEN = Duration.ofMillis(25);
    /** Fake Piper's model load. */
    public static final int PIPER_LOAD_MS = 300;
    /** Fake Piper's synthesis time per character. */
    public static final int PIPER_MS_PER_CHAR = 1;
    /** Fake whisper-server's model load. */
    public static final int WHISPER_LOAD_MS = 300;
    /** Fake whisper-server's time per second of audio. */
    public static final int WHISPER_MS_PER_SECOND = 50;
    /** What the fake whisper-server hears. */
    public static final String HEARD = "Wie baue ich einen eigenen Block?";

    /** A reply of 40 tokens in five sentences; the first sentence ends with token 9. */
    public static final List<String> REPLY = List.of(
            "Super", " Idee", ",", " lass", " uns", " einen", " Block", " bauen", "!",
            " Zuerst", " brauchen", " wir", " eine", " Textur", " aus", " Holz", ".",
            " Dann", " geben", " wir", " dem", " Block", " einen", " schönen", " Namen", ".",
            " Danach", " testen", " wir", " ihn", " zusammen", " im", " Spiel", ".",
            " Viel", " Spaß", " beim", " Bauen", " heute", "!");

    /** Sentences to speak on /voice/tts, each about 45 characters. */
    public static final List<String> SENTENCES = List.of(
            "Super Idee, lass uns einen Block bauen!", "Zuerst brauchen wir eine Textur aus Holz.",
            "Dann geben wir dem Block einen schönen Namen.", "Danach testen wir ihn zusammen im Spiel.",
            "Der Block soll im Dunkeln ein wenig leuchten.", "Dafür ändern wir seine Lichtstufe auf zwölf.",
            "Jetzt fehlt nur noch ein passendes Rezept.", "Viel Spaß beim Bauen und bis gleich!");

    private final TimedOllama ollama;
    private final FakeWhisperServer whisper;
    private final FakePiper.Installation piper;

    private Engines(TimedOllama ollama, FakeWhisperServer whisper, FakePiper.Installation piper) {
        this.ollama = ollama;
        this.whisper = whisper;
        this.piper = piper;
    }

    /**
     * Starts the fakes.
     *
     * @param work a directory for the fake Piper
     * @return the running engines
     * @throws IOException when a fake cannot start
     */
    public static Engines start(Path work) throws IOException {
        TimedOllama ollama = TimedOllama.start(reply(REPLY.size()));
        FakeWhisperServer whisper = FakeWhisperServer.builder().loadMillis(WHISPER_LOAD_MS)
                .msPerAudioSecond(WHISPER_MS_PER_SECOND).transcript("de", HEARD).transcript("en", HEARD).start();
        FakePiper.Installation piper = FakePiper.builder().loadMillis(PIPER_LOAD_MS).msPerChar(PIPER_MS_PER_CHAR)
                .install(work.resolve("piper"));
        return new Engines(ollama, whisper, piper);
    }

    /**
     * The first {@code tokens} tokens of {@link #REPLY} at the standard timings.
     *
     * @param tokens how many
     * @return the script
     */
    public static TimedOllama.Script reply(int tokens) {
        return new TimedOllama.Script(FIRST_TOKEN, PER_TOKEN, REPLY.subList(0, tokens));
    }

    /**
     * The first {@code count} sentences of {@link #SENTENCES} as one text.
     *
     * @param count how many
     * @return the text
     */
    public static String sentences(int count) {
        return String.join(" ", SENTENCES.subList(0, count));
    }

    /** @return the whole reply as one text */
    public static String replyText() {
        return String.join("", REPLY);
    }

    /** @return the fake Ollama */
    public TimedOllama ollama() {
        return ollama;
    }

    /** @return the fake Piper */
    public FakePiper.Installation piper() {
        return piper;
    }

    /** @return the sidecar's settings for the fake Ollama and the embedded espeak-ng and pocketsphinx */
    public Map<String, String> embedded() {
        return Map.of("OLLAMA_URL", ollama.url(), "CRAFTY_LANGUAGE", "de");
    }

    /** @return the sidecar's settings for the fake Ollama, the fake Piper and the fake whisper-server */
    public Map<String, String> fakes() {
        return Map.of("OLLAMA_URL", ollama.url(), "CRAFTY_LANGUAGE", "de", "PIPER_BIN", piper.bin().toString(),
                      "PIPER_VOICE", piper.voice().toString(), "WHISPER_URL", whisper.url().toString());
    }

    /** @return a description of the fakes' timings for the report */
    public static String describe() {
        return "fake Ollama: " + FIRST_TOKEN.toMillis() + " ms to the first token, " + PER_TOKEN.toMillis()
               + " ms per token; fake Piper: " + PIPER_LOAD_MS + " ms model load, " + PIPER_MS_PER_CHAR
               + " ms per character; fake whisper-server: " + WHISPER_LOAD_MS + " ms model load, "
               + WHISPER_MS_PER_SECOND + " ms per second of audio; espeak-ng: the real program, German voice, 160 words per minute";
    }

    @Override
    public void close() {
        ollama.close();
        whisper.close();
    }
}
