package com.kidmodstudio.crafty.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.llm.ChatMessage;
import com.kidmodstudio.crafty.store.StoredMessage;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Interruptions that history remembers honestly: when the panel reports where it stopped playing
 * a reply ({@code heard}), the stored reply and the model's next context hold exactly the words
 * the child heard, marked interrupted (partial) — not what the model wrote and nobody heard.
 */
class HeardReplyTest {
    private FakeOllama ollama;
    private TestCrafty.Running server;

    @BeforeEach
    void start() {
        ollama = FakeOllama.builder().tokens("Hallo", "!", " Ich", " bin", " Crafty", ",", " dein", " Helfer", ".",
                                             " Was", " bauen", " wir", " heute", "?")
                .firstTokenDelay(Duration.ZERO).tokenDelay(Duration.ofMillis(5)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "espeak", "stt.engine", "none",
                                         "crafty.language", "de", "store.path", ":memory:"));
    }

    @AfterEach
    void stop() {
        server.close();
        ollama.close();
    }

    private StoredMessage lastReply(String sessionId) {
        List<StoredMessage> recent = server.crafty().conversations().store().recent(sessionId, 10);
        return recent.getLast();
    }

    @Test
    void the_stored_reply_and_the_next_context_are_what_the_child_heard() throws Exception {
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/voice/chat"))) {
            String sessionId = client.nextJson().path("sessionId").asText();
            client.send("{\"action\":\"speak\",\"text\":\"Wer bist du?\",\"requestId\":\"v-1\"}");
            List<WsClient.Frame> frames = client.until(m -> "done".equals(m.path("type").asText()));
            int rate = frames.stream().filter(f -> "audio_start".equals(f.type())).findFirst().orElseThrow().json()
                    .path("sampleRate").asInt();
            long secondSentenceMs = frames.stream().filter(f -> "audio_end".equals(f.type())).skip(1).findFirst()
                    .orElseThrow().json().path("bytes").asLong() * 1000 / (rate * 2L);
            assertThat(lastReply(sessionId).text(), is("Hallo! Ich bin Crafty, dein Helfer. Was bauen wir heute?"));

            client.send("{\"action\":\"heard\",\"requestId\":\"v-1\",\"sentence\":1,\"playedMs\":"
                        + secondSentenceMs * 3 / 4 + "}");
            client.send("{\"action\":\"ping\",\"requestId\":\"after\"}");
            client.await("pong");

            StoredMessage reply = lastReply(sessionId);
            assertThat("three quarters of the second sentence, no word the child did not hear", reply.text(),
                       is("Hallo! Ich bin Crafty, dein"));
            assertThat("marked interrupted", reply.partial(), is(true));
            Conversation conversation = server.crafty().conversations().open(sessionId).conversation();
            List<ChatMessage> context = conversation.context("system", 10, "Und?");
            assertThat(context.get(context.size() - 2).content(), is(reply.text()));
        }
    }

    @Test
    void a_report_for_another_reply_changes_nothing() throws Exception {
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/voice/chat"))) {
            String sessionId = client.nextJson().path("sessionId").asText();
            client.send("{\"action\":\"speak\",\"text\":\"Wer bist du?\",\"requestId\":\"v-1\"}");
            client.until(m -> "done".equals(m.path("type").asText()));
            client.send("{\"action\":\"heard\",\"requestId\":\"v-0\",\"sentence\":0,\"playedMs\":10}");
            client.send("{\"action\":\"ping\"}");
            client.await("pong");
            assertThat(lastReply(sessionId).partial(), is(false));
        }
    }
}
