package com.kidmodstudio.crafty.store;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The history file's default place follows each platform's convention.
 */
class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/kim");

    @Test
    void linux_uses_xdg_data_home_or_local_share() {
        assertThat(DataDirectory.database("Linux", Map.of(), HOME), is(Path.of("/home/kim/.local/share/crafty/crafty.db")));
        assertThat(DataDirectory.database("Linux", Map.of("XDG_DATA_HOME", "/data"), HOME),
                   is(Path.of("/data/crafty/crafty.db")));
        assertThat("a relative XDG_DATA_HOME is ignored, as the spec says",
                   DataDirectory.database("Linux", Map.of("XDG_DATA_HOME", "data"), HOME),
                   is(Path.of("/home/kim/.local/share/crafty/crafty.db")));
    }

    @Test
    void macos_uses_application_support() {
        assertThat(DataDirectory.database("Mac OS X", Map.of(), HOME),
                   is(Path.of("/home/kim/Library/Application Support/Crafty/crafty.db")));
    }

    @Test
    void windows_uses_appdata() {
        assertThat(DataDirectory.database("Windows 11", Map.of("APPDATA", "/roaming"), HOME),
                   is(Path.of("/roaming/Crafty/crafty.db")));
        assertThat(DataDirectory.database("Windows 11", Map.of(), HOME),
                   is(Path.of("/home/kim/AppData/Roaming/Crafty/crafty.db")));
    }

    @Test
    void memory_and_relative_paths_are_understood() {
        assertThat(ConversationStoreFactory.location(":memory:"), is(":memory:"));
        assertThat(ConversationStoreFactory.location("history.db"),
                   is(Path.of("history.db").toAbsolutePath().normalize().toString()));
    }
}
