package com.kidmodstudio.crafty.fakes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Wav;

/**
 * The fake {@code piper} executable; see {@link FakePiper} for what it implements. Behaves
 * like Piper's {@code main.cpp}: logs to stderr, reads stdin line by line until it ends, and
 * aborts (status 134, "terminate called after throwing …") on a missing model or bad JSON.
 * Like Piper, {@code --output_raw} streams: each sentence of a line is written to stdout as soon
 * as it is synthesised (Piper's audio callback runs per sentence), not the whole line at once.
 * A model given by name rather than path ({@code --model de_DE-thorsten-high}) is looked up as
 * {@code <name>.onnx} in the {@code --data-dir}s, the working directory by default, as the
 * {@code piper} of piper-tts does.
 */
public final class FakePiperCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream ERR = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    private enum Output { FILE, DIRECTORY, STDOUT, RAW }

    private FakePiperCli() {
    }

    /**
     * Runs the fake.
     *
     * @param args Piper's command line
     * @throws Exception never on purpose
     */
    public static void main(String[] args) throws Exception {
        Path model = null;
        Path config = null;
        Output output = Output.DIRECTORY;
        Path outputPath = Path.of(".");
        boolean json = false;
        int speaker = 0;
        double lengthScale = 1.0;
        double silence = 0.2;
        List<Path> dataDirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-m", "--model" -> model = Path.of(args[++i]);
                case "-c", "--config" -> config = Path.of(args[++i]);
                case "-f", "--output_file", "--output-file" -> {
                    String f = args[++i];
                    output = "-".equals(f) ? Output.STDOUT : Output.FILE;
                    outputPath = "-".equals(f) ? null : Path.of(f);
                }
                case "-d", "--output_dir", "output-dir" -> {
                    output = Output.DIRECTORY;
                    outputPath = Path.of(args[++i]);
                }
                case "--output_raw", "--output-raw" -> output = Output.RAW;
                case "-s", "--speaker" -> speaker = Integer.parseInt(args[++i]);
                case "--length_scale", "--length-scale" -> lengthScale = Double.parseDouble(args[++i]);
                case "--sentence_silence", "--sentence-silence" -> silence = Double.parseDouble(args[++i]);
                case "--noise_scale", "--noise-scale", "--noise_w", "--noise-w", "--espeak_data", "--espeak-data",
                     "--tashkeel_model", "--tashkeel-model" -> i++;
                case "--data_dir", "--data-dir" -> dataDirs.add(Path.of(args[++i]));
                case "--json_input", "--json-input" -> json = true;
                case "--version" -> {
                    System.out.println("1.2.0");
                    return;
                }
                case "-h", "--help" -> {
                    ERR.println("usage: piper [options]");
                    return;
                }
                default -> { }
            }
        }
        log("start " + String.join(" ", args));
        if (model != null && !Files.isRegularFile(model)) {
            model = byName(model.toString(), dataDirs.isEmpty() ? List.of(Path.of(".")) : dataDirs, model);
        }
        if (model == null || !Files.isRegularFile(model)) {
            abort("std::runtime_error", "Model file doesn't exist");
        }
        Path configPath = config != null ? config : Path.of(model + ".json");
        if (!Files.isRegularFile(configPath)) {
            abort("std::runtime_error", "Model config doesn't exist");
        }
        JsonNode voiceConfig = JSON.readTree(Files.readString(configPath));
        int rate = voiceConfig.path("audio").path("sample_rate").asInt(22_050);

        sleep(env("FAKE_PIPER_LOAD_MS", 300));
        String failure = System.getenv().getOrDefault("FAKE_PIPER_FAIL", "NONE");
        if ("EXIT_AT_START".equals(failure)) {
            ERR.println("[piper] [error] Failed to load voice: Load model from " + model + " failed: Protobuf parsing failed.");
            System.exit(1);
        }
        ERR.println("[piper] [info] Loaded voice in " + env("FAKE_PIPER_LOAD_MS", 300) / 1000.0 + " second(s)");
        if (output == Output.DIRECTORY) {
            outputPath = outputPath.toAbsolutePath();
            ERR.println("[piper] [info] Output directory: " + outputPath);
        }

        int failAfter = env("FAKE_PIPER_FAIL_AFTER", 0);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int served = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String text = line;
            Path target = outputPath;
            Output type = output;
            int lineSpeaker = speaker;
            if (json) {
                JsonNode root = parse(line);
                if (!root.path("text").isTextual()) {
                    abort("nlohmann::json_abi_v3_11_2::detail::type_error", "[json.exception.type_error.302] type must be string, but is null");
                }
                text = root.get("text").asText();
                if (root.has("output_file")) {
                    type = Output.FILE;
                    target = Path.of(root.get("output_file").asText());
                }
                if (root.has("speaker_id")) {
                    lineSpeaker = root.get("speaker_id").asInt();
                } else if (root.has("speaker")) {
                    JsonNode id = voiceConfig.path("speaker_id_map").path(root.get("speaker").asText());
                    if (id.isInt()) {
                        lineSpeaker = id.asInt();
                    } else {
                        ERR.println("[piper] [warning] No speaker named: " + root.get("speaker").asText());
                    }
                }
            } else if (type == Output.FILE) {
                List<String> rest = new ArrayList<>(List.of(line));
                for (String more = in.readLine(); more != null; more = in.readLine()) {
                    rest.add(more);
                }
                text = String.join(" ", rest);
            }
            log("utterance " + text);
            if (served >= failAfter && !"NONE".equals(failure)) {
                switch (failure) {
                    case "CRASH" -> {
                        ERR.println("Segmentation fault (core dumped)");
                        Runtime.getRuntime().halt(139);
                    }
                    case "HANG" -> sleep(Integer.MAX_VALUE);
                    case "GARBAGE" -> {
                        out.println("\u0001\u0002 onnxruntime: [W:onnxruntime:, graph.cc] garbage");
                        continue;
                    }
                    case "BAD_WAV" -> {
                        Path file = target != null && type == Output.FILE ? target : outputPath.resolve(System.nanoTime() + ".wav");
                        Files.writeString(file, "this is not a wav file");
                        out.println(file);
                        continue;
                    }
                    default -> { }
                }
            }
            if (type != Output.RAW) {
                sleep((long) env("FAKE_PIPER_MS_PER_CHAR", 1) * text.length());
            }
            byte[] pcm = FakeAudio.speech(text, rate, 220 + 40 * lineSpeaker, lengthScale, silence);
            switch (type) {
                case DIRECTORY -> {
                    Path file = target.resolve(System.nanoTime() + ".wav");
                    Files.write(file, Wav.encode(PcmFormat.mono(rate), pcm));
                    out.println(file);
                }
                case FILE -> {
                    Files.write(target, Wav.encode(PcmFormat.mono(rate), pcm));
                    out.println(target);
                }
                case STDOUT -> writeRaw(Wav.encode(PcmFormat.mono(rate), pcm));
                case RAW -> streamRaw(text, rate, 220 + 40 * lineSpeaker, lengthScale, silence);
                default -> { }
            }
            served++;
            ERR.println("[piper] [info] Real-time factor: 0.05 (infer=0.01 sec, audio="
                        + pcm.length / 2.0 / rate + " sec)");
        }
    }

    /**
     * piper-tts's {@code find_voice}: {@code <name>.onnx} and {@code <name>.onnx.json} in the first
     * data directory that has both; the name as given when none has them (the model check fails).
     */
    private static Path byName(String name, List<Path> dataDirs, Path given) {
        for (Path dir : dataDirs) {
            Path onnx = dir.resolve(name + ".onnx");
            if (Files.isRegularFile(onnx) && Files.isRegularFile(Path.of(onnx + ".json"))) {
                return onnx;
            }
        }
        return given;
    }

    /**
     * {@code --output_raw}: synthesises the line sentence by sentence (a sentence ends at
     * {@code .}, {@code !} or {@code ?} before a space) and writes each one's audio as soon as it
     * is done, each with the sentence silence after it, as Piper's per-sentence callback does.
     */
    private static void streamRaw(String text, int rate, double hz, double lengthScale, double silence)
            throws IOException {
        int msPerChar = env("FAKE_PIPER_MS_PER_CHAR", 1);
        for (String sentence : text.strip().split("(?<=[.!?])\\s+")) {
            if (sentence.isBlank()) {
                continue;
            }
            sleep((long) msPerChar * sentence.length());
            writeRaw(FakeAudio.speech(sentence, rate, hz, lengthScale, silence));
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            abort("nlohmann::json_abi_v3_11_2::detail::parse_error",
                  "[json.exception.parse_error.101] parse error at line 1: syntax error while parsing value");
            return null;
        }
    }

    private static void writeRaw(byte[] bytes) throws IOException {
        OutputStream out = System.out;
        out.write(bytes);
        out.flush();
    }

    private static void abort(String type, String what) {
        ERR.println("terminate called after throwing an instance of '" + type + "'");
        ERR.println("  what():  " + what);
        Runtime.getRuntime().halt(134);
    }

    private static void log(String line) throws IOException {
        String path = System.getenv("FAKE_PIPER_LOG");
        if (path != null) {
            Files.writeString(Path.of(path), line.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
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
