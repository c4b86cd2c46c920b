package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.net.URI;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.fakes.FakeExchange;
import com.kidmodstudio.crafty.fakes.FakeHttpServer;
import com.kidmodstudio.crafty.fakes.FakeOpenAi;
import com.kidmodstudio.crafty.fakes.FakeScript;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiChatModelTest extends ChatModelContract<FakeOpenAi> {
    private static final String KEY = "sk-crafty-test-0123456789";

    @Override
    FakeScript.Builder<FakeOpenAi> fake() {
        return FakeOpenAi.builder();
    }

    @Override
    ChatModel model(String url, String model, LlmTimeouts timeouts) {
        return new OpenAiChatModel(URI.create(url), model, "", timeouts);
    }

    private static OpenAiChatModel withKey(FakeOpenAi fake, String key) {
        return new OpenAiChatModel(URI.create(fake.url()), FakeScript.DEFAULT_MODEL, key, LlmTimeouts.DEFAULTS);
    }

    @Test
    void posts_chat_completions_without_authorization_when_no_key_is_set() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().tokens("Ja.").start()) {
            assertEquals("Ja.", StreamRun.start(model(fake), "Hallo").reply());
            assertEquals("POST", fake.requests().getFirst().method());
            assertEquals("/v1/chat/completions", fake.requests().getFirst().path());
            assertNull(fake.requests().getFirst().header("Authorization"));
        }
    }

    @Test
    void sends_the_api_key_as_bearer_token() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().apiKey(KEY).tokens("Ja.").start()) {
            assertEquals("Ja.", StreamRun.start(withKey(fake, KEY), "Hallo").reply());
            assertEquals("Bearer " + KEY, fake.requests().getFirst().header("Authorization"));
            assertTrue(withKey(fake, KEY).probe().available());
            assertEquals("Bearer " + KEY, fake.requests().getLast().header("Authorization"));
        }
    }

    @Test
    void a_missing_key_is_an_error_saying_to_set_one() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().apiKey(KEY).start()) {
            EngineException e = llmFailure(StreamRun.start(withKey(fake, ""), "Hallo"));
            assertEquals(ErrorCode.LLM_ERROR, e.code());
            assertThat(e.getMessage(), containsString("HTTP 401"));
            assertThat(e.getMessage(), containsString("needs an API key: set llm.api.key (LLM_API_KEY)"));
        }
    }

    @Test
    void a_wrong_key_is_an_error_about_the_key_that_does_not_show_it() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().apiKey(KEY).start()) {
            OpenAiChatModel wrong = withKey(fake, "sk-wrong-secret");
            EngineException e = llmFailure(StreamRun.start(wrong, "Hallo"));
            assertEquals(ErrorCode.LLM_ERROR, e.code());
            assertThat(e.getMessage(), containsString("refused the API key in llm.api.key (LLM_API_KEY)"));
            assertThat(e.getMessage(), containsString("invalid_api_key"));
            assertThat(e.getMessage(), not(containsString("sk-wrong-secret")));
            assertThat(wrong.probe().lastError(), containsString("refused the API key"));
            assertThat(wrong.probe().toString(), not(containsString("sk-wrong-secret")));
        }
    }

    @Test
    void missing_model_is_reported_by_its_error_code() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().models("llama3.2:latest").start()) {
            EngineException e = llmFailure(StreamRun.start(model(fake.url(), "gpt-4o", LlmTimeouts.DEFAULTS), "Hallo"));
            assertEquals(ErrorCode.MODEL_MISSING, e.code());
            assertThat(e.getMessage(), containsString("model_not_found"));
        }
    }

    @Test
    void accepts_a_base_url_with_or_without_v1() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().tokens("Ja.").start()) {
            for (String url : new String[] {fake.url(), fake.url() + "/v1", fake.url() + "/v1/"}) {
                ChatModel model = model(url, FakeScript.DEFAULT_MODEL, LlmTimeouts.DEFAULTS);
                assertEquals("Ja.", StreamRun.start(model, "Hallo").reply(), url);
                assertEquals(fake.url(), model.unprobed().location());
            }
            assertTrue(fake.requests().stream().allMatch(r -> r.path().equals("/v1/chat/completions")));
        }
    }

    @Test
    void a_stream_that_ends_after_its_finish_reason_without_done_is_complete() throws Exception {
        try (FakeHttpServer terse = new FakeHttpServer(0) {
            @Override
            protected void handle(FakeExchange exchange) throws IOException {
                exchange.startChunked(200, "text/event-stream");
                exchange.chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ja\"},\"finish_reason\":null}]}\n\n");
                exchange.finish("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            }
        }.listen()) {
            assertEquals("Ja", StreamRun.start(model(terse.url(), "", LlmTimeouts.DEFAULTS), "Hallo").reply());
        }
    }

    @Test
    void a_server_with_one_model_serves_an_empty_model_name() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().models("Llama-3.2-3B-Instruct-Q4_K_M.gguf").tokens("Ja.").start()) {
            ChatModel model = model(fake.url(), "", LlmTimeouts.DEFAULTS);
            assertEquals("Ja.", StreamRun.start(model, "Hallo").reply());
            assertTrue(JSON.readTree(fake.requests().getFirst().body()).path("model").isMissingNode());
            assertEquals(Boolean.TRUE, model.probe().modelPresent());
        }
    }
}
