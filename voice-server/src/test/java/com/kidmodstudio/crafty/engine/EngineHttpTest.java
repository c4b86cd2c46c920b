package com.kidmodstudio.crafty.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.fakes.FakeOllama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EngineHttpTest {

    @Test
    void a_plain_http_engine_is_reached_without_setting_up_tls() throws Exception {
        try (FakeOllama ollama = FakeOllama.builder().start()) {
            HttpClient client = EngineHttp.builder(URI.create(ollama.url())).build();

            HttpResponse<String> tags = client.send(HttpRequest.newBuilder(URI.create(ollama.url() + "/api/tags"))
                                                            .timeout(Duration.ofSeconds(5)).build(),
                                                    HttpResponse.BodyHandlers.ofString());

            assertThat(tags.statusCode(), is(200));
            assertThat(tags.body(), containsString("models"));
            assertThat(client.sslContext().getProtocol(), is("none"));
            assertThat(client.sslContext(), not(sameInstance(SSLContext.getDefault())));
        }
    }

    @Test
    void an_https_engine_gets_the_default_tls_context() throws Exception {
        HttpClient client = EngineHttp.builder(URI.create("https://models.example:8443")).build();

        assertThat(client.sslContext(), sameInstance(SSLContext.getDefault()));
    }

    @Test
    void the_plain_client_refuses_tls_instead_of_half_doing_it() {
        HttpClient client = EngineHttp.builder(URI.create("http://127.0.0.1:11434")).build();

        Exception refused = assertThrows(Exception.class, () -> client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:9/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()));

        assertThat(refused instanceof IOException || refused instanceof UnsupportedOperationException, is(true));
        assertThat(String.valueOf(rootMessage(refused)), containsString("TLS is not set up"));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
