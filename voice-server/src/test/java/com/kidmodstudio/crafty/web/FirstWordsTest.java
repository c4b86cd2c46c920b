package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The first words of a {@code /voice/chat} reply come out as soon as the model has written the
 * first fragment and the voice has spoken it: first audio ≤ (the fragment's last token) + (the
 * fragment's synthesis alone) + 20 ms, with a model of fixed timings (first token 200 ms, then
 * 25 ms per token) and a warm Piper fake (2 ms per character). The synthesis is measured over
 * {@code /voice/tts} on the same server; each figure is the best of three turns after a warm-up
 * turn, so a busy machine does not decide the outcome.
 */
class FirstWordsTest {
    private static final long MARGIN_MS = 20;

    private Path dir;
    private FakeOllama ollama;
    private TestCrafty.Running server;

    @AfterEach
    void stop() throws Exception {
        server.close();
        ollama.close();
    }

    private void start(List<String> tokens) throws Exception {
        dir = Files.createTempDirectory("crafty-first-words");
        FakePiper.Installation piper = FakePiper.builder().loadMillis(50).msPerChar(2).install(dir);
        ollama = FakeOllama.builder().tokens(tokens.toArray(String[]::new)).firstTokenDelay(Duration.ofMillis(200))
                .tokenDelay(Duration.ofMillis(25)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "piper", "piper.bin",
                                         piper.bin().toString(), "piper.voice", piper.voice().toString(),
                                         "stt.engine", "none", "crafty.language", "de"));
    }

    /** Best first audio after the fragment's last token was written, in ms, over three turns. */
    private long firstAudioAfterFragment(int fragmentEnd, String fragment) throws Exception {
        long best = Long.MAX_VALUE;
        try (WsClient client = WsClient.connect(TestServer.ws(server.port(), "/voice/chat"))) {
            client.nextJson();
            for (int turn = 0; turn < 4; turn++) {
                int before = ollama.tokenWrites().size();
                client.send("{\"action\":\"speak\",\"text\":\"Wer bist du?\"}");
                List<WsClient.Frame> frames = client.until(
                        m -> List.of("done", "error", "cancelled").contains(m.path("type").asText()));
                assertThat(frames.getLast().type(), is("done"));
                assertThat(frames.stream().filter(f -> "sentence".equals(f.type())).findFirst().orElseThrow()
                                   .json().path("text").asText(), is(fragment));
                long written = ollama.tokenWrites().get(before + fragmentEnd);
                long audio = frames.stream().filter(f -> f.json() == null).findFirst().orElseThrow().arrived();
                if (turn > 0) {
                    best = Math.min(best, (audio - written) / 1_000_000);
                }
            }
        }
        return best;
    }

    /** Best time from request to first audio of the fragment alone over {@code /voice/tts}, in ms. */
    private long synthesisAlone(String fragment) throws Exception {
        long best = Long.MAX_VALUE;
        try (WsClient tts = WsClient.connect(TestServer.ws(server.port(), "/voice/tts"))) {
            for (int i = 0; i < 4; i++) {
                long sent = System.nanoTime();
                tts.send("{\"text\":\"" + fragment + "\"}");
                List<WsClient.Frame> frames = tts.until(m -> "done".equals(m.path("type").asText()));
                long audio = frames.stream().filter(f -> f.json() == null).findFirst().orElseThrow().arrived();
                if (i > 0) {
                    best = Math.min(best, (audio - sent) / 1_000_000);
                }
            }
        }
        return best;
    }

    private void assertFirstWordsAtOnce(List<String> tokens, int fragmentEnd, String fragment) throws Exception {
        start(tokens);
        long afterFragment = firstAudioAfterFragment(fragmentEnd, fragment);
        long synthesis = synthesisAlone(fragment);
        assertThat("first audio " + afterFragment + " ms after the fragment's last token; its synthesis alone takes "
                           + synthesis + " ms", afterFragment, lessThanOrEqualTo(synthesis + MARGIN_MS));
    }

    @Test
    void hallo_is_heard_as_soon_as_it_is_written_and_spoken() throws Exception {
        List<String> tokens = Arrays.asList("Hallo", "!", " Ich", " bin", " Crafty", ",", " dein", " Helfer", " für",
                                            " Minecraft", "-", "Mods", ".", " Was", " möchtest", " du", " bauen", "?");
        assertFirstWordsAtOnce(tokens, 1, "Hallo!");
    }

    @Test
    void a_reply_opening_with_a_long_sentence_is_heard_from_its_first_clause() throws Exception {
        List<String> tokens = Arrays.asList("Zuerst", " sammelst", " du", " ganz", " viel", " Holz", " im", " Wald",
                                            ",", " dann", " baust", " du", " daraus", " eine", " Werkbank", " und",
                                            " stellst", " sie", " neben", " dein", " Haus", ".");
        assertFirstWordsAtOnce(tokens, 8, "Zuerst sammelst du ganz viel Holz im Wald,");
    }
}
