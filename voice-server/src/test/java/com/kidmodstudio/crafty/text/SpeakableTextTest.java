package com.kidmodstudio.crafty.text;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class SpeakableTextTest {

    @Test
    void markdown_emphasis_code_and_links_are_read_as_plain_words() {
        assertThat(SpeakableText.clean("Nimm **Holz** und `Stein`, siehe [das Wiki](https://minecraft.wiki)."),
                   is("Nimm Holz und Stein, siehe das Wiki."));
    }

    @Test
    void headings_and_bullets_lose_their_markers() {
        assertThat(SpeakableText.clean("## Bauplan"), is("Bauplan"));
        assertThat(SpeakableText.clean("- Glas für die Fenster"), is("Glas für die Fenster"));
        assertThat(SpeakableText.clean("1. Hol Holz"), is("1. Hol Holz"));
    }

    @Test
    void emoji_with_modifiers_flags_and_joiners_are_dropped() {
        assertThat(SpeakableText.clean("Super! 🎉 👍🏽 👷‍♀️ 🇩🇪 Weiter ❤️"), is("Super! Weiter"));
    }

    @Test
    void text_with_nothing_to_say_becomes_empty() {
        assertThat(SpeakableText.clean(" 🎉 ** "), is(""));
        assertThat(SpeakableText.clean("..."), is(""));
        assertThat(SpeakableText.clean(null), is(""));
    }

    @Test
    void umlauts_digits_and_punctuation_stay() {
        assertThat(SpeakableText.clean("Über 1,5 Blöcke – wirklich?!"), is("Über 1,5 Blöcke – wirklich?!"));
    }
}
