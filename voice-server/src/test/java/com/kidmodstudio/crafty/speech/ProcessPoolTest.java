package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Eight utterances at once with a pool of two: a fake recogniser (a shell script that notes when
 * it starts and ends and sleeps in between) never runs more than twice at the same time, and
 * every utterance is still answered.
 */
class ProcessPoolTest {
    @TempDir
    Path dir;

    @Test
    void a_pool_of_two_runs_at_most_two_recognisers_and_queues_the_rest() throws Exception {
        Path log = dir.resolve("runs.log");
        Path bin = dir.resolve("pocketsphinx_continuous");
        Files.writeString(bin, "#!/bin/sh\necho start >> '" + log + "'\nsleep 0.3\necho end >> '" + log + "'\necho hallo\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        try (PocketsphinxSpeechToText stt = new PocketsphinxSpeechToText(bin, "en", null, null, null, Duration.ofSeconds(60),
                                                                         Files.createDirectories(dir.resolve("tmp")),
                                                                         Map.of(), 2)) {
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(CompletableFuture.supplyAsync(() -> transcribe(stt)));
            }
            for (CompletableFuture<String> one : all) {
                assertThat(one.get(60, TimeUnit.SECONDS), is("hallo"));
            }
        }
        int running = 0;
        int most = 0;
        for (String line : Files.readAllLines(log)) {
            running += "start".equals(line) ? 1 : -1;
            most = Math.max(most, running);
        }
        assertThat(most, lessThanOrEqualTo(2));
        assertThat(Files.readAllLines(log).size(), is(16));
    }

    private static String transcribe(PocketsphinxSpeechToText stt) {
        try {
            return stt.transcribe(new byte[3200], new Cancellation());
        } catch (EngineException e) {
            throw new IllegalStateException(e);
        }
    }
}
