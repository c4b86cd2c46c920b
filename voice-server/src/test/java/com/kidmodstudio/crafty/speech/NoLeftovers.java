package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Process and file hygiene: after each test no child process of the test JVM may be left, and
 * the directories a test registers with {@link #watch(Path)} must be empty. Processes get a
 * short grace period to be reaped; anything still alive after it is killed and reported.
 */
public final class NoLeftovers implements AfterEachCallback {
    private static final ThreadLocal<List<Path>> WATCHED = ThreadLocal.withInitial(ArrayList::new);

    /**
     * Registers a directory that must be empty after the current test.
     *
     * @param dir the directory engines write temporary files to
     * @return the same directory
     */
    public static Path watch(Path dir) {
        WATCHED.get().add(dir);
        return dir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Path> dirs = List.copyOf(WATCHED.get());
        WATCHED.get().clear();
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<ProcessHandle> alive = children();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            ProcessHandle.current().descendants().findFirst().ifPresent(p -> p.onExit().join());
            alive = children();
        }
        if (!alive.isEmpty()) {
            String names = alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
            alive.forEach(ProcessHandle::destroyForcibly);
            fail("child processes left behind: " + names);
        }
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                List<Path> left = list(dir);
                if (!left.isEmpty()) {
                    fail("temporary files left behind in " + dir + ": " + left);
                }
            }
        }
    }

    private static List<ProcessHandle> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
