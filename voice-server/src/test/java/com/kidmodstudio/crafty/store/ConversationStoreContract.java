package com.kidmodstudio.crafty.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.safety.Category;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * What every {@link ConversationStore} does; each implementation's test extends this.
 */
abstract class ConversationStoreContract {
    protected final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    protected ConversationStore store;

    /**
     * Opens a fresh, empty store.
     *
     * @return the store
     */
    abstract ConversationStore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void exchange(String session, String question, String answer) {
        store.reply(store.begin(session, question, false, false).reply(), answer, false);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void begin_creates_the_session_titled_by_its_first_question() {
        exchange("s1", "Wie baue ich ein Haus aus Obsidian, das auch einem Creeper standhält und schön aussieht?", "So.");
        exchange("s1", "Und ein Dach?", "Mit Treppen.");
        StoredSession session = store.find("s1").orElseThrow();
        assertThat(session.title(), is("Wie baue ich ein Haus aus Obsidian, das auch einem Creeper…"));
        assertThat(session.messages(), is(4));
        assertThat(session.language(), is("de"));
        assertThat(session.model(), is("llama3.2:latest"));
        assertThat(session.updated().isAfter(session.created()), is(true));
    }

    @Test
    void list_is_newest_first_and_a_created_session_keeps_its_title() {
        StoredSession named = store.create("named", "Mein Schloss", "qwen2.5:3b");
        clock.advance(Duration.ofSeconds(1));
        exchange("chatted", "Hallo", "Hi!");
        assertThat(store.list().stream().map(StoredSession::id).toList(), contains("chatted", "named"));
        assertThat(named.messages(), is(0));
        assertThat(named.model(), is("qwen2.5:3b"));
        exchange("named", "Erste Frage", "Antwort");
        assertThat(store.find("named").orElseThrow().title(), is("Mein Schloss"));
        assertThat(store.list().getFirst().id(), is("named"));
    }

    @Test
    void an_empty_reply_is_hidden_until_it_has_text() {
        ConversationStore.Exchange exchange = store.begin("s", "Frage", true, true);
        assertThat(store.recent("s", 10).size(), is(1));
        assertThat(store.find("s").orElseThrow().messages(), is(1));
        store.reply(exchange.reply(), "Ant", true);
        List<StoredMessage> partial = store.recent("s", 10);
        assertThat(partial.get(1).text(), is("Ant"));
        assertThat(partial.get(1).partial(), is(true));
        assertThat(partial.get(0).voice(), is(true));
        store.reply(exchange.reply(), "Antwort", false);
        assertThat(store.recent("s", 10).get(1).partial(), is(false));
    }

    @Test
    void pages_walk_back_through_the_history_without_gaps() {
        for (int i = 0; i < 60; i++) {
            exchange("s", "q" + i, "a" + i);
        }
        exchange("other", "nicht hier", "nein");
        List<String> seen = new ArrayList<>();
        MessagePage page = store.page("s", Long.MAX_VALUE, 50);
        assertThat(page.messages().getLast().text(), is("a59"));
        while (true) {
            List<String> texts = page.messages().stream().map(StoredMessage::text).toList();
            seen.addAll(0, texts);
            if (page.before() == null) {
                break;
            }
            page = store.page("s", page.before(), 50);
        }
        assertThat(seen.size(), is(120));
        for (int i = 0; i < 60; i++) {
            assertThat(seen.get(2 * i), is("q" + i));
            assertThat(seen.get(2 * i + 1), is("a" + i));
        }
        MessagePage exact = store.page("s", Long.MAX_VALUE, 120);
        assertThat("no cursor when nothing older is left", exact.before(), is(nullValue()));
    }

    @Test
    void rename_and_delete_report_unknown_sessions() {
        exchange("s", "Frage", "Antwort");
        assertThat(store.rename("s", "Neuer Titel").orElseThrow().title(), is("Neuer Titel"));
        assertThat(store.rename("nope", "x").isPresent(), is(false));
        assertThat(store.delete("s"), is(true));
        assertThat(store.delete("s"), is(false));
        assertThat(store.find("s").isPresent(), is(false));
        assertThat(store.page("s", Long.MAX_VALUE, 10).messages().size(), is(0));
    }

    @Test
    void purge_deletes_sessions_idle_since_before_the_cutoff() {
        exchange("old", "früher", "ja");
        clock.advance(Duration.ofDays(100));
        exchange("new", "jetzt", "ja");
        Retention retention = Retention.start(store, Duration.ofDays(90), clock);
        retention.close();
        assertThat(store.list().stream().map(StoredSession::id).toList(), contains("new"));
        assertThat(store.page("old", Long.MAX_VALUE, 10).messages().size(), is(0));
    }

    @Test
    void concurrent_writers_on_one_session_keep_every_exchange_whole() throws Exception {
        int writers = 8;
        int each = 20;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String question = "w" + writer + "-q" + i;
                        ConversationStore.Exchange exchange = store.begin("shared", question, false, false);
                        store.reply(exchange.reply(), "answer to", true);
                        store.reply(exchange.reply(), "answer to " + question, false);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        List<StoredMessage> all = store.page("shared", Long.MAX_VALUE, 1000).messages();
        assertThat(all.size(), is(writers * each * 2));
        for (int i = 0; i < all.size(); i += 2) {
            assertThat(all.get(i).role(), is("user"));
            assertThat(all.get(i + 1).role(), is("assistant"));
            assertThat(all.get(i + 1).text(), is("answer to " + all.get(i).text()));
            assertThat(all.get(i + 1).partial(), is(false));
        }
        assertThat(all.stream().map(StoredMessage::text).distinct().count(), is((long) all.size()));
    }

    @Test
    void safety_events_are_kept_by_category_and_time_newest_first_and_purged_with_old_chats() {
        Instant first = clock.instant();
        store.record(Category.SELF_HARM, first);
        store.record(Category.PERSONAL_DATA, first.plusSeconds(60));
        assertThat(store.safetyEvents(Instant.EPOCH), is(List.of(
                new ConversationStore.SafetyEvent("personal_data", first.plusSeconds(60)),
                new ConversationStore.SafetyEvent("self_harm", first))));
        assertThat(store.safetyEvents(first.plusSeconds(1)).size(), is(1));
        store.purge(first.plusSeconds(30));
        assertThat(store.safetyEvents(Instant.EPOCH),
                   is(List.of(new ConversationStore.SafetyEvent("personal_data", first.plusSeconds(60)))));
    }

    @Test
    void a_hidden_session_leaves_the_childs_list_but_not_the_parents() {
        store.begin("kept", "Zugbrücke", false, false);
        clock.advance(Duration.ofSeconds(1));
        store.begin("hidden", "Geheimes Versteck", false, false);
        assertThat(store.hide("hidden"), is(true));
        assertThat(store.hide("nobody"), is(false));
        assertThat(store.list().stream().map(StoredSession::id).toList(), contains("kept"));
        assertThat(store.listAll().stream().map(StoredSession::id).toList(), contains("hidden", "kept"));
        assertThat(store.find("hidden").orElseThrow().hidden(), is(true));
        assertThat("its messages stay", store.recent("hidden", 10).getFirst().text(), is("Geheimes Versteck"));
        assertThat(store.delete("hidden"), is(true));
        assertThat(store.listAll().size(), is(1));
    }

    @Test
    void parent_settings_and_usage_are_kept() {
        ParentRecords records = store.parentRecords();
        assertThat(records.settings().isEmpty(), is(true));
        records.saveSettings(java.util.Map.of("dailyLimitMinutes", "60", "guard", "true"));
        records.saveSettings(java.util.Map.of("dailyLimitMinutes", "30"));
        assertThat(records.settings(), is(java.util.Map.of("dailyLimitMinutes", "30")));
        java.time.LocalDate day = java.time.LocalDate.parse("2026-03-01");
        assertThat(records.usage(day), is(0L));
        records.addUsage(day, 1500);
        records.addUsage(day, 500);
        assertThat(records.usage(day), is(2000L));
        assertThat(records.usage(day.plusDays(1)), is(0L));
    }
}
