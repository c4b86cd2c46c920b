package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Resampler;
import com.kidmodstudio.crafty.audio.Wav;
import com.kidmodstudio.crafty.engine.Brief;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineEvents;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.text.SentenceSplitter;
import com.kidmodstudio.crafty.text.SpeakableText;

/**
 * Piper, the production voice, kept warm: one long-lived {@code piper --json-input} process
 * per voice ({@link ManagedProcess}) loads the model once; every sentence is one JSON line
 * {@code {"text": …, "output_file": …}} on its stdin, and the path Piper prints on stdout says
 * the WAV is complete. A text is split into sentences ({@link SentenceSplitter}) so the first
 * sentence's audio reaches the sink while Piper works on the next. Output files live in a
 * private temporary directory that is emptied before every process start and removed on close.
 * Thread-safe; concurrent callers take turns sentence by sentence.
 */
public final class PiperTextToSpeech implements TextToSpeech {
    private static final Logger LOGGER = Logger.getLogger(PiperTextToSpeech.class.getName());
    private static final String NAME = "piper";

    private final Path bin;
    private final PiperVoice voice;
    private final PcmFormat format;
    private final double lengthScale;
    private final Duration timeout;
    private final Path tempRoot;
    private final Map<String, Object> notes;
    private final ManagedProcess process;
    private final AtomicLong utterances = new AtomicLong();
    private volatile Path outputDir;
    private volatile String lastError;
    private volatile boolean closed;

    /**
     * Creates the engine; the process starts with the first utterance or {@link #warmUp()}.
     *
     * @param bin             the piper executable
     * @param voice           the voice and its config
     * @param lengthScale     Piper's {@code --length_scale}: above 1 speaks slower
     * @param sentenceSilence seconds of silence Piper adds after each sentence
     * @param speakerId       {@code --speaker} id, or -1 for the voice's default
     * @param timeout         longest time one sentence may take, model load included
     * @param tempRoot        where the private output directory is created
     * @param notes           extra facts for the status
     * @param events          where the process's starts, crashes and restarts are reported
     */
    public PiperTextToSpeech(Path bin, PiperVoice voice, double lengthScale, double sentenceSilence, int speakerId,
                             Duration timeout, Path tempRoot, Map<String, Object> notes, EngineEvents events) {
        this.bin = bin;
        this.voice = voice;
        this.format = PcmFormat.mono(voice.sampleRate());
        this.lengthScale = lengthScale;
        this.timeout = timeout;
        this.tempRoot = tempRoot;
        this.notes = Map.copyOf(notes);
        List<String> command = new ArrayList<>(List.of(
                bin.toString(), "--model", voice.model().toString(), "--config", voice.config().toString(),
                "--output_dir", outputDir().toString(), "--json-input",
                "--length_scale", String.format(Locale.ROOT, "%.3f", lengthScale),
                "--sentence_silence", String.format(Locale.ROOT, "%.3f", sentenceSilence)));
        if (speakerId >= 0) {
            command.addAll(List.of("--speaker", Integer.toString(speakerId)));
        }
        this.process = new ManagedProcess(NAME, command, Duration.ofSeconds(2), this::clearOutputDir, events);
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void synthesize(String text, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> sentences = new ArrayList<>(splitter.add(text == null ? "" : text));
        splitter.finish().ifPresent(sentences::add);
        for (String sentence : sentences) {
            String spoken = SpeakableText.clean(sentence);
            if (!spoken.isEmpty()) {
                speak(spoken, pcmSink, cancel);
            }
        }
    }

    private void speak(String spoken, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException {
        Path file = outputDir().resolve("utterance-" + utterances.incrementAndGet() + ".wav");
        String reply;
        try {
            reply = process.request(requestLine(spoken, file), timeout, cancel, late -> deleteQuietly(file));
        } catch (ProcessFailure failure) {
            deleteQuietly(file);
            throw fail(failure);
        }
        try {
            if (!reply.strip().equals(file.toString())) {
                process.kill("unexpected output instead of " + file.getFileName());
                throw fail(ErrorCode.TTS_FAILED, "unexpected output from piper: " + abbreviate(reply), null);
            }
            Wav wav = Wav.parse(Files.readAllBytes(file));
            byte[] pcm = wav.format().equals(format) ? wav.pcm() : Resampler.convert(wav.pcm(), wav.format(), format);
            for (int at = 0, block = format.bytesFor(100); at < pcm.length; at += block) {
                cancel.throwIfCancelled();
                pcmSink.accept(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + block)));
            }
            lastError = null;
        } catch (IOException | InvalidAudioException e) {
            throw fail(ErrorCode.TTS_FAILED, "unusable WAV from piper: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** One line of Piper's {@code --json-input}: the text and the WAV file to write it to. */
    private record PiperLine(String text, @JsonProperty("output_file") String outputFile) {
    }

    private static String requestLine(String text, Path file) {
        return Json.write(new PiperLine(text, file.toString()));
    }

    @Override
    public void warmUp() {
        try {
            synthesize("Ok.", pcm -> { }, new Cancellation());
        } catch (EngineException e) {
            LOGGER.log(Level.WARNING, "Piper warm-up failed: " + e.getMessage());
        }
    }

    @Override
    public EngineStatus status() {
        boolean installed = Files.isExecutable(bin);
        boolean model = Files.isReadable(voice.model());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sampleRate", format.sampleRate());
        detail.put("voiceLanguage", voice.language());
        detail.put("lengthScale", lengthScale);
        detail.put("processRunning", process.pid().isPresent());
        process.pid().ifPresent(pid -> detail.put("pid", pid));
        detail.put("processStarts", process.starts());
        detail.putAll(notes);
        String error = closed ? "engine closed" : !installed ? "not executable: " + bin
                : !model ? "voice model missing: " + voice.model() : lastError;
        return new EngineStatus(NAME, installed && model && !closed, bin.toString(), voice.model().toString(), model,
                                error, Instant.now(), detail);
    }

    /** Stops the Piper process politely and removes the output directory. */
    @Override
    public void close() {
        closed = true;
        process.close();
        clearOutputDir();
        Path dir = outputDir;
        if (dir != null) {
            deleteQuietly(dir);
        }
    }

    private EngineException fail(ProcessFailure failure) {
        ErrorCode kind = switch (failure.kind()) {
            case START, CLOSED -> ErrorCode.TTS_UNAVAILABLE;
            case TIMEOUT -> ErrorCode.TTS_TIMEOUT;
            case EXIT -> ErrorCode.TTS_FAILED;
        };
        return fail(kind, failure.getMessage(), failure);
    }

    private EngineException fail(ErrorCode kind, String message, Throwable cause) {
        lastError = message;
        return new EngineException(kind, NAME, message, cause);
    }

    private synchronized Path outputDir() {
        if (outputDir == null) {
            try {
                Files.createDirectories(tempRoot);
                outputDir = Files.createTempDirectory(tempRoot, "crafty-piper-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Piper's output directory in " + tempRoot, e);
            }
        }
        return outputDir;
    }

    private void clearOutputDir() {
        Path dir = outputDir;
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(PiperTextToSpeech::deleteQuietly);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot list " + dir, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot delete " + path, e);
        }
    }

    private static String abbreviate(String s) {
        return Brief.text(s.replaceAll("\\p{Cntrl}", "?"), 80);
    }
}
