package com.kidmodstudio.crafty.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.EngineEvents;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

/**
 * Choosing again when the model manager installs or deletes a model ({@link ModelsChanged}):
 * the routes keep the same objects, the engine behind them changes, and an engine that is
 * replaced is closed only after its running request.
 */
class SpeechEnginesTest {
    @TempDir
    Path models;

    private SpeechEngines engines() {
        Map<String, String> values = new HashMap<>();
        values.put("models.dir", models.toString());
        values.put("speech.natives", Natives.dir().toString());
        return SpeechEngines.create(Config.just(ConfigSources.create(values)), "de", EngineEvents.NONE);
    }

    @Test
    void installing_and_deleting_models_switches_the_engines_behind_the_same_objects() throws Exception {
        try (SpeechEngines engines = engines()) {
            SpeechToText stt = engines.stt();
            TextToSpeech tts = engines.tts();
            assertThat(stt.name(), is("pocketsphinx"));
            assertThat(tts.name(), is("espeak-ng"));

            Natives.foreignGgml(models.resolve("ggml-base.bin"));
            Natives.voiceConfig(Natives.garbage(models.resolve("de_DE-thorsten-medium.onnx")));
            engines.chooseAgain();
            assertThat(engines.stt(), sameInstance(stt));
            assertThat(engines.tts(), sameInstance(tts));
            assertThat(stt.name(), is("whisper-jni"));
            assertThat(tts.name(), is("piper-jni"));
            assertThat(stt.status().model(), is("ggml-base.bin"));

            Files.delete(models.resolve("ggml-base.bin"));
            Files.delete(models.resolve("de_DE-thorsten-medium.onnx"));
            engines.chooseAgain();
            assertThat(stt.name(), is("pocketsphinx"));
            assertThat(tts.name(), is("espeak-ng"));
        }
    }

    /** An engine whose close is recorded. */
    private static final class Closable implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void a_replaced_engine_is_closed_after_its_running_request_and_new_requests_go_to_the_new_one() throws Exception {
        Closable old = new Closable();
        Closable next = new Closable();
        Switchable<Closable> role = new Switchable<>(old);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread request = Thread.ofVirtual().start(() -> {
            try {
                role.use(engine -> {
                    running.countDown();
                    try {
                        finish.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return engine;
                });
            } catch (EngineException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS), is(true));
        role.replace(next);
        assertThat("the running request keeps its engine", old.closed.get(), is(false));
        assertThat(role.use(engine -> engine), sameInstance(next));
        finish.countDown();
        request.join(5_000);
        assertThat(old.closed.get(), is(true));
        role.close();
        assertThat(next.closed.get(), is(true));
    }
}
