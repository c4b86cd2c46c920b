package com.kidmodstudio.crafty.observe;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.protocol.TestJson;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void an_event_is_one_json_line_with_its_fields() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "turn.finished");
        record.setLoggerName("crafty.events");
        record.setParameters(new Object[] {Telemetry.fields("conn", "ab12", "request", "r-1", "llmFirstTokenMs", 212L)});
        String line = formatter.format(record);
        assertThat(line, endsWith(System.lineSeparator()));
        assertThat(line.strip().lines().count(), is(1L));
        JsonNode json = TestJson.MAPPER.readTree(line);
        assertThat(json.path("msg").asText(), is("turn.finished"));
        assertThat(json.path("level").asText(), is("INFO"));
        assertThat(json.path("conn").asText(), is("ab12"));
        assertThat(json.path("llmFirstTokenMs").asLong(), is(212L));
        assertThat(json.has("ts"), is(true));
    }

    @Test
    void a_plain_message_with_a_newline_and_an_exception_stays_one_line() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "engine {0} failed\nbadly");
        record.setParameters(new Object[] {"piper"});
        record.setThrown(new IllegalStateException("boom"));
        String line = formatter.format(record);
        assertThat(line.strip().lines().count(), is(1L));
        JsonNode json = TestJson.MAPPER.readTree(line);
        assertThat(json.path("msg").asText(), is("engine piper failed\nbadly"));
        assertThat(json.path("error").asText(), containsString("IllegalStateException: boom"));
    }

    @Test
    void a_field_json_has_no_form_for_is_written_as_text_and_the_line_is_not_lost() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "engine.slow");
        record.setParameters(new Object[] {Telemetry.fields("took", Duration.ofMillis(1500), "count", 2)});
        JsonNode json = TestJson.MAPPER.readTree(formatter.format(record));
        assertThat(json.path("msg").asText(), is("engine.slow"));
        assertThat(json.path("took").asText(), is("PT1.5S"));
        assertThat(json.path("count").asText(), is("2"));
    }

    @Test
    void fields_skip_absent_values() {
        assertThat(Telemetry.fields("a", 1, "b", null), is(Map.of("a", 1)));
    }
}
