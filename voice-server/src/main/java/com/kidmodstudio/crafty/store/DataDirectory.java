package com.kidmodstudio.crafty.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where an application keeps its user's data, by the platform's convention: Linux
 * {@code $XDG_DATA_HOME/crafty} (default {@code ~/.local/share/crafty}), macOS
 * {@code ~/Library/Application Support/Crafty}, Windows {@code %APPDATA%\Crafty}.
 */
final class DataDirectory {
    private DataDirectory() {
    }

    /**
     * The default database file for this user on this machine.
     *
     * @return e.g. {@code /home/kim/.local/share/crafty/crafty.db}
     */
    static Path defaultDatabase() {
        return database(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The database file for a platform.
     *
     * @param osName the {@code os.name} property
     * @param env    the environment ({@code XDG_DATA_HOME}, {@code APPDATA})
     * @param home   the user's home directory
     * @return the database path
     */
    static Path database(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.getOrDefault("APPDATA", "");
            Path roaming = appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData);
            return roaming.resolve("Crafty").resolve("crafty.db");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Crafty").resolve("crafty.db");
        }
        String xdg = env.getOrDefault("XDG_DATA_HOME", "");
        // the XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored
        Path data = xdg.isBlank() || !Path.of(xdg).isAbsolute() ? home.resolve(".local").resolve("share") : Path.of(xdg);
        return data.resolve("crafty").resolve("crafty.db");
    }
}
