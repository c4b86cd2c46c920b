package com.kidmodstudio.crafty.safety;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PhraseListTest {

    private static PhraseList list(String pattern) {
        return new PhraseList(PhraseList.expand(pattern).stream()
                                      .map(p -> Phrase.compile(Category.SELF_HARM, false, p)).toList());
    }

    private static Phrase find(PhraseList list, String text) {
        return list.find(Words.tokens(text), false);
    }

    @Test
    void a_gap_skips_up_to_its_number_of_words() {
        PhraseList list = list("bring mich ~2 um");
        assertThat(find(list, "ich bring mich um"), notNullValue());
        assertThat(find(list, "ich bring mich heute noch um"), notNullValue());
        assertThat(find(list, "bring mich heute bitte noch um"), nullValue());
    }

    @Test
    void a_star_matches_the_beginning_of_a_word() {
        PhraseList list = list("(selbstmord*|suizid*)");
        assertThat(find(list, "Suizidgedanken"), notNullValue());
        assertThat(find(list, "selbstmordgedanken"), notNullValue());
        assertThat(find(list, "selbst"), nullValue());
    }

    @Test
    void groups_of_several_words_and_optional_groups_are_written_out() {
        assertThat(PhraseList.expand("better (off )?(dead|without me)"),
                   is(List.of("better off dead", "better off without me", "better dead", "better without me")));
        PhraseList list = list("(end|ending) (my life|it all)");
        assertThat(find(list, "i want to end it all"), notNullValue());
        assertThat(find(list, "the end of my life"), nullValue());
    }

    @Test
    void a_phrase_is_found_by_its_last_word_only() {
        PhraseList list = list("nicht mehr leben");
        List<String> words = Words.tokens("ich will nicht mehr leben");
        assertThat(list.endingAt(words, 4, false), notNullValue());
        assertThat(list.endingAt(words, 3, false), nullValue());
    }

    @Test
    void real_phrases_are_ignored_in_game_context() {
        PhraseList list = new PhraseList(List.of(Phrase.compile(Category.VIOLENCE, true, "töten")));
        assertThat(list.find(Words.tokens("töten"), true), nullValue());
        assertThat(list.find(Words.tokens("töten"), false), notNullValue());
    }

    @Test
    void a_phrase_that_starts_with_a_gap_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Phrase.compile(Category.HATE, false, "~2 word"));
    }

    @Test
    void every_shipped_list_loads() {
        for (String file : List.of("crisis", "requests", "reply")) {
            assertThat(file, PhraseList.load("/safety/" + file + ".tsv").phrases().isEmpty(), is(false));
        }
    }
}
