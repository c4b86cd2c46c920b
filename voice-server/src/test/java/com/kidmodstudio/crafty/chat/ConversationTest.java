package com.kidmodstudio.crafty.chat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kidmodstudio.crafty.llm.ChatMessage;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.Retention;
import com.kidmodstudio.crafty.store.SqliteConversationStore;
import com.kidmodstudio.crafty.store.StoredMessage;
import com.kidmodstudio.crafty.turn.Texts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class ConversationTest {
    private final ConversationStore store = SqliteConversationStore.open(":memory:", Duration.ofSeconds(1), "de", "m",
                                                                         Clock.systemUTC());

    @AfterEach
    void close() {
        store.close();
    }

    private Conversations conversations(Duration saveEvery) {
        return new Conversations(store, Retention.start(store, Duration.ZERO, Clock.systemUTC()), saveEvery);
    }

    @Test
    void context_is_system_prompt_then_last_messages_then_question() {
        Conversation conversation = conversations(Duration.ofSeconds(1)).open(null).conversation();
        for (int i = 0; i < 15; i++) {
            conversation.begin("q" + i, Medium.TEXT).complete("a" + i);
        }
        List<ChatMessage> context = conversation.context("persona", 20, "now");
        assertThat(context.size(), is(22));
        assertThat(context.getFirst(), is(new ChatMessage("system", "persona")));
        assertThat(context.get(1), is(new ChatMessage("user", "q5")));
        assertThat(context.get(2), is(new ChatMessage("assistant", "a5")));
        assertThat(context.getLast(), is(new ChatMessage("user", "now")));
    }

    @Test
    void known_session_is_resumed_and_unknown_well_formed_id_is_created_with_its_first_question() {
        Conversations conversations = conversations(Duration.ofSeconds(1));
        Conversations.Opened first = conversations.open(null);
        assertThat(first.resumed(), is(false));
        assertThat("nothing is stored before the first question", store.list().size(), is(0));
        first.conversation().begin("q", Medium.TEXT).complete("a");
        Conversations.Opened again = conversations.open(first.conversation().id());
        assertThat(again.resumed(), is(true));
        assertThat(store.find(again.conversation().id()).orElseThrow().messages(), is(2));
        Conversations.Opened chosen = conversations.open("my-session");
        assertThat(chosen.resumed(), is(false));
        assertThat(chosen.conversation().id(), is("my-session"));
    }

    @Test
    void a_stopped_reply_is_kept_partial_and_an_empty_one_leaves_the_question() {
        Conversation conversation = conversations(Duration.ofSeconds(1)).open(null).conversation();
        conversation.begin("erzähl", Medium.TEXT).cut("Es war ein");
        conversation.begin("nochmal", Medium.TEXT).cut("");
        List<StoredMessage> messages = store.recent(conversation.id(), 10);
        assertThat(messages.stream().map(StoredMessage::text).toList(), is(List.of("erzähl", "Es war ein", "nochmal")));
        assertThat(messages.get(1).partial(), is(true));
    }

    @Test
    void a_failed_exchange_is_not_kept() {
        Conversation conversation = conversations(Duration.ofSeconds(1)).open(null).conversation();
        conversation.begin("bleibt", Medium.TEXT).complete("ja");
        PendingReply failed = conversation.begin("geht schief", Medium.TEXT);
        failed.progress("halb");
        failed.discard();
        assertThat(store.recent(conversation.id(), 10).stream().map(StoredMessage::text).toList(), is(List.of("bleibt", "ja")));
    }

    @Test
    void a_growing_reply_is_saved_no_more_often_than_asked() {
        Conversation often = conversations(Duration.ZERO).open(null).conversation();
        PendingReply reply = often.begin("q", Medium.VOICE);
        reply.progress("Eins");
        StoredMessage saved = store.recent(often.id(), 1).getFirst();
        assertThat(saved.text(), is("Eins"));
        assertThat(saved.partial(), is(true));
        assertThat(saved.voice(), is(true));

        Conversation rarely = conversations(Duration.ofHours(1)).open(null).conversation();
        PendingReply slow = rarely.begin("q", Medium.TEXT);
        slow.progress("Eins");
        slow.stored();
        assertThat("only the question is visible", store.recent(rarely.id(), 5).size(), is(1));
        slow.complete("Eins zwei");
        assertThat(store.recent(rarely.id(), 1).getFirst().partial(), is(false));
    }

    @Test
    void persona_speaks_the_configured_language() {
        assertThat(Persona.systemPrompt(Language.DE).contains("Deutsch"), is(true));
        assertThat(Persona.systemPrompt(Language.EN).contains("English"), is(true));
        assertThat(new Texts(Language.EN.code(), "m").welcome(false).contains("Crafty"), is(true));
        Texts german = new Texts(Language.DE.code(), "m");
        assertThat(german.welcome(true), is(not(german.welcome(false))));
    }

    @Test
    void the_question_is_stored_behind_the_turn_which_does_not_wait_for_a_busy_disk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("crafty.db");
        try (ConversationStore busy = SqliteConversationStore.open(file.toString(), Duration.ofSeconds(60), "de", "m",
                                                                   Clock.systemUTC());
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement lock = other.createStatement()) {
            Conversation conversation = new Conversations(busy, Retention.start(busy, Duration.ZERO, Clock.systemUTC()),
                                                          Duration.ofHours(1)).open(null).conversation();
            lock.execute("BEGIN IMMEDIATE");
            // another program holds the database's write lock: begin returns all the same
            PendingReply pending = conversation.begin("Wie baue ich ein Haus?", Medium.TEXT);
            pending.progress("Mit Holz");
            lock.execute("COMMIT");
            pending.complete("Mit Holz und Stein.");
            assertThat(busy.recent(conversation.id(), 10).stream().map(StoredMessage::text).toList(),
                       is(List.of("Wie baue ich ein Haus?", "Mit Holz und Stein.")));
        }
    }
}
