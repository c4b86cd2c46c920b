package com.kidmodstudio.crafty.models;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.fakes.FakeOllamaPull;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.SetupMessages;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Ollama's pull against a fake that streams Ollama's real lines: progress summed over the
 * layers, the preload afterwards, an error after the first layer, and a pull the parent cancels.
 */
class OllamaPullTest {
    private static final String MODEL = "llama3.2:latest";

    private static OllamaPull pull(String url) {
        return new OllamaPull(URI.create(url), MODEL, "30m", Duration.ofSeconds(10));
    }

    private static OllamaSetup setup(FakeOllamaPull ollama) {
        OllamaPull pull = pull(ollama.url());
        EngineStatus checking = new EngineStatus("ollama", false, ollama.url(), MODEL, null, "not checked yet", Instant.now(), Map.of());
        HealthCache health = new HealthCache(() -> {
            boolean has = ollama.requests().stream().anyMatch(r -> r.startsWith("POST /api/pull"));
            return new EngineStatus("ollama", has, ollama.url(), MODEL, has, null, Instant.now(), Map.of());
        }, Duration.ZERO, Duration.ofSeconds(5), checking);
        return new OllamaSetup(pull, health);
    }

    @Test
    void pulls_layer_by_layer_then_loads_the_model() throws Exception {
        try (FakeOllamaPull ollama = new FakeOllamaPull()) {
            List<String> statuses = new CopyOnWriteArrayList<>();
            OllamaPull.Layers layers = new OllamaPull.Layers();
            List<long[]> sums = new CopyOnWriteArrayList<>();
            OllamaPull pull = pull(ollama.url());
            pull.pull(line -> {
                statuses.add(line.status());
                sums.add(layers.add(line));
            }, () -> false);
            pull.preload();

            assertThat(statuses.getFirst(), is("pulling manifest"));
            assertThat(statuses.subList(statuses.size() - 3, statuses.size()),
                       contains("verifying sha256 digest", "writing manifest", "success"));
            assertThat(layers.digests().size(), is(3));
            long[] end = sums.getLast();
            assertThat(end[0], is(end[1]));
            assertThat(end[1], is(2019377376L + 1429 + 7711));
            for (int i = 1; i < sums.size(); i++) {
                assertThat(sums.get(i)[0] >= sums.get(i - 1)[0], is(true));
            }
            assertThat(ollama.requests().get(0), is("POST /api/pull {\"model\":\"" + MODEL + "\",\"stream\":true}"));
            assertThat(ollama.requests().get(1),
                       is("POST /api/generate {\"model\":\"" + MODEL + "\",\"keep_alive\":\"30m\",\"stream\":false}"));
        }
    }

    @Test
    void an_error_after_the_first_layer_is_a_typed_error_and_nothing_is_loaded() throws Exception {
        try (FakeOllamaPull ollama = new FakeOllamaPull()
                .errorAfterFirstLayer("max retries exceeded: dial tcp: lookup registry.ollama.ai: no such host")) {
            List<String> statuses = new CopyOnWriteArrayList<>();
            ModelException e = assertThrows(ModelException.class, () -> pull(ollama.url()).pull(l -> statuses.add(l.status()), () -> false));
            assertThat(e.code(), is(ErrorCode.OFFLINE));
            assertThat(e.getMessage(), containsString("max retries exceeded"));
            assertThat(statuses.getLast().startsWith("pulling dde5aa3fc5ff"), is(true));
        }
        try (FakeOllamaPull ollama = new FakeOllamaPull().errorAfterFirstLayer("pull model manifest: file does not exist")) {
            assertThat(assertThrows(ModelException.class, () -> pull(ollama.url()).pull(l -> { }, () -> false)).code(),
                       is(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void the_setup_reports_progress_to_every_panel_and_ends_loaded() throws Exception {
        try (FakeOllamaPull ollama = new FakeOllamaPull()) {
            OllamaSetup setup = setup(ollama);
            BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
            setup.subscribe(messages::add);
            assertThat(setup.state(null).running(), is(true));
            assertThat(setup.state(null).installed(), is(false));

            setup.install().get(20, TimeUnit.SECONDS);
            List<Object> seen = new CopyOnWriteArrayList<>(messages);
            assertThat(((SetupMessages.OllamaProgress) seen.getFirst()).status(), is("pulling manifest"));
            assertThat(seen.stream().anyMatch(m -> m instanceof SetupMessages.OllamaProgress p && "loading".equals(p.status())),
                       is(true));
            assertThat(setup.state(null).installed(), is(true));
        }
    }

    @Test
    void a_pull_the_parent_cancels_ends_cancelled_without_loading() throws Exception {
        try (FakeOllamaPull ollama = new FakeOllamaPull().hold()) {
            OllamaSetup setup = setup(ollama);
            BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
            setup.subscribe(messages::add);
            CompletableFuture<Void> install = setup.install();
            Object first;
            do {
                first = messages.poll(20, TimeUnit.SECONDS);
            } while (!(first instanceof SetupMessages.OllamaProgress p && p.total() != null));

            assertThat(setup.cancel(), is(true));
            ExecutionException e = assertThrows(ExecutionException.class, () -> install.get(20, TimeUnit.SECONDS));
            assertThat(e.getCause(), instanceOf(CancellationException.class));
            assertThat(ollama.requests().stream().noneMatch(r -> r.startsWith("POST /api/generate")), is(true));
        }
    }

    @Test
    void an_ollama_that_is_not_running_is_llm_unreachable() {
        FakeOllamaPull gone = new FakeOllamaPull();
        gone.close();
        assertThat(assertThrows(ModelException.class, () -> pull(gone.url()).pull(l -> { }, () -> false)).code(),
                   is(ErrorCode.LLM_UNREACHABLE));
    }
}
