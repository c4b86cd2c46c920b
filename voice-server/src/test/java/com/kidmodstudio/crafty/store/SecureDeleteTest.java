package com.kidmodstudio.crafty.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Deleted text is gone from the disk, not only from the tables: the bytes of {@code crafty.db},
 * its {@code -wal} and its {@code -shm} are searched for a marker word after a conversation, some
 * messages, or old conversations were deleted, while the store is open and after it closed.
 */
class SecureDeleteTest {
    private static final String MARKER = "Quokkageheimnis";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));

    @TempDir
    Path dir;

    private SqliteConversationStore open(Path file) {
        return SqliteConversationStore.open(file.toString(), Duration.ofMillis(500), "de", "llama3.2:latest", clock);
    }

    private static void talk(SqliteConversationStore store, String session, String words, int turns) {
        for (int i = 0; i < turns; i++) {
            var exchange = store.begin(session, words + " Frage " + i, false, false);
            store.reply(exchange.reply(), "Antwort " + i + ": " + words, true);
            store.reply(exchange.reply(), "Antwort " + i + ": " + words + " und mehr", false);
        }
    }

    @Test
    void a_deleted_conversation_is_in_none_of_the_files() throws IOException {
        Path file = dir.resolve("crafty.db");
        try (SqliteConversationStore store = open(file)) {
            talk(store, "bleibt", "Wie baue ich ein Haus?", 5);
            talk(store, "weg", "Mein " + MARKER + " heisst Kim", 40);
            talk(store, "bleibt", "Und ein Dach?", 5);
            assertThat("the marker is on disk before", holding(file), is(List.of("crafty.db-wal")));

            assertThat(store.delete("weg"), is(true));

            assertThat(holding(file), is(empty()));
            talk(store, "bleibt", "Weiter geht's", 3);
            assertThat(store.recent("bleibt", 100).size(), is(26));
        }
        assertThat(holding(file), is(empty()));
    }

    @Test
    void deleted_messages_and_purged_conversations_are_in_none_of_the_files() throws IOException {
        Path file = dir.resolve("crafty.db");
        try (SqliteConversationStore store = open(file)) {
            talk(store, "alt", "Damals " + MARKER, 20);
            clock.advance(Duration.ofDays(100));
            talk(store, "neu", "Heute", 2);
            var unanswered = store.begin("neu", "Und " + MARKER + "?", false, false);

            store.deleteMessages(unanswered.question(), unanswered.reply());
            assertThat(store.purge(clock.instant().minus(Duration.ofDays(90))), is(1));

            assertThat(holding(file), is(empty()));
            assertThat(store.recent("neu", 10).size(), is(4));
        }
    }

    /** The files of the database whose bytes contain the marker. */
    private static List<String> holding(Path file) throws IOException {
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path part = Path.of(file + suffix);
            if (Files.exists(part) && indexOf(Files.readAllBytes(part), marker) >= 0) {
                found.add(part.getFileName().toString());
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
