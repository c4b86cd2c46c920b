package com.kidmodstudio.crafty.safety;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class WordsTest {

    @Test
    void umlauts_with_or_without_their_e_fold_alike() {
        assertThat(Words.fold("töten"), is(Words.fold("toeten")));
        assertThat(Words.fold("töten"), is(Words.fold("toten")));
        assertThat(Words.fold("schlägt"), is(Words.fold("schlaegt")));
        assertThat(Words.fold("Prügelt"), is(Words.fold("pruegelt")));
    }

    @Test
    void sharp_s_and_double_letters_fold_alike() {
        assertThat(Words.fold("Scheiße"), is(Words.fold("scheisse")));
        assertThat(Words.fold("scheise"), is(Words.fold("SCHEISSE")));
        assertThat(Words.fold("soooo"), is("so"));
    }

    @Test
    void digits_inside_words_read_as_letters_but_numbers_stay_numbers() {
        assertThat(Words.fold("s3lbstm0rd"), is(Words.fold("selbstmord")));
        assertThat(Words.fold("k1ll"), is(Words.fold("kill")));
        assertThat(Words.fold("116"), is("116"));
    }

    @Test
    void accents_are_dropped() {
        assertThat(Words.fold("Pokémon"), is("pokemon"));
    }

    @Test
    void spaced_out_letters_are_joined() {
        assertThat(Words.tokens("s e l b s t m o r d"), is(List.of(Words.fold("selbstmord"))));
        assertThat(Words.tokens("zeig p.o.r.n.o"), is(List.of("zeig", Words.fold("porno"))));
        assertThat(Words.tokens("a b ist gut"), is(List.of("a", "b", "ist", "gut")));
    }

    @Test
    void punctuation_and_hyphens_split_words() {
        assertThat(Words.tokens("Ender-Drachen, töten!"), is(List.of("ender", "drachen", Words.fold("töten"))));
    }
}
