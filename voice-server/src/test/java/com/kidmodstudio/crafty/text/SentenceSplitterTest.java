package com.kidmodstudio.crafty.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceSplitterTest {

    // --- the basics, after wyoming-piper's sentence boundary tests ---

    @Test
    void text_without_punctuation_comes_out_at_finish() {
        SentenceSplitter splitter = new SentenceSplitter();

        assertThat(splitter.add("Test chunk"), empty());
        assertThat(splitter.finish().orElseThrow(), is("Test chunk"));
    }

    @Test
    void sentence_is_returned_once_the_next_one_starts() {
        SentenceSplitter splitter = new SentenceSplitter();

        assertThat(splitter.add("Das ist Satz eins. Das ist Satz"), contains("Das ist Satz eins."));
        assertThat(splitter.finish().orElseThrow(), is("Das ist Satz"));
    }

    @Test
    void sentence_completed_across_chunks() {
        SentenceSplitter splitter = new SentenceSplitter();

        assertThat(splitter.add("Das ist Satz"), empty());
        assertThat(splitter.add(" eins. Das ist Satz"), contains("Das ist Satz eins."));
        assertThat(splitter.add(" zwei."), empty());
        assertThat(splitter.finish().orElseThrow(), is("Das ist Satz zwei."));
    }

    @Test
    void finish_on_nothing_is_empty_and_splitter_can_be_reused() {
        SentenceSplitter splitter = new SentenceSplitter();
        assertTrue(splitter.finish().isEmpty());
        splitter.add("   \n ");
        assertTrue(splitter.finish().isEmpty());

        assertThat(sentences("Erster Satz hier. Zweiter Satz hier."), contains("Erster Satz hier.", "Zweiter Satz hier."));
    }

    @Test
    void question_and_exclamation_marks_end_sentences() {
        assertThat(sentences("Wie geht es dir heute? Mir geht es super! Und dir auch?"),
                   contains("Wie geht es dir heute?", "Mir geht es super!", "Und dir auch?"));
    }

    @Test
    void mixed_runs_like_interrobang_count_once() {
        assertThat(sentences("Das hast du gebaut?! Wahnsinn, das ist toll!!! Weiter geht's."),
                   contains("Das hast du gebaut?!", "Wahnsinn, das ist toll!!!", "Weiter geht's."));
    }

    // --- abbreviations ---

    @Test
    void german_abbreviations_with_spaces_do_not_end_sentences() {
        assertThat(sentences("Du brauchst z. B. Holz und Stein. Das heißt d. h. du musst sammeln."),
                   contains("Du brauchst z. B. Holz und Stein.", "Das heißt d. h. du musst sammeln."));
    }

    @Test
    void german_abbreviations_without_spaces_do_not_end_sentences() {
        assertThat(sentences("Nimm z.B. einen Stein oder u.a. Kies. Dann bau los."),
                   contains("Nimm z.B. einen Stein oder u.a. Kies.", "Dann bau los."));
    }

    @Test
    void titles_and_numbers_abbreviations_do_not_end_sentences() {
        assertThat(sentences("Dr. Müller wohnt in Haus Nr. 5 mit Hr. Maier und Fr. Schulz. Sie bauen ca. 20 Häuser."),
                   contains("Dr. Müller wohnt in Haus Nr. 5 mit Hr. Maier und Fr. Schulz.", "Sie bauen ca. 20 Häuser."));
    }

    @Test
    void usw_and_bzw_mid_sentence_stay_inside() {
        assertThat(sentences("Du findest Holz, Stein usw. in der Welt bzw. in Truhen. Viel Spaß dabei!"),
                   contains("Du findest Holz, Stein usw. in der Welt bzw. in Truhen.", "Viel Spaß dabei!"));
    }

    @Test
    void usw_at_the_end_of_a_sentence_ends_it() {
        assertThat(sentences("Sammle Holz, Stein usw. Dann baust du ein Haus."),
                   contains("Sammle Holz, Stein usw.", "Dann baust du ein Haus."));
    }

    @Test
    void english_abbreviations_do_not_end_sentences() {
        assertThat(sentences("Mr. Smith and Mrs. Jones build e.g. houses, i.e. homes, etc. and more. Then they rest."),
                   contains("Mr. Smith and Mrs. Jones build e.g. houses, i.e. homes, etc. and more.", "Then they rest."));
    }

    // --- numbers, dates, lists ---

    @Test
    void decimal_numbers_with_dot_or_comma_stay_whole() {
        assertThat(sentences("Ein Block ist 1.5 Meter oder 1,5 Meter hoch. Cool, oder?"),
                   contains("Ein Block ist 1.5 Meter oder 1,5 Meter hoch.", "Cool, oder?"));
    }

    @Test
    void dates_and_ordinals_are_not_sentence_ends() {
        assertThat(sentences("Am 3. Mai ist der 2. Spieltag. Das Update kommt am 14.06.2025 raus."),
                   contains("Am 3. Mai ist der 2. Spieltag.", "Das Update kommt am 14.06.2025 raus."));
    }

    @Test
    void number_before_a_month_is_an_ordinal_even_without_article() {
        assertThat(sentences("Geburtstag hat sie 3. Mai jedes Jahr. Toll, oder?"),
                   contains("Geburtstag hat sie 3. Mai jedes Jahr.", "Toll, oder?"));
    }

    @Test
    void number_at_the_end_of_a_sentence_ends_it() {
        assertThat(sentences("Ich bin jetzt schon 12. Und wie alt bist du?"),
                   contains("Ich bin jetzt schon 12.", "Und wie alt bist du?"));
    }

    @Test
    void numbered_list_items_are_sentences_and_a_bare_number_never_is() {
        assertThat(sentences("So geht es:\n1. Hol Holz\n2. Baue eine Werkbank\n3. Fertig!"),
                   contains("So geht es:", "1. Hol Holz", "2. Baue eine Werkbank", "3. Fertig!"));
    }

    @Test
    void inline_list_after_a_colon_keeps_its_first_number() {
        assertThat(sentences("Here is how it works: 1. Get some wood. 2. Craft the planks."),
                   contains("Here is how it works: 1. Get some wood.", "2. Craft the planks."));
    }

    @Test
    void markdown_bullets_are_one_sentence_per_line() {
        assertThat(sentences("Du brauchst:\n- **Holz** (ca. 64 Blöcke)\n- Glas für die Fenster\n"),
                   contains("Du brauchst:", "- **Holz** (ca. 64 Blöcke)", "- Glas für die Fenster"));
    }

    @Test
    void limits_out_of_range_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new SentenceSplitter(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> new SentenceSplitter(5, 10));
    }

    @Test
    void list_item_with_its_own_full_stop_is_still_one_sentence() {
        assertThat(sentences("1. Hol Holz.\n2. Baue eine Werkbank.\n"),
                   contains("1. Hol Holz.", "2. Baue eine Werkbank."));
    }

    // --- ellipses, quotes, emoji ---

    @Test
    void ellipsis_before_a_capital_ends_a_sentence_and_stays_with_it() {
        assertThat(sentences("Hmm, lass mich nachdenken... Ich glaube, du brauchst Holz. Warte… Ja, genau."),
                   contains("Hmm, lass mich nachdenken...", "Ich glaube, du brauchst Holz.", "Warte… Ja, genau."));
    }

    @Test
    void ellipsis_before_a_lower_case_word_continues_the_sentence() {
        assertThat(sentences("Und dann... ging es weiter mit dem Bauen. Ende."),
                   contains("Und dann... ging es weiter mit dem Bauen.", "Ende."));
    }

    @Test
    void closing_quotes_belong_to_the_sentence_they_close() {
        assertThat(sentences("Er rief: „Das ist super!“ Dann lachte er. Sie sagte: »Ich auch.« Und dann ging sie. "
                             + "Tom said \"Great job.\" Then he left."),
                   contains("Er rief: „Das ist super!“", "Dann lachte er.", "Sie sagte: »Ich auch.«", "Und dann ging sie.",
                            "Tom said \"Great job.\"", "Then he left."));
    }

    @Test
    void exclamation_inside_quotes_followed_by_lower_case_continues() {
        assertThat(sentences("Sie rief „Hurra!“ und sprang in die Luft. Dann war Ruhe."),
                   contains("Sie rief „Hurra!“ und sprang in die Luft.", "Dann war Ruhe."));
    }

    @Test
    void closing_bracket_after_punctuation_stays() {
        assertThat(sentences("Nimm Holz (am besten Eiche.) Dann geht es los."),
                   contains("Nimm Holz (am besten Eiche.)", "Dann geht es los."));
    }

    @Test
    void emoji_after_punctuation_stay_with_their_sentence() {
        assertThat(sentences("Das hast du super gemacht! 🎉 Jetzt bauen wir ein Dach. 👷‍♀️🏠 Los geht's!"),
                   contains("Das hast du super gemacht! 🎉", "Jetzt bauen wir ein Dach. 👷‍♀️🏠", "Los geht's!"));
    }

    @Test
    void emoji_directly_after_punctuation_stays_too() {
        assertThat(sentences("Das ist wirklich toll!😀 Weiter geht es jetzt."),
                   contains("Das ist wirklich toll!😀", "Weiter geht es jetzt."));
    }

    // --- lines, fragments, long sentences ---

    @Test
    void newlines_and_blank_lines_end_sentences() {
        assertThat(sentences("Zutaten für dein Rezept\n\nDu brauchst vier Holzbretter\r\nund einen Stock"),
                   contains("Zutaten für dein Rezept", "Du brauchst vier Holzbretter", "und einen Stock"));
    }

    @Test
    void very_short_fragments_are_merged_with_the_next_sentence() {
        assertThat(sentences("Ja! Oh! Das ist eine tolle Idee. Hallo! Wie geht es dir?"),
                   contains("Ja! Oh! Das ist eine tolle Idee.", "Hallo! Wie geht es dir?"));
    }

    @Test
    void short_fragment_before_a_line_break_is_not_lost() {
        assertThat(sentences("Super!\nHier ist die Liste"), contains("Super!", "Hier ist die Liste"));
        assertThat(sentences("Super!"), contains("Super!"));
    }

    @Test
    void long_sentence_without_punctuation_is_cut_at_a_comma() {
        String text = "Wenn du ein großes Haus bauen willst, dann brauchst du zuerst sehr viel Holz aus dem Wald, "
                + "danach suchst du dir einen schönen flachen Platz in der Nähe vom Fluss und dann legst du das "
                + "Fundament aus Stein und baust die Wände hoch und setzt ein Dach aus Holz darauf";

        List<String> out = sentences(text);

        assertThat(out.size() > 1, is(true));
        assertThat(out.get(0), is("Wenn du ein großes Haus bauen willst, dann brauchst du zuerst sehr viel Holz aus dem Wald,"));
        assertThat(out.stream().map(String::length).toList(), everyItem(lessThanOrEqualTo(SentenceSplitter.MAX_CHARS)));
        assertEquals(text, String.join(" ", out));
    }

    @Test
    void long_sentence_without_commas_is_cut_at_a_space() {
        String text = "wort ".repeat(100).strip();

        List<String> out = sentences(text);

        assertThat(out.stream().map(String::length).toList(), everyItem(lessThanOrEqualTo(SentenceSplitter.MAX_CHARS)));
        assertTrue(out.stream().allMatch(s -> s.startsWith("wort") && s.endsWith("wort")), out.toString());
        assertEquals(text, String.join(" ", out));
    }

    @Test
    void urls_and_file_names_are_not_cut() {
        assertThat(sentences("Schau auf minecraft.net nach und öffne die Datei welt.json bitte. Danke dir."),
                   contains("Schau auf minecraft.net nach und öffne die Datei welt.json bitte.", "Danke dir."));
    }

    // --- the tentative sentence, for speaking ahead of the next token ---

    @Test
    void full_stop_at_the_end_of_the_text_is_a_tentative_end_until_the_next_word_confirms_it() {
        SentenceSplitter splitter = new SentenceSplitter();

        assertThat(splitter.add("Das ist ein Haus."), empty());
        assertThat(splitter.tentative().orElseThrow(), is("Das ist ein Haus."));
        assertThat(splitter.add(" "), empty());
        assertThat(splitter.tentative().orElseThrow(), is("Das ist ein Haus."));
        assertThat(splitter.add("Und"), contains("Das ist ein Haus."));
        assertTrue(splitter.tentative().isEmpty());
    }

    @Test
    void question_exclamation_and_ellipsis_are_tentative_ends() {
        assertThat(tentativeAfter("Wie geht es dir heute?"), is("Wie geht es dir heute?"));
        assertThat(tentativeAfter("Das ist ja super!!"), is("Das ist ja super!!"));
        assertThat(tentativeAfter("Warte mal kurz..."), is("Warte mal kurz..."));
        assertThat(tentativeAfter("Warte mal kurz…"), is("Warte mal kurz…"));
    }

    @Test
    void abbreviations_numbers_and_unfinished_text_are_not_tentative_ends() {
        for (String text : List.of("Frag einfach Dr.", "Du brauchst z. B.", "Du brauchst z.B.", "Das war am 3.",
                "Es kostet 12.", "Version 1.", "Das ist ein Haus", "Das ist ein Haus. Und", "Das ist ein Haus, ",
                "Er hat e.g.", "Das ist ein Haus.\uD83D")) {
            SentenceSplitter splitter = new SentenceSplitter();
            splitter.add(text);
            assertTrue(splitter.tentative().isEmpty(), text);
        }
    }

    @Test
    void tentative_sentence_keeps_a_held_back_fragment_and_skips_one_too_short_to_stand_alone() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("Ja!");
        assertTrue(splitter.tentative().isEmpty(), "three letters would be merged with the next sentence");

        splitter.add(" Das klappt bestimmt.");
        assertThat(splitter.tentative().orElseThrow(), is("Ja! Das klappt bestimmt."));
    }

    @Test
    void closing_quotes_and_emoji_so_far_are_part_of_the_tentative_sentence() {
        assertThat(tentativeAfter("Er rief: „Super gemacht!“"), is("Er rief: „Super gemacht!“"));
        assertThat(tentativeAfter("Das hast du toll gemacht! 🎉"), is("Das hast du toll gemacht! 🎉"));
    }

    @Test
    void tentative_end_followed_by_emoji_is_confirmed_with_the_emoji_and_speaks_the_same() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("Das hast du toll gemacht!");
        String guess = splitter.tentative().orElseThrow();

        List<String> confirmed = splitter.add(" 🎉 Weiter");

        assertThat(confirmed, contains("Das hast du toll gemacht! 🎉"));
        assertThat(SpeakableText.clean(confirmed.getFirst()), is(SpeakableText.clean(guess)));
    }

    @Test
    void wrong_guess_is_simply_not_confirmed() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("Schau auf minecraft.");
        assertThat(splitter.tentative().orElseThrow(), is("Schau auf minecraft."));

        assertThat(splitter.add("net nach. Dann"), contains("Schau auf minecraft.net nach."));
    }

    @Test
    void tentative_never_changes_what_add_returns() {
        for (String text : CORPUS) {
            SentenceSplitter splitter = new SentenceSplitter();
            List<String> out = new ArrayList<>();
            for (int at = 0; at < text.length(); at++) {
                out.addAll(splitter.add(text.substring(at, at + 1)));
                splitter.tentative();
            }
            splitter.finish().ifPresent(out::add);
            assertEquals(allAtOnce(text), out, text);
        }
    }

    @Test
    void in_a_reply_streamed_word_by_word_every_sentence_ending_in_a_word_is_guessed_right() {
        String reply = "Klar, das zeige ich dir gern! Zuerst brauchst du Holz aus dem Wald. "
                + "Dann baust du eine Werkbank, z. B. neben deinem Haus. Hast du schon Steine gesammelt? "
                + "Super, dann kann es losgehen… Viel Spaß beim Bauen! 😊";
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> guesses = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        String lastGuess = null;
        for (String token : reply.split("(?= )")) {
            for (String sentence : splitter.add(token)) {
                confirmed.add(sentence);
                guesses.add(lastGuess == null ? "" : lastGuess);
                lastGuess = null;
            }
            lastGuess = splitter.tentative().orElse(null);
        }
        splitter.finish().ifPresent(sentence -> {
            confirmed.add(sentence);
        });
        guesses.add(lastGuess == null ? "" : lastGuess);

        assertThat(confirmed, contains("Klar, das zeige ich dir gern!", "Zuerst brauchst du Holz aus dem Wald.",
                "Dann baust du eine Werkbank, z. B. neben deinem Haus.", "Hast du schon Steine gesammelt?",
                "Super, dann kann es losgehen…", "Viel Spaß beim Bauen! 😊"));
        for (int i = 0; i < confirmed.size(); i++) {
            assertEquals(SpeakableText.clean(confirmed.get(i)), SpeakableText.clean(guesses.get(i)), confirmed.get(i));
        }
    }

    // --- ending a sentence on its last token when the end is very likely ---

    @Test
    void exclamation_question_and_a_full_stop_after_a_word_end_a_sentence_at_once() {
        for (String sentence : List.of("Das ist ja super!", "Wie geht es dir heute?", "Das hast du gebaut?!",
                "Zuerst brauchst du Holz.", "Then you need some planks.")) {
            SentenceSplitter splitter = new SentenceSplitter();
            assertThat(splitter.add(sentence), empty());
            assertThat(sentence, splitter.endIfLikely().orElseThrow(), is(sentence));
            assertTrue(splitter.finish().isEmpty(), sentence);
        }
    }

    @Test
    void abbreviations_numbers_ellipses_and_quotes_are_not_likely_ends() {
        for (String text : List.of("Frag einfach Dr.", "Du brauchst z. B.", "Das war am 3.", "Es kostet 12.",
                "Sammle Holz, Stein usw.", "Mr. Smith likes houses etc.", "Warte mal kurz...", "Warte mal kurz…",
                "Er rief: „Das ist ja super!“", "Sie sagte »Komm mit.«", "Das ist ein Haus. Und", "Ja!")) {
            SentenceSplitter splitter = new SentenceSplitter();
            splitter.add(text);
            assertTrue(splitter.endIfLikely().isEmpty(), text);
        }
    }

    @Test
    void decoration_arriving_after_a_cut_is_left_out_of_the_next_sentence() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("Das hast du toll gemacht!");
        assertThat(splitter.endIfLikely().orElseThrow(), is("Das hast du toll gemacht!"));

        assertThat(splitter.add("!“"), empty());
        assertThat(splitter.add(" 🎉"), empty());
        assertThat(splitter.add("🎉 Jetzt bauen wir"), empty());
        assertThat(splitter.add(" ein Dach. Los"), contains("Jetzt bauen wir ein Dach."));
        assertThat(splitter.finish().orElseThrow(), is("Los"));
    }

    @Test
    void a_quote_or_emoji_split_across_tokens_after_a_cut_is_dropped_whole() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("So sieht das dann aus!");
        splitter.endIfLikely().orElseThrow();
        String emoji = "😊";

        assertThat(splitter.add(emoji.substring(0, 1)), empty());
        assertThat(splitter.add(emoji.substring(1) + "\n"), empty());
        assertThat(splitter.add("Noch eine Frage?"), empty());
        assertThat(splitter.finish().orElseThrow(), is("Noch eine Frage?"));
    }

    @Test
    void a_straight_quote_after_a_space_opens_the_next_sentence() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("Das ist wirklich toll!");
        splitter.endIfLikely().orElseThrow();

        assertThat(splitter.add(" \"Danke\", sagte Steve. Und"), contains("\"Danke\", sagte Steve."));
    }

    @Test
    void a_full_stop_that_was_no_end_after_all_leaves_the_rest_as_its_own_sentence() {
        SentenceSplitter splitter = new SentenceSplitter();
        splitter.add("Schau auf minecraft.");
        assertThat(splitter.endIfLikely().orElseThrow(), is("Schau auf minecraft."));

        assertThat(splitter.add("net nach, dort steht alles. Dann"), contains("net nach, dort steht alles."));
    }

    @Test
    void a_short_fragment_held_back_is_part_of_the_cut_sentence() {
        SentenceSplitter splitter = new SentenceSplitter();
        assertThat(splitter.add("Ja! Das klappt bestimmt!"), empty());
        assertThat(splitter.endIfLikely().orElseThrow(), is("Ja! Das klappt bestimmt!"));
    }

    @Test
    void in_a_reply_streamed_word_by_word_cutting_at_likely_ends_gives_the_same_sentences() {
        String reply = "Klar, das zeige ich dir gern! Zuerst brauchst du Holz aus dem Wald. "
                + "Dann baust du eine Werkbank, z. B. neben deinem Haus. Hast du schon Steine gesammelt? "
                + "Super, dann kann es losgehen… Er rief: „Hurra!“ Viel Spaß beim Bauen! 😊";
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> out = new ArrayList<>();
        int cuts = 0;
        for (String token : reply.split("(?= )")) {
            out.addAll(splitter.add(token));
            Optional<String> likely = splitter.endIfLikely();
            if (likely.isPresent()) {
                cuts++;
                out.add(likely.get());
            }
        }
        splitter.finish().ifPresent(out::add);

        assertEquals(allAtOnce(reply).stream().map(SpeakableText::clean).toList(),
                     out.stream().map(SpeakableText::clean).toList());
        assertThat(cuts, is(5));
    }

    private static String tentativeAfter(String text) {
        SentenceSplitter splitter = new SentenceSplitter();
        assertThat(splitter.add(text), empty());
        return splitter.tentative().orElseThrow(() -> new AssertionError("no tentative sentence after: " + text));
    }

    // --- chunking never changes the result ---

    @Test
    void one_character_at_a_time_gives_the_same_sentences_as_all_at_once() {
        for (String text : CORPUS) {
            assertEquals(allAtOnce(text), chunked(text, new Random(0), 1), text);
        }
    }

    @Test
    void random_chunkings_give_the_same_sentences_as_all_at_once() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            for (String text : CORPUS) {
                assertEquals(allAtOnce(text), chunked(text, random, 12), text);
            }
        }
    }

    private static final List<String> CORPUS = List.of(
            "Hallo! Ich bin Crafty. Was möchtest du heute bauen? 🙂",
            "Du brauchst z. B. Holz, Stein usw. Dann baust du am 3. Mai ein Haus mit ca. 1,5 Metern Höhe.",
            "So geht es:\n1. Hol Holz\n2. Baue eine Werkbank.\n\n3. Fertig!!! 🎉🎉",
            "Er rief: „Super!“ und dann... Nichts. Sie sagte »Ja.« Dr. Who kam um 14.30 Uhr. e.g. this, i.e. that.",
            "Mr. Smith is 12. Then Mrs. Jones came?! Wow… That's etc. and so on. Version 1.20.4 ist da.",
            "Wenn du ein großes Haus bauen willst, dann brauchst du zuerst sehr viel Holz aus dem Wald, danach "
                    + "suchst du dir einen schönen flachen Platz in der Nähe vom Fluss und dann legst du das Fundament "
                    + "aus Stein und baust die Wände hoch und setzt ein Dach aus Holz darauf. Ok.",
            "Ja! Nein! Vielleicht. Es ist der 2. Versuch, Nr. 7 (oder so.) Ende.",
            "Zahl 3. Mai ist gut. Und 4. Juni. Oder 5. Danach nichts mehr.",
            "Sure! Here's how: 1. Get wood. 2. Craft planks. That's it, i.e. easy. 👍🏽 Ok? 🇩🇪",
            "Klar! Um ein Haus zu bauen, brauchst du:\n\n- **Holz** (ca. 64 Blöcke)\n- Glas\n\nViel Spaß! 😊");

    private static List<String> sentences(String text) {
        List<String> once = allAtOnce(text);
        assertEquals(once, chunked(text, new Random(7), 1), "one character at a time");
        return once;
    }

    private static List<String> allAtOnce(String text) {
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> out = new ArrayList<>(splitter.add(text));
        splitter.finish().ifPresent(out::add);
        return out;
    }

    private static List<String> chunked(String text, Random random, int maxChunk) {
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> out = new ArrayList<>();
        for (int at = 0; at < text.length(); ) {
            int n = Math.min(text.length() - at, 1 + random.nextInt(maxChunk));
            out.addAll(splitter.add(text.substring(at, at + n)));
            at += n;
        }
        splitter.finish().ifPresent(out::add);
        return out;
    }
}
