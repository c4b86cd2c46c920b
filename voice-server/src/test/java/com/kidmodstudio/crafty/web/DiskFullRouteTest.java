package com.kidmodstudio.crafty.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.TestCrafty;
import com.kidmodstudio.crafty.fakes.FakeOllama;
import com.kidmodstudio.crafty.protocol.TestJson;
import com.kidmodstudio.crafty.testing.TestServer;
import com.kidmodstudio.crafty.testing.WsClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The history on a really full disk (a 512 KiB tmpfs, filled up after start): {@code /status}
 * says {@code disk_full} and why, a {@code session:*} request gets {@code store_failed} saying the
 * disk is full, the chat goes on, and once there is room again the history is saved again.
 * Needs root to mount the tmpfs; skipped elsewhere ({@code DiskFullTest} covers the store).
 */
class DiskFullRouteTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void a_full_disk_is_named_in_status_and_to_the_client_and_the_chat_goes_on() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", disk.toString()), "can mount a tmpfs");
        try (FakeOllama ollama = FakeOllama.builder().echo().tokenDelay(Duration.ofMillis(1)).start();
             TestCrafty.Running server = TestCrafty.start(Map.of("ollama.url", ollama.url(), "store.path",
                                                                 disk.resolve("crafty.db").toString()));
             WsClient client = WsClient.connect(TestServer.ws(server.port(), "/chat"))) {
            client.nextJson();
            Path filler = disk.resolve("filler");
            fill(filler);

            client.send("{\"action\":\"chat\",\"payload\":\"Ist noch Platz?\"}");
            assertThat(client.until(m -> m.path("done").asBoolean()).getLast().json().path("fullContent").asText(),
                       containsString("Ist noch Platz?"));
            client.send("{\"action\":\"session:create\",\"title\":\"Neu\",\"requestId\":\"c-1\"}");
            JsonNode error = client.await("session:error");
            assertThat(error.path("code").asText(), is("store_failed"));
            assertThat(error.path("error").asText(), containsString("the disk is full"));
            JsonNode store = status(server).path("store");
            assertThat(store.path("status").asText(), is("disk_full"));
            assertThat(store.path("lastError").asText(), containsString("the disk is full"));

            Files.delete(filler);
            client.send("{\"action\":\"session:create\",\"title\":\"Wieder Platz\",\"requestId\":\"c-2\"}");
            assertThat(client.await("session:created").path("requestId").asText(), is("c-2"));
            assertThat(status(server).path("store").path("status").asText(), is("ok"));
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    /** Writes until the file system says there is no space left. */
    private static void fill(Path filler) {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // "No space left on device": exactly what the test wants
        }
    }

    private static JsonNode status(TestCrafty.Running server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(server.port(), "/status")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        return TestJson.MAPPER.readTree(response.body());
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
