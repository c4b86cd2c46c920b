package com.kidmodstudio.crafty.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.fakes.FakePiper;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.speech.NoLeftovers;
import com.kidmodstudio.crafty.testing.Speech;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * {@code /voice/chat} end to end: a fake Ollama streaming 40 tokens at 25 ms, the real espeak-ng
 * and the real pocketsphinx.
 */
@ExtendWith(NoLeftovers.class)
class VoiceChatRouteTest {
    private static FakeOllama ollama;
    private static TestCrafty.Running server;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("crafty-voice-chat-test");
        ollama = FakeOllama.builder().echo().tokenCount(40).tokenDelay(Duration.ofMillis(25)).start();
        server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "espeak", "stt.engine", "pocketsphinx",
                                         "crafty.language", "en", "speech.tmpdir", tmp.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ollama.close();
        Files.deleteIfExists(tmp);
    }

    private static WsClient connect(String query) throws InterruptedException {
        WsClient client = WsClient.connect(TestServer.ws(server.port(), "/voice/chat" + query));
        JsonNode session = client.nextJson();
        assertThat(session.path("type").asText(), is("session"));
        return client;
    }

    private static List<WsClient.Frame> untilDone(WsClient client) throws InterruptedException {
        return client.until(m -> "done".equals(m.path("type").asText()) || "error".equals(m.path("type").asText())
                || "cancelled".equals(m.path("type").asText()));
    }

    @Test
    void speak_answers_in_status_messages_sentences_and_audio_then_done() throws Exception {
        try (WsClient client = connect("")) {
            NoLeftovers.watch(tmp);
            client.send("{\"action\":\"speak\",\"text\":\"Build me a castle.\",\"requestId\":\"v1\"}");
            List<WsClient.Frame> frames = untilDone(client);
            List<String> types = frames.stream().map(WsClient.Frame::type).toList();
            assertThat(frames.getFirst().json().path("status").asText(), is("thinking"));
            assertThat(types.contains("binary"), is(true));
            JsonNode done = frames.getLast().json();
            assertThat(done.path("type").asText(), is("done"));
            assertThat(done.path("requestId").asText(), is("v1"));
            assertThat(done.path("text").asText(), containsString("Build me a castle."));
            assertThat(done.has("ttsError"), is(false));
            StringBuilder chunks = new StringBuilder();
            int sentences = 0;
            for (int i = 0; i < frames.size(); i++) {
                JsonNode m = frames.get(i).json();
                if (m != null && "responding".equals(m.path("status").asText())) {
                    chunks.append(m.path("chunk").asText());
                }
                if (m != null && "sentence".equals(m.path("type").asText())) {
                    assertThat(m.path("index").asInt(), is(sentences++));
                    assertThat(frames.get(i + 1).json().path("type").asText(), is("audio_start"));
                }
            }
            assertThat(chunks.toString(), is(done.path("text").asText()));
            assertThat(sentences, greaterThan(2));
            assertThat(types.indexOf("status") < types.indexOf("sentence"), is(true));
            assertThat(types.stream().filter("audio_start"::equals).count(),
                       is(types.stream().filter("audio_end"::equals).count()));
        }
    }

    @Test
    void first_audio_frame_arrives_before_the_llm_has_finished() throws Exception {
        try (WsClient client = connect("")) {
            int before = ollama.tokenWrites().size();
            client.send("{\"action\":\"speak\",\"text\":\"Hi.\"}");
            List<WsClient.Frame> frames = untilDone(client);
            List<Long> writes = ollama.tokenWrites().subList(before, ollama.tokenWrites().size());
            long firstAudio = frames.stream().filter(f -> f.json() == null).findFirst().orElseThrow().arrived();
            assertThat("first audio came " + (writes.getLast() - firstAudio) / 1_000_000 + " ms before the last token",
                       firstAudio, lessThan(writes.getLast()));
        }
    }

    @Test
    void stop_mid_answer_ends_the_audio_promptly_and_leaves_no_process() throws Exception {
        try (WsClient client = connect("")) {
            client.send("{\"action\":\"speak\",\"text\":\"Tell me a long story.\",\"requestId\":\"long\"}");
            client.until(m -> "audio_start".equals(m.path("type").asText()));
            long stopSent = System.nanoTime();
            client.send("{\"action\":\"stop\"}");
            List<WsClient.Frame> rest = client.until(m -> "cancelled".equals(m.path("type").asText()));
            long cancelledAt = rest.getLast().arrived();
            assertThat("cancelled within 100 ms of the stop", (cancelledAt - stopSent) / 1_000_000, lessThan(100L));
            WsClient.Frame after;
            while ((after = client.poll(Duration.ofMillis(300))) != null) {
                assertThat("no audio after cancelled", after.json() != null, is(true));
                assertThat(after.type(), is("stopped"));
            }
        }
    }

    @Test
    void spoken_question_is_transcribed_then_answered() throws Exception {
        try (WsClient client = connect("")) {
            client.sendBinary(Speech.wavFile(Speech.FRONT_CENTER));
            client.await("ack");
            client.send("{\"action\":\"process_audio\",\"requestId\":\"a1\"}");
            List<WsClient.Frame> frames = untilDone(client);
            assertThat(frames.getFirst().json().path("status").asText(), is("transcribing"));
            JsonNode transcribed = frames.stream().map(WsClient.Frame::json)
                    .filter(m -> m != null && "transcribed".equals(m.path("status").asText())).findFirst().orElseThrow();
            assertThat(transcribed.path("text").asText().toLowerCase(), containsString("center"));
            JsonNode done = frames.getLast().json();
            assertThat(done.path("type").asText(), is("done"));
            assertThat(done.path("text").asText().toLowerCase(), containsString("center"));
        }
    }

    @Test
    void process_audio_without_audio_is_no_audio() throws Exception {
        try (WsClient client = connect("")) {
            client.send("{\"action\":\"process_audio\",\"requestId\":\"x\"}");
            JsonNode error = client.await("error");
            assertThat(error.path("code").asText(), is("no_audio"));
            assertThat(error.path("requestId").asText(), is("x"));
        }
    }

    @Test
    void a_wav_cut_inside_a_chunk_is_bad_audio_and_the_socket_stays_open() throws Exception {
        try (WsClient client = connect("")) {
            client.sendBinary(Speech.truncatedWav());
            assertThat(client.await("error").path("code").asText(), is("bad_audio"));
            client.send("{\"action\":\"clear\"}");
            assertThat(client.await("cleared").path("type").asText(), is("cleared"));
        }
    }

    @Test
    void voice_and_text_share_the_conversation() throws Exception {
        String sessionId;
        try (WsClient chat = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
            sessionId = chat.nextJson().path("sessionId").asText();
            chat.send("{\"action\":\"chat\",\"payload\":\"My favourite mob is the axolotl.\"}");
            chat.until(m -> m.path("done").asBoolean());
        }
        int before = ollama.requests().size();
        try (WsClient voice = WsClient.connect(TestServer.ws(server.port(), "/voice/chat?sessionId=" + sessionId))) {
            JsonNode session = voice.nextJson();
            assertThat(session.path("sessionId").asText(), is(sessionId));
            assertThat(session.path("resumed").asBoolean(), is(true));
            voice.send("{\"action\":\"speak\",\"text\":\"Which mob was it?\"}");
            untilDone(voice);
        }
        JsonNode messages = TestJson.MAPPER.readTree(ollama.requests().get(before).body()).path("messages");
        assertThat(messages.get(1).path("content").asText(), is("My favourite mob is the axolotl."));
        assertThat(messages.get(messages.size() - 1).path("content").asText(), is("Which mob was it?"));
    }

    @Test
    void without_a_voice_the_reply_still_arrives_as_text() throws Exception {
        try (TestCrafty.Running mute = TestCrafty.start(Map.of("ollama.url", ollama.url(), "tts.engine", "none",
                                                               "stt.engine", "none"));
             WsClient client = WsClient.connect(TestServer.ws(mute.port(), "/voice/chat"))) {
            client.nextJson();
            client.send("{\"action\":\"speak\",\"text\":\"Hello\"}");
            JsonNode done = untilDone(client).getLast().json();
            assertThat(done.path("type").asText(), is("done"));
            assertThat(done.path("ttsError").asText(), is("tts_unavailable"));
            assertThat(done.path("text").asText(), containsString("Hello"));
            client.sendBinary(new byte[3200]);
            client.await("ack");
            client.send("{\"action\":\"process_audio\"}");
            assertThat(client.await("error").path("code").asText(), is("stt_unavailable"));
        }
    }

    @Test
    void a_warm_piper_loads_its_voice_once_for_every_sentence() throws Exception {
        Path dir = Files.createTempDirectory("crafty-piper");
        FakePiper.Installation piper = FakePiper.builder().loadMillis(300).install(dir);
        Map<String, String> config = new HashMap<>(Map.of("ollama.url", ollama.url(), "tts.engine", "piper",
                                                          "piper.bin", piper.bin().toString(),
                                                          "piper.voice", piper.voice().toString(), "stt.engine", "none"));
        try (TestCrafty.Running withPiper = TestCrafty.start(config);
             WsClient client = WsClient.connect(TestServer.ws(withPiper.port(), "/voice/chat"))) {
            client.nextJson();
            for (int turn = 0; turn < 2; turn++) {
                client.send("{\"action\":\"speak\",\"text\":\"Tell me about redstone.\"}");
                List<WsClient.Frame> frames = untilDone(client);
                assertThat(frames.getLast().json().path("type").asText(), is("done"));
                assertThat(frames.stream().filter(f -> "sentence".equals(f.type())).count(), greaterThan(2L));
            }
            assertThat("one Piper process for every sentence of both replies", piper.starts(), is(1L));
            assertThat(piper.utterances().size(), greaterThan(5));
        }
    }

    @Test
    void voice_turns_are_saved_in_the_shared_history_marked_as_spoken() throws Exception {
        try (WsClient voice = connect("?sessionId=spoken-history")) {
            voice.sendBinary(Speech.wavFile(Speech.FRONT_CENTER));
            voice.await("ack");
            voice.send("{\"action\":\"process_audio\"}");
            assertThat(untilDone(voice).getLast().json().path("type").asText(), is("done"));
            voice.send("{\"action\":\"speak\",\"text\":\"Build a tower.\"}");
            assertThat(untilDone(voice).getLast().json().path("type").asText(), is("done"));
        }
        try (WsClient chat = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
            chat.nextJson();
            chat.send("{\"action\":\"session:switch\",\"sessionId\":\"spoken-history\"}");
            JsonNode messages = chat.await("session:switched").path("messages");
            assertThat(messages.size(), is(4));
            assertThat(messages.get(0).path("content").asText().toLowerCase(), containsString("center"));
            assertThat("a spoken question", messages.get(0).path("voice").asBoolean(), is(true));
            assertThat("a reply read aloud", messages.get(1).path("voice").asBoolean(), is(true));
            assertThat(messages.get(2).path("content").asText(), is("Build a tower."));
            assertThat("a typed question", messages.get(2).path("voice").asBoolean(), is(false));
            assertThat(messages.get(3).path("voice").asBoolean(), is(true));
        }
    }
}
