package com.kidmodstudio.crafty.models;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.config.UserDataDir;

/**
 * The {@code models} settings: where models go, where they come from, and how patient a
 * download is.
 *
 * @param directory  where installed models live
 * @param baseUrl    a mirror holding every file by its name, or {@code null} for the publishers' URLs
 * @param retries    attempts after a dropped or stalled connection before {@code offline}
 * @param retryDelay pause before each such attempt
 * @param idle       longest wait for the response or the next bytes before the connection counts as dropped
 * @param connect    longest wait for a TCP connection
 */
public record DownloadSettings(Path directory, URI baseUrl, int retries, Duration retryDelay, Duration idle,
                               Duration connect) {
    /**
     * Reads the {@code models} subtree.
     *
     * @param models the subtree
     * @return the settings
     */
    public static DownloadSettings create(Config models) {
        String dir = Settings.string(models, "dir", "");
        String base = Settings.string(models, "base-url", "");
        URI baseUrl = null;
        if (!base.isEmpty()) {
            try {
                baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
            } catch (IllegalArgumentException e) {
                baseUrl = null;
            }
            if (baseUrl == null || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
                throw new ConfigProblem("models.base-url", base, "expected an http:// or https:// URL");
            }
        }
        return new DownloadSettings(dir.isEmpty() ? UserDataDir.resolve().resolve("models") : Path.of(dir),
                                    baseUrl,
                                    Settings.integer(models, "retries", 5, 0, 100),
                                    Settings.duration(models, "retry", Duration.ofSeconds(2)),
                                    Settings.duration(models, "idle", Duration.ofSeconds(30)),
                                    Settings.duration(models, "connect", Duration.ofSeconds(10)));
    }

    /**
     * Where a file is downloaded from: the mirror when one is set, else its publisher.
     *
     * @param file the catalog's file
     * @return the URL
     */
    public URI source(Catalog.ModelFile file) {
        return baseUrl == null ? URI.create(file.url()) : baseUrl.resolve(file.name());
    }
}
