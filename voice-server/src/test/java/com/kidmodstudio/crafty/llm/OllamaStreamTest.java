package com.kidmodstudio.crafty.llm;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines of Ollama's stream, decoded one by one. */
class OllamaStreamTest {
    private final OllamaStream format = new OllamaStream();

    @Test
    void a_token_line_is_its_content() throws IOException {
        ReplyLine line = format.decode("{\"model\":\"llama3.2\",\"created_at\":\"2024-10-06T10:00:00.123456789Z\","
                                       + "\"message\":{\"role\":\"assistant\",\"content\":\"Hal\"},\"done\":false}");
        assertEquals(ReplyLine.text("Hal", ReplyLine.End.MORE), line);
        assertTrue(line.token());
    }

    @Test
    void the_done_line_ends_the_stream() throws IOException {
        assertEquals(ReplyLine.text("", ReplyLine.End.STREAM),
                     format.decode("{\"model\":\"llama3.2\",\"created_at\":\"2024-10-06T10:00:02.5Z\",\"message\":{\"role\":\"assistant\","
                                   + "\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":2489123456,"
                                   + "\"eval_count\":42}"));
    }

    @Test
    void thinking_is_a_token_that_is_not_spoken() throws IOException {
        assertEquals(ReplyLine.THINKING,
                     format.decode("{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Hmm\"},\"done\":false}"));
    }

    @Test
    void an_error_line_is_a_failure() throws IOException {
        assertEquals("an error was encountered while running the model: unexpected EOF",
                     format.decode("{\"error\":\"an error was encountered while running the model: unexpected EOF\"}").error());
    }

    @Test
    void a_line_that_is_not_json_is_refused() {
        assertThrows(IOException.class, () -> format.decode("Hallo"));
        assertThrows(IOException.class, () -> format.decode("null"));
    }
}
