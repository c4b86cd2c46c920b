package com.kidmodstudio.crafty.llm;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.fakes.FakeHttpServer;
import com.kidmodstudio.crafty.fakes.FakeScript;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ChatModel} must do against its server, over real sockets to a fake of that
 * server: streaming, decoding, every failure kind, timeouts and cancellation. Each provider's
 * test class extends it and adds what is particular to its API.
 *
 * @param <F> the fake server
 */
abstract class ChatModelContract<F extends FakeHttpServer> {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GERMAN = String.join("", FakeScript.GERMAN_REPLY);
    static final LlmTimeouts QUICK =
            new LlmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));

    /** @return a builder of this provider's fake */
    abstract FakeScript.Builder<F> fake();

    /** @return this provider's client for the server at {@code url} */
    abstract ChatModel model(String url, String model, LlmTimeouts timeouts);

    ChatModel model(F fake) {
        return model(fake.url(), FakeScript.DEFAULT_MODEL, LlmTimeouts.DEFAULTS);
    }

    static EngineException llmFailure(StreamRun run) throws Exception {
        Throwable failure = run.failure();
        assertThat(failure, instanceOf(EngineException.class));
        return (EngineException) failure;
    }

    @Test
    void streams_each_token_as_it_arrives() throws Exception {
        try (F fake = fake().tokens("Hal", "lo", "!", " Wie", " geht's?").tokenDelay(Duration.ofMillis(80)).start()) {
            ChatModel model = model(fake);
            // a first reply warms up the JIT: in a cold JVM compiling the path can take longer
            // than the bound below, which is about the client, not the compiler
            assertEquals("Hallo! Wie geht's?", StreamRun.start(model, "Hallo").reply());
            int warmUp = fake.tokenWrites().size();
            StreamRun run = StreamRun.start(model, "Hallo");
            assertEquals("Hallo! Wie geht's?", run.reply());
            assertEquals(List.of("Hal", "lo", "!", " Wie", " geht's?"), run.deltas());
            List<Long> written = fake.tokenWrites().subList(warmUp, fake.tokenWrites().size());
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
    void sends_the_history() throws Exception {
        List<ChatMessage> history = List.of(new ChatMessage(ChatMessage.SYSTEM, "Du bist Crafty."),
                                            new ChatMessage(ChatMessage.USER, "Hallo!"),
                                            new ChatMessage(ChatMessage.ASSISTANT, "Hallo! Was bauen wir?"),
                                            new ChatMessage(ChatMessage.USER, "Einen Würfel 🧊"));
        try (F fake = fake().start()) {
            assertEquals(GERMAN, StreamRun.start(model(fake), history).reply());
            JsonNode body = JSON.readTree(fake.requests().getFirst().body());
            assertEquals(FakeScript.DEFAULT_MODEL, body.path("model").asText());
            assertTrue(body.path("stream").asBoolean());
            assertEquals(history, List.of(JSON.treeToValue(body.path("messages"), ChatMessage[].class)));
        }
    }

    @Test
    void decodes_utf8_multibyte_char_split_across_chunks() throws Exception {
        try (F fake = fake().splitUtf8().start()) {
            StreamRun run = StreamRun.start(model(fake), "Erzähl was");
            assertEquals(GERMAN, run.reply());
            assertEquals(FakeScript.GERMAN_REPLY, run.deltas());
            assertThat(run.reply(), not(containsString("\uFFFD")));
        }
    }

    @Test
    void handles_crlf_line_endings() throws Exception {
        try (F fake = fake().framingNoise().start()) {
            StreamRun run = StreamRun.start(model(fake), "Hallo");
            assertEquals(GERMAN, run.reply());
            assertEquals(FakeScript.GERMAN_REPLY, run.deltas());
        }
    }

    @Test
    void should_propagate_streaming_error_after_partial_response() throws Exception {
        try (F fake = fake().errorAfter(3, "model runner has unexpectedly stopped").start()) {
            StreamRun run = StreamRun.start(model(fake), "Hallo");
            EngineException e = llmFailure(run);
            assertEquals(ErrorCode.LLM_ERROR, e.code());
            assertThat(e.getMessage(), containsString("model runner has unexpectedly stopped"));
            assertThat(e.getMessage(), containsString("\"Hallo!\""));
            assertEquals(List.of("Hal", "lo", "!"), run.deltas());
        }
    }

    @Test
    void missing_model_is_model_missing_naming_the_model() throws Exception {
        try (F fake = fake().models("llama3.2:latest").start()) {
            EngineException e = llmFailure(StreamRun.start(model(fake.url(), "mistral:7b", LlmTimeouts.DEFAULTS), "Hallo"));
            assertEquals(ErrorCode.MODEL_MISSING, e.code());
            assertEquals("mistral:7b", e.engine());
            assertThat(e.getMessage(), containsString("\"mistral:7b\""));
        }
    }

    @Test
    void server_errors_are_errors_with_the_server_text() throws Exception {
        try (F fake = fake().failWith(500, "llama runner process has terminated: signal: killed").start()) {
            EngineException e = llmFailure(StreamRun.start(model(fake), "Hallo"));
            assertEquals(ErrorCode.LLM_ERROR, e.code());
            assertThat(e.getMessage(), containsString("HTTP 500"));
            assertThat(e.getMessage(), containsString("llama runner process has terminated: signal: killed"));
        }
    }

    @Test
    void connection_refused_is_unreachable() throws Exception {
        ChatModel nobody = model("http://127.0.0.1:" + Ports.closed(), "llama3.2", LlmTimeouts.DEFAULTS);
        EngineException e = llmFailure(StreamRun.start(nobody, "Hallo"));
        assertEquals(ErrorCode.LLM_UNREACHABLE, e.code());
        assertThat(e.getMessage(), containsString("connection refused"));
    }

    @Test
    void connection_dropped_mid_stream_is_unreachable() throws Exception {
        // The drop comes when the fifth token is due: the JDK's response stream discards bytes
        // still queued once it learns that the connection failed, so a drop in the same instant
        // as the last write could swallow that token.
        try (F fake = fake().dropAfter(4).tokenDelay(Duration.ofMillis(30)).start()) {
            StreamRun run = StreamRun.start(model(fake), "Hallo");
            EngineException e = llmFailure(run);
            assertEquals(ErrorCode.LLM_UNREACHABLE, e.code());
            assertThat(e.getMessage(), containsString("connection lost mid-reply"));
            assertEquals(List.of("Hal", "lo", "!", " Ich"), run.deltas());
        }
    }

    @Test
    void slow_first_token_times_out() throws Exception {
        try (F fake = fake().firstTokenDelay(Duration.ofSeconds(20)).start()) {
            long start = System.nanoTime();
            StreamRun run = StreamRun.start(model(fake.url(), FakeScript.DEFAULT_MODEL, QUICK), "Hallo");
            EngineException e = llmFailure(run);
            long tookMs = (run.endedAt() - start) / 1_000_000;
            assertEquals(ErrorCode.LLM_TIMEOUT, e.code());
            assertThat(e.getMessage(), containsString("no first token"));
            assertTrue(tookMs >= 300 && tookMs < 1500, "timed out after " + tookMs + " ms");
            assertTrue(fake.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
        }
    }

    @Test
    void stalled_stream_times_out_on_idle() throws Exception {
        try (F fake = fake().tokenDelay(Duration.ofSeconds(20)).start()) {
            StreamRun run = StreamRun.start(model(fake.url(), FakeScript.DEFAULT_MODEL, QUICK), "Hallo");
            EngineException e = llmFailure(run);
            assertEquals(ErrorCode.LLM_TIMEOUT, e.code());
            assertThat(e.getMessage(), containsString("no further token"));
            assertThat(e.getMessage(), containsString("\"Hal\""));
            assertEquals(List.of("Hal"), run.deltas());
            assertTrue(fake.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
        }
    }

    @Test
    void cancel_aborts_the_http_request() throws Exception {
        try (F fake = fake().tokenCount(200).tokenDelay(Duration.ofMillis(40)).start()) {
            StreamRun run = StreamRun.start(model(fake), "Hallo");
            assertTrue(run.awaitDeltas(2));
            long cancelledAt = System.nanoTime();
            run.cancel.cancel("stop");
            assertThat(run.failure(), instanceOf(CancelledException.class));
            assertThat((run.endedAt() - cancelledAt) / 1_000_000, lessThan(100L));
            assertTrue(fake.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
        }
    }

    @Test
    void cancel_while_the_model_loads_aborts_the_request() throws Exception {
        try (F fake = fake().firstTokenDelay(Duration.ofSeconds(20)).start()) {
            StreamRun run = StreamRun.start(model(fake), "Hallo");
            assertTrue(fake.awaitRequests(1, StreamRun.WAIT));
            long cancelledAt = System.nanoTime();
            run.cancel.cancel("stop");
            assertThat(run.failure(), instanceOf(CancelledException.class));
            assertThat((run.endedAt() - cancelledAt) / 1_000_000, lessThan(100L));
            assertTrue(fake.awaitDisconnects(1, StreamRun.WAIT), "the fake never saw the request aborted");
            assertEquals(List.of(), run.deltas());
        }
    }

    @Test
    void cancelled_before_the_call_sends_nothing() throws Exception {
        try (F fake = fake().tokens("Ja").start()) {
            ChatModel model = model(fake);
            Cancellation cancelled = new Cancellation();
            cancelled.cancel("superseded");
            CancelledException e = assertThrows(CancelledException.class,
                    () -> model.stream(List.of(new ChatMessage(ChatMessage.USER, "Hallo")), delta -> { }, cancelled));
            assertEquals("superseded", e.getMessage());
            assertEquals("Ja", StreamRun.start(model, "Hallo").reply());
            assertEquals(1, fake.requests().size(), "the cancelled call must not have sent a request");
        }
    }
}
