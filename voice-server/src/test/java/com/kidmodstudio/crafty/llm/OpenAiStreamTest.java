package com.kidmodstudio.crafty.llm;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Lines and error bodies the fakes do not send but real OpenAI-compatible servers do. */
class OpenAiStreamTest {
    private final OpenAiStream format = new OpenAiStream(false);

    @Test
    void reads_a_data_line_without_the_space() throws IOException {
        assertEquals(ReplyLine.text("Hal", ReplyLine.End.MORE),
                     format.decode("data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"},\"finish_reason\":null}]}"));
    }

    @Test
    void finish_reason_completes_the_reply_and_done_ends_the_stream() throws IOException {
        assertEquals(ReplyLine.text("", ReplyLine.End.FINISHED),
                     format.decode("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"));
        assertEquals(ReplyLine.text("", ReplyLine.End.STREAM), format.decode("data: [DONE]"));
    }

    @Test
    void skips_usage_chunks_comments_and_other_fields() throws IOException {
        assertEquals(ReplyLine.NOTHING, format.decode("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":26,\"completion_tokens\":42}}"));
        assertEquals(ReplyLine.NOTHING, format.decode(": keep-alive"));
        assertEquals(ReplyLine.NOTHING, format.decode("event: message"));
        assertEquals(ReplyLine.NOTHING, format.decode("id: 7"));
        assertEquals(ReplyLine.NOTHING, format.decode("retry: 3000"));
    }

    @Test
    void reasoning_is_a_token_that_is_not_spoken() throws IOException {
        assertEquals(ReplyLine.THINKING,
                     format.decode("data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Hmm\"},\"finish_reason\":null}]}"));
        assertEquals(ReplyLine.THINKING,
                     format.decode("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning\":\"Hmm\"},\"finish_reason\":null}]}"));
    }

    @Test
    void the_role_announcement_is_no_token() throws IOException {
        ReplyLine line = format.decode("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        assertEquals(ReplyLine.NOTHING, line);
    }

    @Test
    void reads_llama_cpp_error_events() throws IOException {
        ReplyLine line = format.decode("error: {\"code\":500,\"message\":\"the request exceeds the available context size\",\"type\":\"exceed_context_size_error\"}");
        assertEquals("the request exceeds the available context size (500)", line.error());
    }

    @Test
    void reads_error_bodies_in_every_shape() {
        assertEquals(new OpenAiStream.ApiError("The model `x` does not exist.", "invalid_request_error", "model_not_found"),
                     OpenAiStream.apiError("{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}"));
        assertEquals(new OpenAiStream.ApiError("Model not found", "NotFoundError", "404"),
                     OpenAiStream.apiError("{\"object\":\"error\",\"message\":\"Model not found\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}"));
        assertEquals(new OpenAiStream.ApiError("model \"x\" not found", null, null),
                     OpenAiStream.apiError("{\"error\":\"model \\\"x\\\" not found\"}"));
        assertEquals(null, OpenAiStream.apiError("<html>Bad Gateway</html>"));
    }

    @Test
    void a_404_with_a_numeric_code_is_a_missing_model() {
        EngineException e = format.httpError(404, "{\"error\":{\"code\":404,\"message\":\"model not loaded\",\"type\":\"not_found_error\"}}", "qwen");
        assertEquals(ErrorCode.MODEL_MISSING, e.code());
    }

    @Test
    void refuses_a_data_line_that_is_not_json() {
        assertThrows(IOException.class, () -> format.decode("data: Hallo"));
    }
}
