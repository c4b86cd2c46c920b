package com.kidmodstudio.crafty.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code /setup} examples in docs/protocol/setup/ are the contract of the parent's setup card:
 * client examples decode, invalid ones fail with their code, server examples are what the records write.
 */
class SetupExamplesTest {
    private static final Path SETUP = ProtocolExamplesTest.EXAMPLES.resolve("setup");
    private static final Map<String, Class<? extends ServerMessage>> TYPES = Map.ofEntries(
            Map.entry("setup:state", SetupMessages.State.class),
            Map.entry("model:progress", SetupMessages.Progress.class),
            Map.entry("model:installed", SetupMessages.Installed.class),
            Map.entry("model:cancelled", SetupMessages.Cancelled.class),
            Map.entry("model:deleted", SetupMessages.Deleted.class),
            Map.entry("ollama:state", SetupMessages.OllamaState.class),
            Map.entry("ollama:progress", SetupMessages.OllamaProgress.class),
            Map.entry("ollama:ready", SetupMessages.OllamaReady.class),
            Map.entry("ollama:cancelled", SetupMessages.OllamaCancelled.class),
            Map.entry("cancelled", ServerMessage.Cancelled.class),
            Map.entry("error", ServerMessage.Error.class));

    static Stream<Path> files(String kind) throws IOException {
        return Files.list(SETUP.resolve(kind)).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    static Stream<Path> client() throws IOException {
        return files("client");
    }

    static Stream<Path> server() throws IOException {
        return files("server");
    }

    static Stream<Path> invalid() throws IOException {
        return files("invalid");
    }

    @ParameterizedTest
    @MethodSource("client")
    void client_example_decodes(Path file) throws Exception {
        String json = Files.readString(file);
        ClientMessage message = Inbound.setup().decode(json);
        assertThat(message instanceof ClientMessage.ToSetup, is(true));
        assertThat(message.requestId(), is(Json.MAPPER.readTree(json).get("requestId").asText()));
    }

    @ParameterizedTest
    @MethodSource("server")
    void server_example_is_what_the_record_writes(Path file) throws Exception {
        JsonNode example = Json.MAPPER.readTree(Files.readString(file));
        Class<? extends ServerMessage> type = TYPES.get(example.get("type").asText());
        assertThat("known type in " + file, type, notNullValue());
        ServerMessage message = Json.MAPPER.treeToValue(example, type);
        assertThat(Json.MAPPER.readTree(Json.write(message)), is(example));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_example_fails_with_its_code(Path file) throws Exception {
        JsonNode example = Json.MAPPER.readTree(Files.readString(file));
        assertThat(example.get("route").asText(), is("/setup"));
        ProtocolException e = assertThrows(ProtocolException.class, () -> Inbound.setup().decode(example.get("message").asText()));
        assertThat(e.code().wire(), is(example.get("code").asText()));
        assertThat(e.requestId(), is(example.has("requestId") ? example.get("requestId").asText() : null));
    }
}
