package com.kidmodstudio.crafty.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.SqliteConversationStore;

/**
 * Books talk time for today into a history file, as a day of talking would have: for the
 * renderer's end-to-end test of the daily limit, which cannot wait an hour.
 * {@code java -cp test-classes:libs/* com.kidmodstudio.crafty.testing.SeedUsage <db> <minutes>}.
 */
public final class SeedUsage {
    private SeedUsage() {
    }

    /**
     * Adds the minutes to today's talk time (the local day of this machine).
     *
     * @param args the database file and the minutes
     */
    public static void main(String[] args) {
        Clock clock = Clock.systemDefaultZone();
        try (ConversationStore store = SqliteConversationStore.open(args[0], Duration.ofSeconds(10), "de", null, clock)) {
            store.parentRecords().addUsage(LocalDate.now(clock), Duration.ofMinutes(Long.parseLong(args[1])).toMillis());
        }
        System.out.println("SEEDED");
    }
}
