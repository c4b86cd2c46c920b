package com.kidmodstudio.crafty.observe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import com.kidmodstudio.crafty.protocol.Json;

/**
 * Formats every log record as one line of JSON: {@code ts}, {@code level}, {@code logger},
 * {@code msg}, then the event's fields when the record carries a field map as its only
 * parameter (see {@link Telemetry}), and {@code error} with the exception's class and message.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            line.put("msg", record.getMessage());
            fields.forEach((key, value) -> line.put(String.valueOf(key), value));
        } else {
            line.put("msg", formatMessage(record));
        }
        if (record.getThrown() != null) {
            Throwable thrown = record.getThrown();
            line.put("error", thrown.getClass().getName() + ": " + thrown.getMessage());
            StackTraceElement[] stack = thrown.getStackTrace();
            if (stack.length > 0) {
                line.put("at", stack[0].toString());
            }
        }
        String json;
        try {
            json = Json.write(line);
        } catch (IllegalArgumentException noJsonForm) {
            // a field of a type JSON has no form for: the line is still written, every value as text
            line.replaceAll((key, value) -> value == null ? null : String.valueOf(value));
            json = Json.write(line);
        }
        return json + System.lineSeparator();
    }
}
