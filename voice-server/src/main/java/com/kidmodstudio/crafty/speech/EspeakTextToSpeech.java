package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.audio.InvalidAudioException;
import com.kidmodstudio.crafty.audio.PcmFormat;
import com.kidmodstudio.crafty.audio.Resampler;
import com.kidmodstudio.crafty.audio.WavReader;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.text.SpeakableText;

/**
 * espeak-ng, the embedded default voice: one process per utterance (it starts in a few
 * milliseconds), the text on stdin, WAV on stdout parsed as it arrives so the first PCM block
 * reaches the sink while espeak-ng is still speaking. Output is 22050 Hz mono; a voice with
 * another rate (MBROLA voices speak at 16 kHz) is resampled to it. Thread-safe.
 */
public final class EspeakTextToSpeech implements TextToSpeech {
    /** The rate espeak-ng's own voices speak at. */
    public static final PcmFormat FORMAT = PcmFormat.mono(22_050);

    private static final Logger LOGGER = Logger.getLogger(EspeakTextToSpeech.class.getName());
    private static final String NAME = "espeak-ng";
    private static final int BLOCK_BYTES = 4410;
    /** Most WAV bytes one utterance may produce: 64 MiB, about 25 minutes at 22 kHz; past it espeak-ng is stopped. */
    private static final long MAX_AUDIO_BYTES = 64L << 20;

    private final Path bin;
    private final String voice;
    private final int speed;
    private final int pitch;
    private final Duration timeout;
    private final Map<String, Object> notes;
    private final ProcessPool pool;
    private volatile String lastError;
    private volatile boolean closed;

    /**
     * Creates the engine.
     *
     * @param bin     the espeak-ng executable
     * @param voice   espeak-ng voice, e.g. {@code de} or {@code en-us}
     * @param speed   words per minute, 80 to 450
     * @param pitch   0 to 99, 50 is the voice's own
     * @param timeout longest time one utterance may take
     * @param notes   extra facts for the status, e.g. why this is a fallback
     */
    public EspeakTextToSpeech(Path bin, String voice, int speed, int pitch, Duration timeout, Map<String, Object> notes) {
        this(bin, voice, speed, pitch, timeout, notes, ProcessPool.defaultSize());
    }

    /**
     * Creates the engine with a bounded number of processes.
     *
     * @param bin       the espeak-ng executable
     * @param voice     espeak-ng voice, e.g. {@code de} or {@code en-us}
     * @param speed     words per minute, 80 to 450
     * @param pitch     0 to 99, 50 is the voice's own
     * @param timeout   longest time one utterance may take, waiting for a process included
     * @param notes     extra facts for the status, e.g. why this is a fallback
     * @param processes espeak-ng processes allowed at once; more utterances wait their turn
     */
    public EspeakTextToSpeech(Path bin, String voice, int speed, int pitch, Duration timeout, Map<String, Object> notes,
                              int processes) {
        this.pool = new ProcessPool(NAME, processes);
        this.bin = bin;
        this.voice = voice;
        this.speed = speed;
        this.pitch = pitch;
        this.timeout = timeout;
        this.notes = Map.copyOf(notes);
    }

    @Override
    public PcmFormat format() {
        return FORMAT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void synthesize(String text, Consumer<byte[]> pcmSink, Cancellation cancel) throws EngineException {
        cancel.throwIfCancelled();
        if (closed) {
            throw new EngineException(ErrorCode.TTS_UNAVAILABLE, NAME, "engine closed", null);
        }
        String spoken = SpeakableText.clean(text);
        if (spoken.isEmpty()) {
            return;
        }
        List<String> command = List.of(bin.toString(), "-v", voice, "-s", Integer.toString(speed),
                                       "-p", Integer.toString(pitch), "-b", "1", "--stdin", "--stdout");
        OneShotProcess process;
        try {
            process = OneShotProcess.start(NAME, command, timeout, cancel, LOGGER, MAX_AUDIO_BYTES, pool);
        } catch (IOException e) {
            throw fail(ErrorCode.TTS_UNAVAILABLE, "cannot start " + bin + ": " + e.getMessage(), e);
        }
        try (process) {
            process.feed(spoken.getBytes(StandardCharsets.UTF_8));
            stream(process, pcmSink);
            int exit = process.waitFor();
            cancel.throwIfCancelled();
            if (process.timedOut()) {
                throw fail(ErrorCode.TTS_TIMEOUT, "espeak-ng took longer than " + timeout.toMillis() + " ms", null);
            }
            if (exit != 0) {
                throw fail(ErrorCode.TTS_FAILED, "espeak-ng exited with status " + exit + ": "
                                                 + process.stderrTail(), null);
            }
            lastError = null;
        } catch (IOException | InvalidAudioException e) {
            cancel.throwIfCancelled();
            if (process.timedOut()) {
                throw fail(ErrorCode.TTS_TIMEOUT, "espeak-ng took longer than " + timeout.toMillis() + " ms", e);
            }
            throw fail(ErrorCode.TTS_FAILED, "unusable output from espeak-ng: " + e.getMessage()
                                             + " " + process.stderrTail(), e);
        }
    }

    private void stream(OneShotProcess process, Consumer<byte[]> pcmSink) throws IOException {
        WavReader reader = WavReader.open(process.stdout());
        Resampler resampler = reader.format().equals(FORMAT) ? null : new Resampler(reader.format(), FORMAT.sampleRate());
        for (byte[] block = reader.read(BLOCK_BYTES); block != null; block = reader.read(BLOCK_BYTES)) {
            deliver(resampler == null ? block : resampler.process(block), pcmSink);
        }
        if (resampler != null) {
            deliver(resampler.flush(), pcmSink);
        }
    }

    private static void deliver(byte[] pcm, Consumer<byte[]> pcmSink) {
        if (pcm.length > 0) {
            pcmSink.accept(pcm);
        }
    }

    private EngineException fail(ErrorCode kind, String message, Throwable cause) {
        lastError = message;
        return new EngineException(kind, NAME, message, cause);
    }

    @Override
    public EngineStatus status() {
        boolean installed = Files.isExecutable(bin);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sampleRate", FORMAT.sampleRate());
        detail.put("speed", speed);
        detail.putAll(notes);
        String error = closed ? "engine closed" : installed ? lastError : "not executable: " + bin;
        return new EngineStatus(NAME, installed && !closed, bin.toString(), voice, null, error, Instant.now(), detail);
    }

    @Override
    public void close() {
        closed = true;
    }
}
