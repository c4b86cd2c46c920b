package com.kidmodstudio.crafty.fakes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.llm.ChatMessage;
import com.kidmodstudio.crafty.llm.LlmTimeouts;
import com.kidmodstudio.crafty.llm.OllamaChatModel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fakes as the browser tests and the benchmark run them: separate processes. */
class FakeProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A fake in its own JVM; {@link #close()} closes its standard input, which must end it. */
    private record FakeProcess(Process process, int port) implements AutoCloseable {
        static FakeProcess start(Class<?> main, String... flags) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(flags));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(line != null && line.matches("LISTENING \\d+"), "first line: " + line);
            return new FakeProcess(process, Integer.parseInt(line.substring("LISTENING ".length())));
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the fake did not exit when its standard input closed");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the fake to exit", e);
            }
        }
    }

    @Test
    void fake_ollama_runs_as_a_process_echoes_and_exits_when_stdin_closes() throws Exception {
        FakeProcess fake = FakeProcess.start(FakeOllama.class,
                "--port", "0", "--first-token-ms", "100", "--token-ms", "5", "--tokens", "6", "--echo");
        try (fake) {
            OllamaChatModel model = new OllamaChatModel(URI.create("http://127.0.0.1:" + fake.port()), "llama3.2",
                                                        "", LlmTimeouts.DEFAULTS);
            List<String> deltas = new ArrayList<>();
            long start = System.nanoTime();
            String reply = model.stream(List.of(new ChatMessage(ChatMessage.USER, "Baue ein Haus")),
                                        deltas::add, new Cancellation());
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 100, "the first token came before its delay");
            assertEquals("Baue ein Haus. Hallo! Ich bin Craft", reply);
            assertEquals(List.of("Baue", " ein", " Haus", ".", " Hal", "lo", "!", " Ich", " bin", " Craft"), deltas);
        }
        assertEquals(0, fake.process().exitValue());
    }

    @Test
    void fake_openai_runs_as_a_process_with_its_key() throws Exception {
        try (FakeProcess fake = FakeProcess.start(FakeOpenAi.class, "--port", "0", "--api-key", "sk-bench", "--models", "qwen")) {
            HttpClient client = HttpClient.newHttpClient();
            URI models = URI.create("http://127.0.0.1:" + fake.port() + "/v1/models");
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(models).build(),
                                                       HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
            HttpResponse<String> listed = client.send(HttpRequest.newBuilder(models).header("Authorization", "Bearer sk-bench").build(),
                                                      HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode());
            assertThat(listed.body(), startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"qwen\""));
        }
    }

    @Test
    void flags_build_the_script() {
        FakeScript script = FakeScript.fromArgs("--port", "0", "--first-token-ms", "200", "--token-ms", "25", "--tokens", "40",
                                                "--echo", "--split-utf8", "--drop-after", "7", "--models", "a:1,b:2");
        assertEquals(Duration.ofMillis(200), script.firstTokenDelay());
        assertEquals(Duration.ofMillis(25), script.tokenDelay());
        assertEquals(40, script.tokens().size());
        assertEquals(FakeScript.GERMAN_REPLY, script.tokens().subList(0, FakeScript.GERMAN_REPLY.size()));
        assertTrue(script.echo() && script.splitUtf8());
        assertEquals(7, script.dropAfter());
        assertEquals(List.of("a:1", "b:2"), script.models());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeScript.fromArgs("--tokns", "3"));
        assertThat(e.getMessage(), containsString("--tokns"));
    }
}
