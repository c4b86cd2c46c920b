package com.kidmodstudio.crafty.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * What the planner says to speak, token by token: the first sentence at once however short, a
 * long first sentence cut at its first clause, later short sentences merged, and a possible end
 * prepared once and resolved by the next piece.
 */
class SpeechPlannerTest {

    /** Feeds the tokens and records, per token, the pieces to speak. */
    private static List<List<String>> perToken(SpeechPlanner planner, String... tokens) {
        List<List<String>> out = new ArrayList<>();
        for (String token : tokens) {
            out.add(planner.add(token).speak().stream().map(SpeechPlanner.Piece::text).toList());
        }
        return out;
    }

    private static List<String> all(String... tokens) {
        SpeechPlanner planner = new SpeechPlanner();
        List<String> out = new ArrayList<>();
        perToken(planner, tokens).forEach(out::addAll);
        planner.finish().forEach(piece -> out.add(piece.text()));
        return out;
    }

    @Test
    void hallo_is_spoken_on_its_own_from_the_token_that_ends_it() {
        SpeechPlanner planner = new SpeechPlanner();
        List<List<String>> spoken = perToken(planner, "Hallo", "!", " Ich", " bin", " Crafty", ",", " dein",
                                             " Helfer", ".", " Was");

        assertThat(spoken.get(1), contains("Hallo!"));
        assertThat("a later sentence is not cut at its comma", spoken.get(5), is(empty()));
        assertThat(spoken.get(8), contains("Ich bin Crafty, dein Helfer."));
    }

    @Test
    void a_one_word_answer_stands_alone_but_later_short_sentences_are_merged() {
        assertThat(all("Ja", "!", " Das", " geht", ".", " Nimm", " einfach", " eine", " Spitzhacke", "."),
                   contains("Ja!", "Das geht. Nimm einfach eine Spitzhacke."));
    }

    @Test
    void a_long_first_sentence_is_cut_at_its_first_comma_from_the_comma_token() {
        SpeechPlanner planner = new SpeechPlanner();
        List<List<String>> spoken = perToken(planner, "Zuerst", " sammelst", " du", " Holz", ",", " dann", " baust",
                                             " du", " eine", " Werkbank", ",", " und", " dann", " los", ".");

        assertThat(spoken.get(4), contains("Zuerst sammelst du Holz,"));
        assertThat("only the first clause is cut", spoken.get(10), is(empty()));
        assertThat(spoken.get(14), contains("dann baust du eine Werkbank, und dann los."));
    }

    @Test
    void colons_and_spaced_dashes_cut_too_but_hyphens_numbers_and_early_commas_do_not() {
        assertThat(all("Steve sagt immer: Holz zuerst!"), contains("Steve sagt immer:", "Holz zuerst!"));
        assertThat(all("Das ist ganz einfach – du brauchst Holz."),
                   contains("Das ist ganz einfach –", "du brauchst Holz."));
        assertThat(all("Das ist ganz einfach - du brauchst Holz."),
                   contains("Das ist ganz einfach -", "du brauchst Holz."));
        assertThat(all("Die Minecraft-Welt hat 1,5 Millionen Blöcke in der Breite."),
                   contains("Die Minecraft-Welt hat 1,5 Millionen Blöcke in der Breite."));
        assertThat(all("Klar, ich helfe dir gern!"), contains("Klar, ich helfe dir gern!"));
        assertThat(all("Es sind genau 12, glaube ich."), contains("Es sind genau 12,", "glaube ich."));
    }

    @Test
    void a_possible_end_is_prepared_once_and_the_next_piece_says_whether_it_was_right() {
        SpeechPlanner planner = new SpeechPlanner();
        assertThat(planner.add("Ich überlege...").prepare(), is(Optional.of("Ich überlege...")));
        assertThat("one proposal at a time", planner.add(" ").prepare(), is(Optional.empty()));
        List<SpeechPlanner.Piece> spoken = planner.add(" Nimm").speak();
        assertThat(spoken, contains(new SpeechPlanner.Piece("Ich überlege...", true)));

        SpeechPlanner wrong = new SpeechPlanner();
        wrong.add("Hmm, lass mich überlegen...");
        wrong.add(" vielleicht baust du eine Brücke");
        assertThat(wrong.add(". Dann").speak(),
                   contains(new SpeechPlanner.Piece("Hmm, lass mich überlegen... vielleicht baust du eine Brücke.",
                                                    false)));
    }

    @Test
    void the_whole_text_gives_the_pieces_of_the_stream() {
        assertThat(SpeechPlanner.pieces("Hallo! Ich bin Crafty, dein Helfer. Ja. Los geht's."),
                   contains("Hallo!", "Ich bin Crafty, dein Helfer.", "Ja. Los geht's."));
    }

    @Test
    void random_chunkings_give_the_same_pieces_as_all_at_once() {
        String reply = "Hallo! Zuerst sammelst du ganz viel Holz, dann baust du eine Werkbank. Ja. "
                + "Danach: 1. Hol Steine, 2. bau einen Ofen – fertig! Die Minecraft-Welt ist 1,5 km breit…";
        List<String> whole = SpeechPlanner.pieces(reply);
        assertThat(whole.subList(0, 2), contains("Hallo!", "Zuerst sammelst du ganz viel Holz, dann baust du eine Werkbank."));
        Random random = new Random(16);
        for (int round = 0; round < 200; round++) {
            List<String> tokens = new ArrayList<>();
            int at = 0;
            while (at < reply.length()) {
                int end = Math.min(reply.length(), at + 1 + random.nextInt(6));
                tokens.add(reply.substring(at, end));
                at = end;
            }
            assertThat(all(tokens.toArray(String[]::new)), is(whole));
        }
    }
}
