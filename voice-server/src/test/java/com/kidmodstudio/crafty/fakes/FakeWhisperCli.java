package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;

/**
 * The fake {@code whisper-cli}; see {@link FakeWhisper}. Mirrors {@code examples/cli/cli.cpp}:
 * errors and logs on stderr, results on stdout and in the output files.
 */
public final class FakeWhisperCli {
    private static final Set<String> LANGUAGES = Set.of("auto", "en", "de", "fr", "es", "it", "nl", "pl", "pt", "tr");
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final PrintStream ERR = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    private FakeWhisperCli() {
    }

    /**
     * Runs the fake.
     *
     * @param args whisper-cli's command line
     * @throws Exception never on purpose
     */
    public static void main(String[] args) throws Exception {
        String model = "models/ggml-base.en.bin";
        String language = "en";
        boolean languageGiven = false;
        boolean noTimestamps = false;
        boolean noPrints = false;
        boolean txt = false;
        boolean json = false;
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-m", "--model" -> model = args[++i];
                case "-f", "--file" -> inputs.add(args[++i]);
                case "-l", "--language" -> {
                    language = args[++i].toLowerCase(Locale.ROOT);
                    languageGiven = true;
                }
                case "-t", "--threads", "-p", "--processors", "-d", "--duration" -> i++;
                case "-nt", "--no-timestamps" -> noTimestamps = true;
                case "-np", "--no-prints" -> noPrints = true;
                case "-otxt", "--output-txt" -> txt = true;
                case "-oj", "--output-json" -> json = true;
                case "-of", "--output-file" -> outputs.add(args[++i]);
                case "-h", "--help" -> {
                    usage();
                    System.exit(0);
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        ERR.println("error: unknown argument: " + args[i]);
                        usage();
                        System.exit(0);
                    }
                    inputs.add(args[i]);
                }
            }
        }
        Files.writeString(Path.of(System.getenv("FAKE_WHISPER_LOG")), "start " + String.join(" ", args) + "\n",
                          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!languageGiven && Boolean.parseBoolean(System.getenv("FAKE_WHISPER_REQUIRE_LANGUAGE"))) {
            ERR.println("fake whisper-cli: no -l given; the real whisper-cli would assume 'en' and mistranscribe");
            System.exit(2);
        }
        if (inputs.isEmpty()) {
            ERR.println("error: no input files specified");
            usage();
            System.exit(2);
        }
        if (!LANGUAGES.contains(language)) {
            ERR.println("error: unknown language '" + language + "'");
            usage();
            System.exit(0);
        }
        ERR.println("whisper_init_from_file_with_params_no_state: loading model from '" + model + "'");
        if (!Files.isRegularFile(Path.of(model)) || "EXIT".equals(System.getenv("FAKE_WHISPER_FAIL"))) {
            ERR.println("whisper_model_load: failed to open '" + model + "'");
            ERR.println("error: failed to initialize whisper context");
            System.exit(3);
        }
        sleep(env("FAKE_WHISPER_LOAD_MS", 300));
        switch (String.valueOf(System.getenv("FAKE_WHISPER_FAIL"))) {
            case "HANG" -> sleep(Long.MAX_VALUE);
            case "CRASH" -> Runtime.getRuntime().halt(139);
            default -> { }
        }
        if (!noPrints) {
            ERR.println("system_info: n_threads = 4 / 2 | AVX = 1 | AVX2 = 1 | fake = 1");
        }
        for (int f = 0; f < inputs.size(); f++) {
            String input = inputs.get(f);
            byte[] pcm;
            try {
                Wav wav = Wav.parse(Files.readAllBytes(Path.of(input)));
                if (!wav.format().equals(PcmFormat.MONO_16K)) {
                    ERR.println("read_audio_data: WAV file '" + input + "' must be 16 kHz mono");
                    throw new InvalidAudioException("not 16 kHz");
                }
                pcm = wav.pcm();
            } catch (IOException | InvalidAudioException e) {
                ERR.println("error: failed to read audio file '" + input + "'");
                continue;
            }
            String lang = language;
            if (model.contains(".en.") && !"en".equals(lang)) {
                ERR.println("main: WARNING: model is not multilingual, ignoring language and translation options");
                lang = "en";
            }
            double seconds = pcm.length / 32_000.0;
            sleep(Math.round(env("FAKE_WHISPER_MS_PER_AUDIO_SECOND", 50) * seconds));
            String text = FakeWhisper.hear(pcm, transcript("auto".equals(lang) ? "en" : lang));
            if (noTimestamps) {
                OUT.print("\n " + text);
            } else {
                OUT.printf(Locale.ROOT, "\n[00:00:00.000 --> 00:00:%06.3f]   %s\n", seconds, text);
            }
            OUT.flush();
            String base = f < outputs.size() ? outputs.get(f) : input;
            if (txt) {
                Files.writeString(Path.of(base + ".txt"), text + "\n", StandardCharsets.UTF_8);
                ERR.println("output_txt: saving output to '" + base + ".txt'");
            }
            if (json) {
                Files.writeString(Path.of(base + ".json"), "{\"result\": {\"language\": \"" + lang
                        + "\"}, \"transcription\": [{\"text\": \" " + text.replace("\"", "\\\"") + "\"}]}\n");
                ERR.println("output_json: saving output to '" + base + ".json'");
            }
        }
        if (!noPrints) {
            ERR.println("whisper_print_timings:    total time =   123.45 ms");
        }
    }

    private static String transcript(String language) {
        String text = System.getenv("FAKE_WHISPER_TEXT_" + language.toUpperCase(Locale.ROOT));
        return text != null ? text : "(no transcript for " + language + ")";
    }

    private static void usage() {
        ERR.println();
        ERR.println("usage: whisper-cli [options] file0 file1 ...");
        ERR.println("  -l LANG,   --language LANG     [en     ] spoken language ('auto' for auto-detect)");
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
