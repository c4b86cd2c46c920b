package com.kidmodstudio.crafty.speech;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TinyPiperVoice;
import com.kidmodstudio.crafty.testing.TinyWhisperModel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * whisper-jni and piper-jni run tiny but valid models for real ({@link TinyWhisperModel},
 * {@link TinyPiperVoice}): the native code loads them once, serves many turns and concurrent
 * turns one after the other on the model's thread, and closing frees the model.
 */
class TinyModelsTest {
    private static final Duration LOAD = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void whisper_loads_a_tiny_model_once_and_transcribes_turn_after_turn() throws Exception {
        Path model = TinyWhisperModel.write(dir.resolve("ggml-tiny-test.bin"));
        byte[] speech = Speech.pcm16k(Speech.FRONT_CENTER);
        WhisperJniSpeechToText stt = new WhisperJniSpeechToText(Natives.dir(), model, "de", 1, LOAD, LOAD, Map.of());
        try {
            assertThat(stt.awaitLoaded(LOAD), is(true));
            assertThat(stt.status().available(), is(true));
            assertThat(stt.supportsLanguage("de"), is(true));
            for (int turn = 0; turn < 3; turn++) {
                assertThat(stt.transcribe(speech, new Cancellation()), is(TinyWhisperModel.WORD));
            }
            ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<String>> together = new ArrayList<>();
            for (int turn = 0; turn < 4; turn++) {
                together.add(turns.submit(() -> stt.transcribe(speech, new Cancellation())));
            }
            for (Future<String> result : together) {
                assertThat(result.get(), is(TinyWhisperModel.WORD));
            }
            turns.shutdown();
            assertThat(stt.loads(), is(1));
        } finally {
            stt.close();
        }
        assertThat(stt.status().detail().get("state"), is("closed"));
        EngineException closed = assertThrows(EngineException.class, () -> stt.transcribe(speech, new Cancellation()));
        assertThat(closed.code().wire(), is("stt_unavailable"));
    }

    @Test
    void piper_loads_a_tiny_voice_once_and_speaks_turn_after_turn() throws Exception {
        PiperVoice voice = PiperVoice.load(TinyPiperVoice.write(dir.resolve("de_DE-test-x_low.onnx")), null);
        PiperJniTextToSpeech tts = new PiperJniTextToSpeech(Natives.dir(), voice, -1, LOAD, LOAD, Map.of());
        try {
            assertThat(tts.awaitLoaded(LOAD), is(true));
            assertThat(tts.status().available(), is(true));
            for (int turn = 0; turn < 3; turn++) {
                assertThat(loudest(speak(tts, "Hallo, ich bin Crafty.")), greaterThan(1000));
            }
            ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<byte[]>> together = new ArrayList<>();
            for (int turn = 0; turn < 4; turn++) {
                together.add(turns.submit(() -> speak(tts, "Wir bauen ein Haus.")));
            }
            byte[] first = together.getFirst().get();
            for (Future<byte[]> result : together) {
                assertThat("the same text gives the same audio", result.get(), is(first));
            }
            turns.shutdown();
            assertThat(tts.loads(), is(1));
        } finally {
            tts.close();
        }
        assertThat(tts.status().detail().get("state"), is("closed"));
        EngineException closed = assertThrows(EngineException.class, () -> speak(tts, "Hallo"));
        assertThat(closed.code().wire(), is("tts_unavailable"));
    }

    private static byte[] speak(PiperJniTextToSpeech tts, String text) throws EngineException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        tts.synthesize(text, pcm::writeBytes, new Cancellation());
        return pcm.toByteArray();
    }

    private static int loudest(byte[] pcm) {
        int loudest = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            loudest = Math.max(loudest, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        return loudest;
    }
}
