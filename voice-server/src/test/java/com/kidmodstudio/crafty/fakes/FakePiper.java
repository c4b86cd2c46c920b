package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs a fake {@code piper} executable and a fake voice into a directory:
 * <pre>{@code
 * FakePiper.Installation piper = FakePiper.builder().loadMillis(300).sampleRate(16000)
 *         .failure(FakePiper.Failure.CRASH, 2).install(dir);
 * // PIPER_BIN=piper.bin(), PIPER_VOICE=piper.voice()
 * }</pre>
 * The executable ({@link FakePiperCli}) implements Piper 1.2's CLI: {@code -m/--model},
 * {@code -c/--config} (default model + {@code .json}), {@code -f/--output_file} ({@code -} for
 * stdout), {@code -d/--output_dir} (default), {@code --output_raw}, {@code --json-input}
 * (lines {@code {"text", "output_file", "speaker_id", "speaker"}}), {@code -s/--speaker},
 * {@code --length_scale}, {@code --sentence_silence}, {@code --noise_scale}, {@code --noise_w},
 * {@code -q}, {@code --debug}, {@code --version}, {@code -h}. It takes {@code loadMillis} to
 * "load the model", then {@code msPerChar} per character, writes a WAV of a tone lasting
 * {@value FakeAudio#MS_PER_CHAR} ms per character at the config's {@code audio.sample_rate}
 * and prints the file's path. Every start and utterance is appended to {@link Installation#log()}.
 */
public final class FakePiper {

    /** What goes wrong, after {@code failAfter} good utterances of each process. */
    public enum Failure {
        /** Nothing. */
        NONE,
        /** Loading the voice fails: exits with status 1 before reading stdin. */
        EXIT_AT_START,
        /** The process dies abruptly (status 139, like a segfault) when the next line arrives. */
        CRASH,
        /** The process never answers the next line. */
        HANG,
        /** The process prints a garbage line instead of the output path. */
        GARBAGE,
        /** The process writes a file that is not a WAV and prints its path. */
        BAD_WAV
    }

    /**
     * The installed fake.
     *
     * @param bin    the {@code piper} executable
     * @param voice  the {@code .onnx} file
     * @param config the voice's {@code .onnx.json}
     * @param log    one line per process start ({@code start <args>}) and utterance ({@code utterance <text>})
     */
    public record Installation(Path bin, Path voice, Path config, Path log) {
        /**
         * The lines of the log so far.
         *
         * @return the lines, empty before the first start
         * @throws IOException when the log cannot be read
         */
        public List<String> logLines() throws IOException {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        }

        /**
         * How many times the voice was loaded (processes started).
         *
         * @return the count
         * @throws IOException when the log cannot be read
         */
        public long starts() throws IOException {
            return logLines().stream().filter(l -> l.startsWith("start ")).count();
        }

        /**
         * The texts synthesised so far, in order.
         *
         * @return the texts
         * @throws IOException when the log cannot be read
         */
        public List<String> utterances() throws IOException {
            return logLines().stream().filter(l -> l.startsWith("utterance ")).map(l -> l.substring(10)).toList();
        }
    }

    private int loadMillis = 300;
    private int msPerChar = 1;
    private int sampleRate = 22_050;
    private String language = "de_DE";
    private Failure failure = Failure.NONE;
    private int failAfter;

    private FakePiper() {
    }

    /**
     * Starts a builder with Piper-like defaults: 300 ms model load, 1 ms per character, 22050 Hz.
     *
     * @return the builder
     */
    public static FakePiper builder() {
        return new FakePiper();
    }

    /**
     * Sets the model-load delay of every process start.
     *
     * @param millis delay
     * @return this builder
     */
    public FakePiper loadMillis(int millis) {
        this.loadMillis = millis;
        return this;
    }

    /**
     * Sets the synthesis time per character of text.
     *
     * @param millis delay per character
     * @return this builder
     */
    public FakePiper msPerChar(int millis) {
        this.msPerChar = millis;
        return this;
    }

    /**
     * Sets the voice's {@code audio.sample_rate}.
     *
     * @param rate samples per second
     * @return this builder
     */
    public FakePiper sampleRate(int rate) {
        this.sampleRate = rate;
        return this;
    }

    /**
     * Sets the voice's {@code language.code}.
     *
     * @param code e.g. {@code de_DE}
     * @return this builder
     */
    public FakePiper language(String code) {
        this.language = code;
        return this;
    }

    /**
     * Selects a failure mode.
     *
     * @param mode      what goes wrong
     * @param afterGood how many utterances each process serves well first
     * @return this builder
     */
    public FakePiper failure(Failure mode, int afterGood) {
        this.failure = mode;
        this.failAfter = afterGood;
        return this;
    }

    /**
     * Writes the executable, the voice, its config and an empty log into {@code dir}.
     *
     * @param dir a directory, created when missing
     * @return the installation
     * @throws IOException when writing fails
     */
    public Installation install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path voice = dir.resolve("de_DE-fake-medium.onnx");
        Files.write(voice, new byte[] {0x08, 0x07, 'f', 'a', 'k', 'e'});
        Path config = Path.of(voice + ".json");
        Files.writeString(config, """
                {"audio": {"sample_rate": %d, "quality": "medium"},
                 "espeak": {"voice": "%s"},
                 "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
                 "language": {"code": "%s"},
                 "num_speakers": 2,
                 "speaker_id_map": {"anna": 0, "ben": 1}}
                """.formatted(sampleRate, language.substring(0, 2), language));
        Path log = dir.resolve("piper-calls.log");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FAKE_PIPER_LOAD_MS", Integer.toString(loadMillis));
        env.put("FAKE_PIPER_MS_PER_CHAR", Integer.toString(msPerChar));
        env.put("FAKE_PIPER_FAIL", failure.name());
        env.put("FAKE_PIPER_FAIL_AFTER", Integer.toString(failAfter));
        env.put("FAKE_PIPER_LOG", log.toString());
        Path bin = FakeExecutable.write(dir, "piper", FakePiperCli.class, env);
        return new Installation(bin, voice, config, log);
    }
}
