package com.kidmodstudio.crafty.chat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.llm.ChatMessage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class ConversationTest {

    @Test
    void context_is_system_prompt_then_last_messages_then_question() {
        Conversation conversation = new Conversation("s");
        for (int i = 0; i < 15; i++) {
            conversation.record("q" + i, "a" + i);
        }
        List<ChatMessage> context = conversation.context("persona", 20, "now");
        assertThat(context.size(), is(22));
        assertThat(context.getFirst(), is(new ChatMessage("system", "persona")));
        assertThat(context.get(1), is(new ChatMessage("user", "q5")));
        assertThat(context.get(2), is(new ChatMessage("assistant", "a5")));
        assertThat(context.getLast(), is(new ChatMessage("user", "now")));
    }

    @Test
    void memory_is_bounded() {
        Conversation conversation = new Conversation("s");
        for (int i = 0; i < Conversation.KEPT; i++) {
            conversation.record("q" + i, "a" + i);
        }
        assertThat(conversation.size(), is(Conversation.KEPT));
    }

    @Test
    void known_session_is_resumed_and_unknown_well_formed_id_is_created() {
        Conversations conversations = new Conversations(10, Duration.ofHours(1));
        Conversations.Opened first = conversations.open(null);
        assertThat(first.resumed(), is(false));
        first.conversation().record("q", "a");
        Conversations.Opened again = conversations.open(first.conversation().id());
        assertThat(again.resumed(), is(true));
        assertThat(again.conversation().size(), is(2));
        Conversations.Opened chosen = conversations.open("my-session");
        assertThat(chosen.resumed(), is(false));
        assertThat(chosen.conversation().id(), is("my-session"));
    }

    @Test
    void least_recently_used_conversation_is_forgotten_at_capacity() {
        Conversations conversations = new Conversations(2, Duration.ofHours(1));
        conversations.open("a");
        conversations.open("b");
        conversations.open("a");
        conversations.open("c");
        assertThat(conversations.size(), is(2));
        assertThat(conversations.open("a").resumed(), is(true));
        assertThat(conversations.open("b").resumed(), is(false));
    }

    @Test
    void persona_speaks_the_configured_language() {
        assertThat(Persona.systemPrompt(Language.DE).contains("Deutsch"), is(true));
        assertThat(Persona.systemPrompt(Language.EN).contains("English"), is(true));
        assertThat(Texts.welcome(Language.EN, false).contains("Crafty"), is(true));
        assertThat(Texts.welcome(Language.DE, true), is(not(Texts.welcome(Language.DE, false))));
    }
}
