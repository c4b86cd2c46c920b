package com.kidmodstudio.crafty.store;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The in-memory fallback keeps the contract, and is bounded.
 */
class MemoryConversationStoreTest extends ConversationStoreContract {

    @Override
    ConversationStore open() {
        return new MemoryConversationStore(100, "de", "llama3.2:latest", clock, "/nowhere/crafty.db", "locked");
    }

    @Test
    void least_recently_used_session_is_forgotten_at_capacity() {
        ConversationStore small = new MemoryConversationStore(2, "de", null, clock, "x", "w");
        small.begin("a", "q", false, false);
        small.begin("b", "q", false, false);
        small.find("a");
        small.begin("c", "q", false, false);
        assertThat(small.list().size(), is(2));
        assertThat(small.find("a").isPresent(), is(true));
        assertThat(small.find("b").isPresent(), is(false));
    }

    @Test
    void status_says_it_is_a_fallback_and_why() {
        StoreStatus status = store.status();
        assertThat(status.status(), is("fallback"));
        assertThat(status.engine(), is("memory"));
        assertThat(status.path(), is("/nowhere/crafty.db"));
        assertThat(status.warning(), is("locked"));
    }
}
