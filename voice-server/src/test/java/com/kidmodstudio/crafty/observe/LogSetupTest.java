package com.kidmodstudio.crafty.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.protocol.TestJson;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class LogSetupTest {

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void rotation_keeps_the_log_directory_under_its_cap_every_line_json_and_every_file_owner_only() throws Exception {
        Path dir = Files.createTempDirectory("crafty-logs");
        int size = 64 * 1024;
        int files = 3;
        LogSetup.install(Config.just(ConfigSources.create(Map.of("log.dir", dir.toString(), "log.size", String.valueOf(size),
                                                                 "log.files", String.valueOf(files)))).get("log"));
        Logger logger = Logger.getLogger("crafty.test");
        for (int i = 0; i < 5000; i++) {
            logger.info("line " + i + " " + "x".repeat(100));
        }
        LogManager.getLogManager().reset();
        long total;
        try (Stream<Path> list = Files.list(dir)) {
            total = list.filter(p -> p.toString().endsWith(".log")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(total, greaterThan((long) size));
        assertThat(total, lessThanOrEqualTo((long) size * files + 1024));
        for (String line : Files.readAllLines(dir.resolve("crafty-0.log"))) {
            assertThat(TestJson.MAPPER.readTree(line).has("msg"), is(true));
        }
        assertThat(LogSetup.recentLines().size(), is(500));
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                assertThat("after rotation " + file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                           is("rw-------"));
            }
        }
    }
}
