package com.kidmodstudio.crafty.voice;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What the child heard of a reply, from the panel's playback position: the sentences before the
 * one playing whole, and of that one only the words its played part covers.
 */
class SpokenReplyTest {
    private static final List<SpokenReply.Sentence> REPLY = List.of(
            new SpokenReply.Sentence("Hallo!", 600),
            new SpokenReply.Sentence("Ich bin Crafty, dein Helfer.", 2000),
            new SpokenReply.Sentence("Was bauen wir heute?", 1500));

    @Test
    void stopped_in_the_middle_of_a_sentence_keeps_the_words_already_played() {
        assertThat(SpokenReply.heard(REPLY, 1, 1000), is("Hallo! Ich bin Crafty,"));
    }

    @Test
    void a_word_half_played_is_not_heard() {
        assertThat(SpokenReply.heard(REPLY, 1, 700), is("Hallo! Ich bin"));
    }

    @Test
    void stopped_at_the_very_start_means_nothing_of_that_sentence() {
        assertThat(SpokenReply.heard(REPLY, 0, 0), is(""));
        assertThat(SpokenReply.heard(REPLY, 2, 0), is("Hallo! Ich bin Crafty, dein Helfer."));
    }

    @Test
    void a_sentence_played_to_its_end_is_heard_whole_and_nothing_after_the_spoken_ones() {
        assertThat(SpokenReply.heard(REPLY, 2, 1500), is("Hallo! Ich bin Crafty, dein Helfer. Was bauen wir heute?"));
        assertThat(SpokenReply.heard(REPLY, 7, 0), is("Hallo! Ich bin Crafty, dein Helfer. Was bauen wir heute?"));
    }

    @Test
    void a_sentence_that_never_came_is_skipped() {
        assertThat(SpokenReply.heard(Arrays.asList(new SpokenReply.Sentence("Hallo!", 600), null), 1, 300), is("Hallo!"));
    }
}
