package com.kidmodstudio.crafty.llm;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakeScript;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaChatModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GERMAN = String.join("", FakeScript.GERMAN_REPLY);
    private static final LlmTimeouts QUICK =
            new LlmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));

    private static OllamaChatModel model(FakeOllama ollama, String model) {
        return new OllamaChatModel(URI.create(ollama.url()), model, "30m", LlmTimeouts.DEFAULTS);
    }

    private static OllamaChatModel model(FakeOllama ollama) {
        return model(ollama, "llama3.2:latest");
    }

    private static LlmException llmFailure(StreamRun run) throws Exception {
        Throwable failure = run.failure();
        assertThat(failure, instanceOf(LlmException.class));
        return (LlmException) failure;
    }

    @Test
    void streams_each_token_as_it_arrives() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Hal", "lo", "!", " Wie", " geht's?")
                .tokenDelay(Duration.ofMillis(80)).start()) {
            StreamRun run = StreamRun.start(model(ollama), "Hallo");
            assertEquals("Hallo! Wie geht's?", run.reply());
            assertEquals(List.of("Hal", "lo", "!", " Wie", " geht's?"), run.deltas());
            List<Long> written = ollama.tokenWrites();
            List<Long> arrived = run.arrivals();
            for (int i = 0; i < arrived.size(); i++) {
                long lagMs = (arrived.get(i) - written.get(i)) / 1_000_000;
                assertThat("token " + i + " reached onDelta late", lagMs, lessThan(50L));
                if (i + 1 < arrived.size()) {
                    assertTrue(arrived.get(i) < written.get(i + 1), "token " + i + " was held back until the next one");
                }
            }
        }
    }

    @Test
    void sends_history_and_keep_alive() throws Exception {
        List<ChatMessage> history = List.of(new ChatMessage(ChatMessage.SYSTEM, "Du bist Crafty."),
                                            new ChatMessage(ChatMessage.USER, "Hallo!"),
                                            new ChatMessage(ChatMessage.ASSISTANT, "Hallo! Was bauen wir?"),
                                            new ChatMessage(ChatMessage.USER, "Einen Würfel 🧊"));
        try (FakeOllama ollama = FakeOllama.builder().start()) {
            assertEquals(GERMAN, StreamRun.start(model(ollama), history).reply());
            assertEquals("POST", ollama.requests().getFirst().method());
            assertEquals("/api/chat", ollama.requests().getFirst().path());
            JsonNode body = JSON.readTree(ollama.requests().getFirst().body());
            assertEquals("llama3.2:latest", body.path("model").asText());
            assertTrue(body.path("stream").asBoolean());
            assertEquals("30m", body.path("keep_alive").asText());
            assertEquals(history, List.of(JSON.treeToValue(body.path("messages"), ChatMessage[].class)));
        }
    }

    @Test
    void keep_alive_in_seconds_is_sent_as_a_number() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Ja.").start()) {
            OllamaChatModel forever = new OllamaChatModel(URI.create(ollama.url()), "llama3.2", "-1", LlmTimeouts.DEFAULTS);
            assertEquals("Ja.", StreamRun.start(forever, "Bleib wach").reply());
            JsonNode keepAlive = JSON.readTree(ollama.requests().getFirst().body()).path("keep_alive");
            assertTrue(keepAlive.isIntegralNumber(), "keep_alive must be a JSON number, was " + keepAlive);
            assertEquals(-1, keepAlive.asInt());
        }
    }

    @Test
    void decodes_utf8_multibyte_char_split_across_chunks() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().splitUtf8().start()) {
            StreamRun run = StreamRun.start(model(ollama), "Erzähl was");
            assertEquals(GERMAN, run.reply());
            assertEquals(FakeScript.GERMAN_REPLY, run.deltas());
            assertThat(run.reply(), not(containsString("\uFFFD")));
        }
    }

    @Test
    void handles_crlf_line_endings() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().framingNoise().start()) {
            StreamRun run = StreamRun.start(model(ollama), "Hallo");
            assertEquals(GERMAN, run.reply());
            assertEquals(FakeScript.GERMAN_REPLY, run.deltas());
        }
    }

    @Test
    void should_propagate_streaming_error_after_partial_response() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().errorAfter(3, "model runner has unexpectedly stopped").start()) {
            StreamRun run = StreamRun.start(model(ollama), "Hallo");
            LlmException e = llmFailure(run);
            assertEquals(LlmException.Kind.ERROR, e.kind());
            assertThat(e.getMessage(), containsString("model runner has unexpectedly stopped"));
            assertThat(e.getMessage(), containsString("\"Hallo!\""));
            assertEquals(List.of("Hal", "lo", "!"), run.deltas());
        }
    }

    @Test
    void missing_model_is_model_missing_naming_the_model() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().models("llama3.2:latest").start()) {
            LlmException e = llmFailure(StreamRun.start(model(ollama, "mistral:7b"), "Hallo"));
            assertEquals(LlmException.Kind.MODEL_MISSING, e.kind());
            assertEquals("mistral:7b", e.model());
            assertThat(e.getMessage(), containsString("ollama pull mistral:7b"));
            assertThat(e.getMessage(), containsString("not found, try pulling it first"));
        }
    }

    @Test
    void model_without_tag_means_latest() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().models("llama3.2:latest").tokens("Ja").start()) {
            OllamaChatModel untagged = model(ollama, "llama3.2");
            assertEquals("Ja", StreamRun.start(untagged, "Hallo").reply());
            assertEquals(Boolean.TRUE, untagged.probe().modelPresent());
        }
    }

    @Test
    void server_errors_are_errors_with_the_server_text() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().failWith(500, "llama runner process has terminated: signal: killed").start()) {
            LlmException e = llmFailure(StreamRun.start(model(ollama), "Hallo"));
            assertEquals(LlmException.Kind.ERROR, e.kind());
            assertThat(e.getMessage(), containsString("HTTP 500"));
            assertThat(e.getMessage(), containsString("llama runner process has terminated: signal: killed"));
        }
    }

    @Test
    void a_404_page_without_an_ollama_error_is_an_error_not_a_missing_model() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().start()) {
            OllamaChatModel wrongPath = new OllamaChatModel(URI.create(ollama.url() + "/v2"), "llama3.2", "", LlmTimeouts.DEFAULTS);
            LlmException e = llmFailure(StreamRun.start(wrongPath, "Hallo"));
            assertEquals(LlmException.Kind.ERROR, e.kind());
            assertThat(e.getMessage(), containsString("404 page not found"));
        }
    }

    @Test
    void connection_refused_is_unreachable() throws Exception {
        OllamaChatModel nobody = new OllamaChatModel(URI.create("http://127.0.0.1:" + Ports.closed()), "llama3.2", "", LlmTimeouts.DEFAULTS);
        LlmException e = llmFailure(StreamRun.start(nobody, "Hallo"));
        assertEquals(LlmException.Kind.UNREACHABLE, e.kind());
        assertThat(e.getMessage(), containsString("connection refused"));
    }

    @Test
    void connection_dropped_mid_stream_is_unreachable() throws Exception {
        // The drop comes when the fifth token is due: the JDK's response stream discards bytes
        // still queued once it learns that the connection failed, so a drop in the same instant
        // as the last write could swallow that token.
        try (FakeOllama ollama = FakeOllama.builder().dropAfter(4).tokenDelay(Duration.ofMillis(30)).start()) {
            StreamRun run = StreamRun.start(model(ollama), "Hallo");
            LlmException e = llmFailure(run);
            assertEquals(LlmException.Kind.UNREACHABLE, e.kind());
            assertThat(e.getMessage(), containsString("connection lost mid-reply"));
            assertEquals(List.of("Hal", "lo", "!", " Ich"), run.deltas());
        }
    }

    @Test
    void slow_first_token_times_out() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().firstTokenDelay(Duration.ofSeconds(20)).start()) {
            OllamaChatModel model = new OllamaChatModel(URI.create(ollama.url()), "llama3.2", "", QUICK);
            long start = System.nanoTime();
            StreamRun run = StreamRun.start(model, "Hallo");
            LlmException e = llmFailure(run);
            long tookMs = (run.endedAt() - start) / 1_000_000;
            assertEquals(LlmException.Kind.TIMEOUT, e.kind());
            assertThat(e.getMessage(), containsString("no first token"));
            assertTrue(tookMs >= 300 && tookMs < 1500, "timed out after " + tookMs + " ms");
            assertTrue(ollama.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
        }
    }

    @Test
    void stalled_stream_times_out_on_idle() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokenDelay(Duration.ofSeconds(20)).start()) {
            OllamaChatModel model = new OllamaChatModel(URI.create(ollama.url()), "llama3.2", "", QUICK);
            StreamRun run = StreamRun.start(model, "Hallo");
            LlmException e = llmFailure(run);
            assertEquals(LlmException.Kind.TIMEOUT, e.kind());
            assertThat(e.getMessage(), containsString("no further token"));
            assertEquals(List.of("Hal"), run.deltas());
            assertTrue(ollama.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
        }
    }

    @Test
    void cancel_aborts_the_http_request() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokenCount(200).tokenDelay(Duration.ofMillis(40)).start()) {
            StreamRun run = StreamRun.start(model(ollama), "Hallo");
            assertTrue(run.awaitDeltas(2));
            long cancelledAt = System.nanoTime();
            run.cancel.cancel("stop");
            assertThat(run.failure(), instanceOf(CancelledException.class));
            assertThat((run.endedAt() - cancelledAt) / 1_000_000, lessThan(100L));
            assertTrue(ollama.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
        }
    }

    @Test
    void cancel_while_the_model_loads_aborts_the_request() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().firstTokenDelay(Duration.ofSeconds(20)).start()) {
            StreamRun run = StreamRun.start(model(ollama), "Hallo");
            assertTrue(ollama.awaitRequests(1, StreamRun.WAIT));
            long cancelledAt = System.nanoTime();
            run.cancel.cancel("stop");
            assertThat(run.failure(), instanceOf(CancelledException.class));
            assertThat((run.endedAt() - cancelledAt) / 1_000_000, lessThan(100L));
            assertTrue(ollama.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
            assertEquals(List.of(), run.deltas());
        }
    }

    @Test
    void cancelled_before_the_call_sends_nothing() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().tokens("Ja").start()) {
            OllamaChatModel model = model(ollama);
            Cancellation cancelled = new Cancellation();
            cancelled.cancel("superseded");
            CancelledException e = assertThrows(CancelledException.class,
                    () -> model.stream(List.of(new ChatMessage(ChatMessage.USER, "Hallo")), delta -> { }, cancelled));
            assertEquals("superseded", e.getMessage());
            assertEquals("Ja", StreamRun.start(model, "Hallo").reply());
            assertEquals(1, ollama.requests().size(), "the cancelled call must not have sent a request");
        }
    }
}
