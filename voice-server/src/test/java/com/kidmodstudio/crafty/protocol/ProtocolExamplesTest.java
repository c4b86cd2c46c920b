package com.kidmodstudio.crafty.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The examples in docs/protocol/ (and those of the parent's setup card in docs/protocol/setup/)
 * are the contract: client examples decode, invalid ones fail with the documented code, and
 * server examples are exactly what the records serialise to.
 */
class ProtocolExamplesTest {
    static final Path EXAMPLES = Path.of("..", "docs", "protocol");
    private static final Map<String, Class<? extends ServerMessage>> TYPES = Map.ofEntries(
            Map.entry("assistant", ServerMessage.Assistant.class),
            Map.entry("error", ServerMessage.Error.class),
            Map.entry("cancelled", ServerMessage.Cancelled.class),
            Map.entry("stopped", ServerMessage.Stopped.class),
            Map.entry("pong", ServerMessage.Pong.class),
            Map.entry("audio_start", ServerMessage.AudioStart.class),
            Map.entry("audio_end", ServerMessage.AudioEnd.class),
            Map.entry("done", ServerMessage.Done.class),
            Map.entry("ack", ServerMessage.Ack.class),
            Map.entry("cleared", ServerMessage.Cleared.class),
            Map.entry("transcript", ServerMessage.Transcript.class),
            Map.entry("transcript.partial", ServerMessage.PartialTranscript.class),
            Map.entry("status", ServerMessage.Status.class),
            Map.entry("sentence", ServerMessage.Sentence.class),
            Map.entry("session", ServerMessage.Session.class),
            Map.entry("session:list", ServerMessage.SessionList.class),
            Map.entry("session:created", ServerMessage.SessionCreated.class),
            Map.entry("session:switched", ServerMessage.SessionSwitched.class),
            Map.entry("session:history", ServerMessage.SessionHistory.class),
            Map.entry("session:renamed", ServerMessage.SessionRenamed.class),
            Map.entry("session:deleted", ServerMessage.SessionDeleted.class),
            Map.entry("session:error", ServerMessage.SessionError.class),
            Map.entry("reminder", ServerMessage.Reminder.class),
            Map.entry("parent:state", ParentReplies.State.class),
            Map.entry("parent:unlocked", ParentReplies.Unlocked.class),
            Map.entry("parent:locked", ParentReplies.Locked.class),
            Map.entry("parent:overview", ParentReplies.Overview.class),
            Map.entry("parent:conversation", ParentReplies.Conversation.class),
            Map.entry("parent:settings", ParentReplies.SettingsChanged.class),
            Map.entry("parent:deleted", ParentReplies.Deleted.class),
            Map.entry("parent:error", ParentReplies.Failure.class),
            Map.entry("setup:state", SetupMessages.State.class),
            Map.entry("model:progress", SetupMessages.Progress.class),
            Map.entry("model:installed", SetupMessages.Installed.class),
            Map.entry("model:cancelled", SetupMessages.Cancelled.class),
            Map.entry("model:deleted", SetupMessages.Deleted.class),
            Map.entry("ollama:state", SetupMessages.OllamaState.class),
            Map.entry("ollama:progress", SetupMessages.OllamaProgress.class),
            Map.entry("ollama:ready", SetupMessages.OllamaReady.class),
            Map.entry("ollama:cancelled", SetupMessages.OllamaCancelled.class));
    private static final Path SETUP = EXAMPLES.resolve("setup");

    /** The examples of one kind, of every route: those of /setup live in a folder of their own. */
    static Stream<Path> files(String kind) throws IOException {
        return Stream.concat(examples(EXAMPLES.resolve(kind)), examples(SETUP.resolve(kind)));
    }

    private static Stream<Path> examples(Path dir) throws IOException {
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    static Stream<Path> clientExamples() throws IOException {
        return files("client");
    }

    static Stream<Path> serverExamples() throws IOException {
        return files("server");
    }

    static Stream<Path> invalidExamples() throws IOException {
        return files("invalid");
    }

    @Test
    void every_kind_of_example_exists() throws IOException {
        for (String kind : List.of("client", "server", "invalid")) {
            assertThat(kind, examples(EXAMPLES.resolve(kind)).toList(), is(not(empty())));
            assertThat("setup " + kind, examples(SETUP.resolve(kind)).toList(), is(not(empty())));
        }
    }

    @ParameterizedTest
    @MethodSource("clientExamples")
    void client_example_decodes(Path file) throws Exception {
        String json = Files.readString(file);
        ClientMessage message = inboundFor(file).decode(json);
        assertThat(message, notNullValue());
        JsonNode node = TestJson.MAPPER.readTree(json);
        if (node.has("requestId")) {
            assertThat(message.requestId(), is(node.get("requestId").asText()));
        }
    }

    @ParameterizedTest
    @MethodSource("serverExamples")
    void server_example_is_what_the_record_writes(Path file) throws Exception {
        JsonNode example = TestJson.MAPPER.readTree(Files.readString(file));
        Class<? extends ServerMessage> type = TYPES.get(example.get("type").asText());
        assertThat("known type in " + file, type, notNullValue());
        ServerMessage message = TestJson.MAPPER.treeToValue(example, type);
        assertThat(TestJson.MAPPER.readTree(Json.write(message)), is(example));
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalid_example_fails_with_its_code(Path file) throws Exception {
        JsonNode example = TestJson.MAPPER.readTree(Files.readString(file));
        Inbound<?> inbound = switch (example.get("route").asText()) {
            case "/chat" -> Inbound.chat();
            case "/voice/tts" -> Inbound.voiceTts();
            case "/voice/stt" -> Inbound.voiceStt();
            case "/voice/chat" -> Inbound.voiceChat();
            case "/parent" -> Inbound.parent();
            case "/setup" -> Inbound.setup();
            default -> throw new IllegalArgumentException(example.get("route").asText());
        };
        ProtocolException e = assertThrows(ProtocolException.class, () -> inbound.decode(example.get("message").asText()));
        assertThat(e.code().wire(), is(example.get("code").asText()));
        String requestId = example.has("requestId") ? example.get("requestId").asText() : null;
        assertThat(e.requestId(), is(requestId));
    }

    private static Inbound<?> inboundFor(Path file) {
        if (file.startsWith(SETUP)) {
            return Inbound.setup();
        }
        String name = file.getFileName().toString();
        if (name.startsWith("tts-")) {
            return Inbound.voiceTts();
        }
        if (name.startsWith("stt-")) {
            return Inbound.voiceStt();
        }
        if (name.startsWith("voice-")) {
            return Inbound.voiceChat();
        }
        if (name.startsWith("parent-")) {
            return Inbound.parent();
        }
        return Inbound.chat();
    }
}
