package com.kidmodstudio.crafty.speech;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * The list of lines whisper makes up ({@code speech/hallucinations.txt}) and how a transcript is
 * cleaned of them.
 */
class HallucinationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Untertitel der Amara.org-Community", "Vielen Dank fürs Zuschauen!",
        "vielen dank fürs zuschauen.", "Thank you for watching.", "Thanks for watching!",
        "Untertitel im Auftrag des ZDF, 2017", "Untertitel im Auftrag des ZDF für funk, 2017", "[Musik]", "*Musik*",
        "(Musik)", "[BLANK_AUDIO]", "♪"})
    void a_listed_line_alone_leaves_nothing(String line) {
        assertThat(Hallucinations.strip(line), is(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[Musik] Wie baue ich ein Haus?|Wie baue ich ein Haus?",
        "Wie baue ich ein Haus? Vielen Dank fürs Zuschauen.|Wie baue ich ein Haus?",
        "*Musik* Hallo Crafty! *Musik*|Hallo Crafty!",
        "Thank you for watching. What is redstone?|What is redstone?"})
    void listed_lines_are_cut_out_of_what_the_child_said(String transcript, String kept) {
        assertThat(Hallucinations.strip(transcript), is(kept));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Musik.", "Ich mag Musik!", "Danke!", "Tschüss!", "Vielen Dank!",
        "Thank you for watching the creeper with me?", "Wie viele Untertitel hat der Film?"})
    void what_a_child_may_really_say_is_kept(String said) {
        assertThat(Hallucinations.strip(said), is(said));
    }

    @Test
    void the_list_is_loaded_from_its_data_file() {
        assertThat(Hallucinations.lines().size(), greaterThan(20));
        assertThat(Hallucinations.known("Untertitel der Amara.org-Community."), is(true));
    }
}
