package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.speech.NoLeftovers;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * {@code /voice/chat} speaking from the token that ends a sentence, with the real espeak-ng: a
 * very likely end ("!", "?", a full stop after a word) is spoken at once; a merely possible one
 * (an ellipsis, a closing quote) is synthesized ahead and its audio goes out as soon as the next
 * token confirms the end, and a wrong guess is never heard. The fake model pauses 400 ms between
 * tokens, far longer than espeak-ng needs for a sentence, so what happened when is easy to see.
 */
@ExtendWith(NoLeftovers.class)
class SpeakAheadTest {
    private static final Duration GAP = Duration.ofMillis(400);
    private static final String LONG_SENTENCE = "Zuerst sammelst du ganz viel Holz im Wald und dann baust du daraus "
            + "eine Werkbank und stellst sie neben dein Haus am Fluss.";
    private static final String QUOTED = "Steve sagt immer „Zuerst sammelst du ganz viel Holz im Wald und dann baust "
            + "du daraus eine Werkbank und stellst sie neben dein Haus!“";

    private Path tmp;
    private FakeOllama ollama;
    private TestCrafty.Running server;

    @BeforeEach
    void tmp() throws Exception {
        tmp = Files.createTempDirectory("crafty-speak-ahead");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ollama.close();
        Files.deleteIfExists(tmp);
    }

    private WsClient start(String... tokens) throws InterruptedException {
        ollama = FakeOllama.builder().tokens(tokens).firstTokenDelay(Duration.ZERO).tokenDelay(GAP).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "espeak", "stt.engine", "none",
                                         "crafty.language", "de", "speech.tmpdir", tmp.toString()));
        NoLeftovers.watch(tmp);
        WsClient client = WsClient.connect(TestServer.ws(server.port(), "/voice/chat"));
        client.nextJson();
        return client;
    }

    private static List<WsClient.Frame> untilEnd(WsClient client) throws InterruptedException {
        return client.until(m -> List.of("done", "error", "cancelled").contains(m.path("type").asText()));
    }

    /** How long the server takes to speak a text over {@code /voice/tts}, request to done. */
    private long speakingMillis(String text) throws InterruptedException {
        try (WsClient tts = WsClient.connect(TestServer.ws(server.port(), "/voice/tts"))) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long sent = System.nanoTime();
                tts.send("{\"text\":\"" + text + "\"}");
                List<WsClient.Frame> frames = tts.until(m -> "done".equals(m.path("type").asText()));
                best = Math.min(best, frames.getLast().arrived() - sent);
            }
            return best / 1_000_000;
        }
    }

    private static JsonNode audioEnd(List<WsClient.Frame> frames, int sentence) {
        return frames.stream().map(WsClient.Frame::json)
                .filter(m -> m != null && "audio_end".equals(m.path("type").asText()))
                .skip(sentence).findFirst().orElseThrow();
    }

    @Test
    void a_sentence_that_very_likely_ended_is_spoken_before_the_next_token() throws Exception {
        try (WsClient client = start(LONG_SENTENCE, " Viel", " Spaß", " dabei!")) {
            client.send("{\"action\":\"speak\",\"text\":\"Wie baue ich eine Werkbank?\"}");
            List<WsClient.Frame> frames = untilEnd(client);
            List<Long> writes = ollama.tokenWrites();

            assertThat(frames.getLast().type(), is("done"));
            assertThat(frames.stream().filter(f -> "sentence".equals(f.type())).map(f -> f.json().path("text").asText())
                               .toList(), contains(LONG_SENTENCE, "Viel Spaß dabei!"));
            long firstEnd = frames.stream().filter(f -> "audio_end".equals(f.type())).findFirst().orElseThrow()
                    .arrived();
            assertThat("the first sentence was all out " + (writes.get(1) - firstEnd) / 1_000_000
                               + " ms before the model's next token", firstEnd < writes.get(1), is(true));
        }
    }

    /**
     * Three turns are measured after one that pays for loading the classes of the whole path;
     * the best of them is compared with the best of three plain syntheses of the sentence.
     */
    @Test
    void a_possible_end_is_synthesized_ahead_and_sent_the_moment_the_next_token_confirms_it() throws Exception {
        try (WsClient client = start(QUOTED, " Viel", " Spaß", " dabei!")) {
            client.send("{\"action\":\"speak\",\"text\":\"Wie baue ich eine Werkbank?\"}");
            untilEnd(client);
            long allOut = Long.MAX_VALUE;
            for (int turn = 0; turn < 3; turn++) {
                int before = ollama.tokenWrites().size();
                client.send("{\"action\":\"speak\",\"text\":\"Und noch einmal, bitte?\"}");
                List<WsClient.Frame> frames = untilEnd(client);
                long confirmed = ollama.tokenWrites().get(before + 1);

                assertThat(frames.getLast().type(), is("done"));
                assertThat(frames.stream().filter(f -> "sentence".equals(f.type()))
                                   .map(f -> f.json().path("text").asText()).toList(),
                           contains(QUOTED, "Viel Spaß dabei!"));
                long firstAudio = frames.stream().filter(f -> f.json() == null).findFirst().orElseThrow().arrived();
                assertThat("no audio before the token that confirms the sentence", firstAudio > confirmed, is(true));
                long firstEnd = frames.stream().filter(f -> "audio_end".equals(f.type())).findFirst().orElseThrow()
                        .arrived();
                allOut = Math.min(allOut, (firstEnd - confirmed) / 1_000_000);
            }
            long synthesis = speakingMillis(QUOTED.replace("\"", "\\\""));
            assertThat("the whole first sentence went out " + allOut + " ms after the confirming token; speaking it "
                               + "takes " + synthesis + " ms", allOut, lessThan(synthesis));
        }
    }

    @Test
    void a_wrong_guess_is_never_heard_and_the_real_sentence_is_spoken_whole() throws Exception {
        String whole = "Hmm, lass mich kurz überlegen... vielleicht baust du eine Brücke.";
        try (WsClient client = start("Hmm, lass mich kurz überlegen...", " vielleicht baust du eine Brücke.", " Dann",
                                     " bau", " los!")) {
            client.send("{\"action\":\"speak\",\"text\":\"Wo finde ich das?\"}");
            List<WsClient.Frame> frames = untilEnd(client);
            List<String> sentences = frames.stream().filter(f -> "sentence".equals(f.type()))
                    .map(f -> f.json().path("text").asText()).toList();

            assertThat(sentences, contains(whole, "Dann bau los!"));
            assertThat(frames.stream().filter(f -> "audio_start".equals(f.type())).count(), is(2L));
            int firstSentence = frames.indexOf(frames.stream().filter(f -> "sentence".equals(f.type())).findFirst()
                                                       .orElseThrow());
            assertThat("no audio before the first sentence's marker",
                       frames.subList(0, firstSentence).stream().noneMatch(f -> f.json() == null), is(true));
            long bytes = audioEnd(frames, 0).path("bytes").asLong();
            try (WsClient tts = WsClient.connect(TestServer.ws(server.port(), "/voice/tts"))) {
                tts.send("{\"text\":\"" + whole + "\"}");
                long alone = tts.until(m -> "done".equals(m.path("type").asText())).stream()
                        .filter(f -> f.json() == null).mapToLong(f -> f.bytes().length).sum();
                assertThat("exactly the audio of the whole sentence", bytes, is(alone));
            }
        }
    }

    @Test
    void stop_while_a_guess_is_held_sends_no_audio_at_all() throws Exception {
        try (WsClient client = start(QUOTED, " Viel", " Spaß", " dabei!")) {
            client.send("{\"action\":\"speak\",\"text\":\"Wie baue ich eine Werkbank?\",\"requestId\":\"s\"}");
            client.until(m -> "responding".equals(m.path("status").asText()));
            Thread.sleep(GAP.toMillis() / 2);
            client.send("{\"action\":\"stop\"}");
            List<WsClient.Frame> frames = untilEnd(client);

            assertThat(frames.getLast().type(), is("cancelled"));
            assertThat(frames.stream().noneMatch(f -> f.json() == null || "sentence".equals(f.type())), is(true));
            WsClient.Frame after;
            while ((after = client.poll(Duration.ofMillis(GAP.toMillis() * 2))) != null) {
                assertThat("nothing of the stopped turn but its stopped answer", after.type(), is("stopped"));
            }
        }
    }

    @Test
    void a_short_reply_is_spoken_once_whether_guessed_or_not() throws Exception {
        try (WsClient client = start("Das ist eine gute Idee!")) {
            client.send("{\"action\":\"speak\",\"text\":\"Soll ich ein Schloss bauen?\"}");
            List<WsClient.Frame> frames = untilEnd(client);

            assertThat(frames.stream().filter(f -> "sentence".equals(f.type())).count(), is(1L));
            assertThat(audioEnd(frames, 0).path("bytes").asLong(), greaterThan(10_000L));
            assertThat(frames.getLast().json().path("text").asText(), is("Das ist eine gute Idee!"));
        }
    }
}
