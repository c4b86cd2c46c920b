package com.kidmodstudio.crafty.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.OwnerOnly;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.config.UserDataDir;

/**
 * Sends the JDK's logging, once per process, as JSON lines to standard error and to a size-capped
 * set of rotating files ({@code log.files} × {@code log.size}, by default 5 × 2 MiB in the user
 * data directory's {@code logs/}), and keeps the last lines in memory for the diagnostics bundle.
 * The files are owner-only, and so are the data directory and its {@code logs/} (see
 * {@link OwnerOnly}); a configured {@code log.dir} that already exists keeps its mode. A warning
 * the web server repeats is written once a minute with a count ({@link RepeatFilter}).
 */
public final class LogSetup {
    /** Helidon's switch that leaves {@code java.util.logging} to the application. */
    static final String HELIDON_LOGGING_OFF = "io.helidon.logging.config.disabled";
    private static final int RECENT_LINES = 500;
    private static final Duration REPEAT_WINDOW = Duration.ofMinutes(1);
    private static volatile RecentLines recent;
    private static volatile RepeatFilter repeats;

    private LogSetup() {
    }

    /**
     * The logging of a start until {@link #install} replaces it: the sidecar's embedded
     * {@code logging.properties} (one line per record on standard error, Helidon's own records
     * from {@code WARNING}). Only that file: Helidon's own set-up ({@code LogConfig}), which
     * {@code Main} called before, first looked for a {@code logging.properties} in the working
     * directory and took 15-20 ms of the start (loading its logging provider as a service, the
     * process's first annotation proxy). Left to itself it would still run, from the web server's
     * shutdown hook, after {@link #install} and over it; so it is switched off
     * ({@value #HELIDON_LOGGING_OFF}).
     */
    public static void defaults() {
        System.setProperty(HELIDON_LOGGING_OFF, "true");
        try (InputStream in = LogSetup.class.getResourceAsStream("/logging.properties")) {
            if (in == null) {
                throw new IllegalStateException("logging.properties is missing from the sidecar's jar");
            }
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the root logger's handlers.
     *
     * @param log the {@code log} subtree
     * @return where the log files go, or {@code null} when file logging is off
     */
    public static Path install(Config log) {
        Level level = level(log);
        String dir = Settings.string(log, "dir", "");
        int files = Settings.integer(log, "files", 5, 1, 100);
        int size = Settings.integer(log, "size", 2 * 1024 * 1024, 64 * 1024, 512 * 1024 * 1024);
        Path logDir = "off".equalsIgnoreCase(dir) ? null : dir.isEmpty() ? UserDataDir.resolve().resolve("logs") : Path.of(dir);
        boolean own = dir.isEmpty();

        LogManager.getLogManager().reset();
        if (repeats != null) {
            repeats.close();
        }
        RepeatFilter filter = new RepeatFilter(REPEAT_WINDOW);
        repeats = filter;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        JsonLogFormatter json = new JsonLogFormatter();
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(level);
        console.setFormatter(json);
        console.setFilter(filter);
        root.addHandler(console);
        RecentLines lines = new RecentLines(RECENT_LINES);
        lines.setLevel(level);
        lines.setFilter(filter);
        root.addHandler(lines);
        recent = lines;
        Logger.getLogger("io.helidon").setLevel(Level.WARNING);
        Logger.getLogger("io.helidon.webserver.LoomServer").setLevel(Level.INFO);
        if (logDir != null) {
            try {
                if (own) {
                    OwnerOnly.folder(logDir.getParent());
                    OwnerOnly.folder(logDir);
                } else {
                    OwnerOnly.folderIfMissing(logDir);
                }
                FileHandler file = new OwnerOnlyFileHandler(logDir, "crafty-", size, files);
                file.setEncoding("UTF-8");
                file.setFormatter(json);
                file.setLevel(level);
                file.setFilter(filter);
                root.addHandler(file);
            } catch (IOException e) {
                Logger.getLogger(LogSetup.class.getName()).warning(() -> "cannot write log files to " + logDir + ": "
                        + e.getMessage() + "; logging to standard error only");
                return null;
            }
        }
        return logDir;
    }

    /**
     * The last log lines of this process, content-free unless {@code log.content} is on.
     *
     * @return the lines, oldest first; empty before {@link #install}
     */
    public static List<String> recentLines() {
        RecentLines lines = recent;
        return lines == null ? List.of() : lines.lines();
    }

    private static Level level(Config log) {
        String raw = Settings.string(log, "level", "INFO");
        try {
            return Level.parse(raw.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("log.level", raw, "expected SEVERE, WARNING, INFO, FINE, ALL or OFF");
        }
    }
}
