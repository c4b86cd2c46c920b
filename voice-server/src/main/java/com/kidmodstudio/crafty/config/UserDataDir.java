package com.kidmodstudio.crafty.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Crafty keeps its files on this computer, following each system's convention:
 * {@code $XDG_DATA_HOME/crafty} or {@code ~/.local/share/crafty} on Linux,
 * {@code ~/Library/Application Support/Crafty} on macOS, {@code %APPDATA%\Crafty} on Windows.
 */
public final class UserDataDir {
    private UserDataDir() {
    }

    /**
     * The directory for this process's environment.
     *
     * @return the directory (not created)
     */
    public static Path resolve() {
        return resolve(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    static Path resolve(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData == null || appData.isBlank() ? Path.of(home, "AppData", "Roaming") : Path.of(appData)).resolve("Crafty");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Crafty");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? Path.of(home, ".local", "share") : Path.of(xdg)).resolve("crafty");
    }
}
