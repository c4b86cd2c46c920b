package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * {@code whisper-cli} per utterance: {@code -m model -f x.wav -l lang -t N -nt -np -otxt -of x};
 * the text is read from {@code x.txt}, which only exists when transcription succeeded (an
 * unreadable file or unknown language makes whisper-cli exit 0 without it). One run at a time:
 * whisper uses every core it is given.
 */
final class WhisperCli implements WhisperCppSpeechToText.Transport {
    private static final Logger LOGGER = Logger.getLogger(WhisperCli.class.getName());

    private final Path bin;
    private final Path model;
    private final String language;
    private final int threads;
    private final Duration timeout;
    private final Path tempDir;
    private final Map<String, Object> notes;
    private final Semaphore oneAtATime = new Semaphore(1, true);
    private volatile String lastError;
    private volatile boolean closed;

    WhisperCli(Path bin, Path model, String language, int threads, Duration timeout, Path tempDir,
               Map<String, Object> notes) {
        this.bin = bin;
        this.model = model;
        this.language = language;
        this.threads = threads;
        this.timeout = timeout;
        this.tempDir = tempDir;
        this.notes = Map.copyOf(notes);
    }

    @Override
    public String transcribe(byte[] pcm, Cancellation cancel) throws EngineException {
        if (closed) {
            throw fail(ErrorCode.STT_UNAVAILABLE, "engine closed");
        }
        acquire(cancel);
        try (TempAudio audio = TempAudio.write(tempDir, pcm)) {
            List<String> command = List.of(bin.toString(), "-m", model.toString(), "-f", audio.wav().toString(),
                                           "-l", language, "-t", Integer.toString(threads), "-nt", "-np",
                                           "-otxt", "-of", audio.base().toString());
            Path txt = Path.of(audio.base() + ".txt");
            run(command, txt, cancel);
            lastError = null;
            return Files.readString(txt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fail(ErrorCode.STT_FAILED, "whisper-cli I/O failed: " + e.getMessage());
        } finally {
            oneAtATime.release();
        }
    }

    private void run(List<String> command, Path txt, Cancellation cancel) throws EngineException, IOException {
        OneShotProcess process;
        try {
            process = OneShotProcess.start(WhisperCppSpeechToText.NAME, command, timeout, cancel, LOGGER);
        } catch (IOException e) {
            throw fail(ErrorCode.STT_UNAVAILABLE, "cannot start " + bin + ": " + e.getMessage());
        }
        try (process) {
            process.feed(new byte[0]);
            process.stdout().transferTo(OutputStream.nullOutputStream());
            int exit = process.waitFor();
            cancel.throwIfCancelled();
            if (process.timedOut()) {
                throw fail(ErrorCode.STT_TIMEOUT, "whisper-cli took longer than " + timeout.toMillis() + " ms");
            }
            if (exit != 0) {
                throw fail(ErrorCode.STT_FAILED, "whisper-cli exited with status " + exit + " "
                                                 + process.stderrTail());
            }
            if (!Files.exists(txt)) {
                throw fail(ErrorCode.STT_FAILED, "whisper-cli wrote no transcript " + process.stderrTail());
            }
        }
    }

    private void acquire(Cancellation cancel) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!oneAtATime.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
                if (System.nanoTime() > deadline) {
                    throw fail(ErrorCode.STT_TIMEOUT, "whisper-cli stayed busy with other utterances");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
    }

    private EngineException fail(ErrorCode kind, String message) {
        lastError = message.strip();
        return new EngineException(kind, WhisperCppSpeechToText.NAME, lastError, null);
    }

    @Override
    public EngineStatus status() {
        boolean installed = Files.isExecutable(bin);
        boolean present = Files.isReadable(model);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("mode", "cli");
        detail.put("sampleRate", 16_000);
        detail.put("language", language);
        detail.put("threads", threads);
        detail.putAll(notes);
        String error = closed ? "engine closed" : !installed ? "not executable: " + bin
                : !present ? "model missing: " + model : lastError;
        return new EngineStatus(WhisperCppSpeechToText.NAME, installed && present && !closed, bin.toString(),
                                model.toString(), present, error, Instant.now(), detail);
    }

    @Override
    public void close() {
        closed = true;
    }
}
