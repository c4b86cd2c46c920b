package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.protocol.ErrorCode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A recogniser that prints without end, on standard output or standard error, is stopped once
 * it passes 1 MiB and the utterance fails as {@code stt_failed}, long before its timeout, with
 * no process left; the sidecar never holds its output.
 */
class OutputCapTest {
    @TempDir
    Path dir;

    private PocketsphinxSpeechToText recogniser(String script) throws IOException {
        Path bin = dir.resolve("pocketsphinx_continuous");
        Files.writeString(bin, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return new PocketsphinxSpeechToText(bin, "en", null, null, null, Duration.ofSeconds(60),
                                            Files.createDirectories(dir.resolve("tmp")), Map.of());
    }

    @Test
    void a_recogniser_printing_forever_is_stopped_at_the_cap() throws IOException {
        assertStopped(recogniser("exec yes 'ein sehr langes Transkript'"), "standard output");
    }

    @Test
    void a_recogniser_flooding_its_error_stream_is_stopped_at_the_cap() throws IOException {
        assertStopped(recogniser("exec yes 'warning: something' 1>&2"), "standard error");
    }

    @Test
    void one_endless_line_on_the_error_stream_is_stopped_too() throws IOException {
        assertStopped(recogniser("exec tr '\\0' x < /dev/zero 1>&2"), "standard error");
    }

    private static void assertStopped(PocketsphinxSpeechToText stt, String stream) {
        long started = System.nanoTime();
        try (stt) {
            EngineException e = assertThrows(EngineException.class,
                                             () -> stt.transcribe(new byte[3200], new Cancellation()));
            assertThat(e.code(), is(ErrorCode.STT_FAILED));
            assertThat(e.getMessage(), containsString(stream + " passed 1048576 bytes"));
        }
        assertThat("stopped long before the 60 s timeout", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                   lessThan(30L));
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.endsWith("yes")
                || c.endsWith("tr")).orElse(false)).count(), is(0L));
    }
}
