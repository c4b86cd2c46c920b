package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * pocketsphinx, the embedded default recogniser: {@code pocketsphinx_continuous -infile x.wav
 * -logfn /dev/null} on a temporary 16 kHz mono WAV, one process per utterance; it prints one
 * line per stretch of speech it found. Debian ships the US English model only, so with Crafty
 * set to German it still runs but its status says it understands English only. Thread-safe.
 */
public final class PocketsphinxSpeechToText implements SpeechToText {
    private static final Logger LOGGER = Logger.getLogger(PocketsphinxSpeechToText.class.getName());
    private static final String NAME = "pocketsphinx";
    /** Where Debian's pocketsphinx-en-us package puts the acoustic model. */
    public static final Path DEBIAN_MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");

    private final ProcessPool pool;
    private final Path bin;
    private final String language;
    private final List<String> modelArgs;
    private final Path modelDir;
    private final Duration timeout;
    private final Path tempDir;
    private final Map<String, Object> notes;
    private volatile String lastError;
    private volatile boolean closed;

    /**
     * Creates the engine.
     *
     * @param bin       the {@code pocketsphinx_continuous} executable
     * @param language  the language Crafty listens in
     * @param hmm       acoustic model directory, or {@code null} for the built-in default
     * @param lm        language model file, or {@code null}
     * @param dict      pronunciation dictionary, or {@code null}
     * @param timeout   longest time one utterance may take
     * @param tempDir   where the temporary WAV goes
     * @param notes     extra facts for the status
     */
    public PocketsphinxSpeechToText(Path bin, String language, Path hmm, Path lm, Path dict, Duration timeout,
                                    Path tempDir, Map<String, Object> notes) {
        this(bin, language, hmm, lm, dict, timeout, tempDir, notes, ProcessPool.defaultSize());
    }

    /**
     * Creates the engine with a bounded number of processes.
     *
     * @param bin       the pocketsphinx_continuous executable
     * @param language  the configured language (pocketsphinx understands English only)
     * @param hmm       acoustic model directory, or {@code null} for the default
     * @param lm        language model, or {@code null}
     * @param dict      dictionary, or {@code null}
     * @param timeout   longest time one utterance may take, waiting for a process included
     * @param tempDir   where utterances are written for the recogniser
     * @param notes     extra facts for the status
     * @param processes recognisers allowed at once; more utterances wait their turn
     */
    public PocketsphinxSpeechToText(Path bin, String language, Path hmm, Path lm, Path dict, Duration timeout,
                                    Path tempDir, Map<String, Object> notes, int processes) {
        this.pool = new ProcessPool(NAME, processes);
        this.bin = bin;
        this.language = language;
        this.timeout = timeout;
        this.tempDir = tempDir;
        this.notes = Map.copyOf(notes);
        this.modelDir = hmm != null ? hmm : DEBIAN_MODEL;
        List<String> args = new ArrayList<>();
        if (hmm != null) {
            args.addAll(List.of("-hmm", hmm.toString()));
        }
        if (lm != null) {
            args.addAll(List.of("-lm", lm.toString()));
        }
        if (dict != null) {
            args.addAll(List.of("-dict", dict.toString()));
        }
        this.modelArgs = List.copyOf(args);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supportsLanguage(String lang) {
        return "en".equalsIgnoreCase(lang);
    }

    @Override
    public String transcribe(byte[] pcm16kMono, Cancellation cancel) throws EngineException {
        PcmFormat.MONO_16K.requireWholeFrames(pcm16kMono.length);
        cancel.throwIfCancelled();
        if (closed) {
            throw fail(ErrorCode.STT_UNAVAILABLE, "engine closed");
        }
        if (pcm16kMono.length == 0) {
            return "";
        }
        try (TempAudio audio = TempAudio.write(tempDir, pcm16kMono)) {
            List<String> command = new ArrayList<>(List.of(bin.toString(), "-infile", audio.wav().toString(),
                                                           "-logfn", "/dev/null"));
            command.addAll(modelArgs);
            return run(command, cancel);
        } catch (IOException e) {
            throw fail(ErrorCode.STT_FAILED, "cannot write the utterance: " + e.getMessage());
        }
    }

    private String run(List<String> command, Cancellation cancel) throws EngineException {
        OneShotProcess process;
        try {
            process = OneShotProcess.start(NAME, command, timeout, cancel, LOGGER, OutputCap.TEXT, pool);
        } catch (IOException e) {
            throw fail(ErrorCode.STT_UNAVAILABLE, "cannot start " + bin + ": " + e.getMessage());
        }
        try (process) {
            process.feed(new byte[0]);
            String out = new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            cancel.throwIfCancelled();
            if (process.timedOut()) {
                throw fail(ErrorCode.STT_TIMEOUT, "pocketsphinx took longer than " + timeout.toMillis() + " ms");
            }
            if (exit != 0) {
                throw fail(ErrorCode.STT_FAILED, "pocketsphinx exited with status " + exit + " "
                                                 + process.stderrTail());
            }
            lastError = null;
            return String.join(" ", out.strip().split("\\s*\\R\\s*")).strip();
        } catch (IOException e) {
            cancel.throwIfCancelled();
            throw fail(process.timedOut() ? ErrorCode.STT_TIMEOUT : ErrorCode.STT_FAILED,
                       "reading pocketsphinx failed: " + e.getMessage());
        }
    }

    private EngineException fail(ErrorCode kind, String message) {
        lastError = message;
        return new EngineException(kind, NAME, message, null);
    }

    @Override
    public EngineStatus status() {
        boolean installed = Files.isExecutable(bin);
        boolean model = Files.isDirectory(modelDir);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sampleRate", PcmFormat.MONO_16K.sampleRate());
        detail.put("language", language);
        detail.put("understands", "en");
        if (!supportsLanguage(language)) {
            detail.put("note", "pocketsphinx understands English only; Crafty is set to '" + language
                               + "'. Configure whisper.cpp (WHISPER_URL or WHISPER_BIN + WHISPER_MODEL) for it.");
        }
        detail.putAll(notes);
        String error = closed ? "engine closed" : !installed ? "not executable: " + bin
                : !model ? "acoustic model missing: " + modelDir + " (install pocketsphinx-en-us)" : lastError;
        return new EngineStatus(NAME, installed && model && !closed, bin.toString(), modelDir.toString(), model, error,
                                Instant.now(), detail);
    }

    @Override
    public void close() {
        closed = true;
    }
}
