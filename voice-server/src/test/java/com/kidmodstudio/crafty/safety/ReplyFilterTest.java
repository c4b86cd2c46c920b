package com.kidmodstudio.crafty.safety;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

class ReplyFilterTest {
    private final SafetyLayer layer = SafetyLayer.defaults("de");

    private static String feed(ReplyFilter filter, String... deltas) {
        StringBuilder out = new StringBuilder();
        for (String delta : deltas) {
            out.append(filter.add(delta));
        }
        return out.append(filter.finish()).toString();
    }

    @Test
    void a_clean_reply_comes_out_unchanged() {
        ReplyFilter filter = layer.replyFilter();
        String reply = "Hal|lo! Ich bin Craft|y 🤖. Möch|test du einen Block bau|en?";
        assertThat(feed(filter, reply.split("\\|")), is(reply.replace("|", "")));
        assertThat(filter.stopped(), is(false));
    }

    @Test
    void a_word_no_phrase_could_end_at_leaves_with_its_token() {
        ReplyFilter filter = layer.replyFilter();
        assertThat(filter.add("Super"), is("Super"));
        assertThat(filter.held(), is(""));
        assertThat(filter.add(" Id"), is(" Id"));
        assertThat(filter.add("ee! Baue ein"), is("ee! Baue ein"));
        assertThat(filter.add("en Tur"), is("en Tur"));
        assertThat(filter.add("m."), is("m."));
        assertThat(filter.finish(), is(""));
        assertThat(filter.released(), is("Super Idee! Baue einen Turm."));
    }

    @Test
    void at_most_the_word_being_written_is_held_back_while_a_phrase_could_end_at_it() {
        ReplyFilter filter = layer.replyFilter();
        assertThat(filter.add("Das ist sch"), is("Das ist "));
        assertThat(filter.held(), is("sch"));
        assertThat(filter.add("ön"), is("schön"));
        assertThat(filter.add(", "), is(", "));
        assertThat(filter.add("d"), is(""));
        assertThat(filter.add("i"), is(""));
        assertThat(filter.add("r"), is("dir"));
        assertThat(filter.add(" 3"), is(" "));
        assertThat(filter.held(), is("3"));
        assertThat(filter.finish(), is("3"));
    }

    @Test
    void a_word_let_out_early_still_counts_for_the_phrase_it_begins() {
        ReplyFilter filter = layer.replyFilter();
        assertThat(filter.add("Okay. Du sollst "), is("Okay. Du sollst "));
        assertThat(filter.add("kil"), is("kil"));
        assertThat(filter.add("l"), is("l"));
        assertThat(filter.add(" your"), is(" "));
        assertThat(filter.add("self"), is(""));
        assertThat(filter.add("."), is(""));
        assertThat(filter.stopped(), is(true));
        assertThat(filter.released(), not(containsString("your")));
        assertThat(filter.beforeStop(), is("Okay."));
    }

    @Test
    void a_run_longer_than_any_word_flows_instead_of_being_held_to_its_end() {
        ReplyFilter filter = layer.replyFilter();
        String token = "x".repeat(8192);
        assertThat(filter.add(token), is(token));
        assertThat(filter.add(token), is(token));
        assertThat(filter.add("Sch"), is(""));
        assertThat(filter.add("x".repeat(ReplyFilter.LONGEST_WORD)), is("Sch" + "x".repeat(ReplyFilter.LONGEST_WORD)));
        assertThat(filter.stopped(), is(false));
    }

    @Test
    void a_bad_word_stops_the_reply_before_any_of_it_is_released() {
        ReplyFilter filter = layer.replyFilter();
        String out = feed(filter, "Das ist ein toller Turm. Aber das ist ", "schei", "ße", " und mehr.");
        assertThat(out, is("Das ist ein toller Turm. Aber das ist "));
        assertThat(filter.stopped(), is(true));
        assertThat(filter.hit().category(), is(Category.PROFANITY));
        assertThat(filter.beforeStop(), is("Das ist ein toller Turm."));
        assertThat(filter.add("noch mehr"), is(""));
    }

    @Test
    void a_phrase_is_caught_at_its_last_word_even_when_each_word_is_fine() {
        ReplyFilter filter = layer.replyFilter();
        String out = feed(filter, "Okay. Du solltest ", "dich ", "selbst ", "verletzen", ".");
        assertThat(out, not(containsString("verletzen")));
        assertThat(filter.stopped(), is(true));
        assertThat(filter.beforeStop(), is("Okay."));
    }

    @Test
    void spelling_tricks_do_not_get_through() {
        for (String bad : List.of("Sch3isse", "F U C K", "fuuuck", "Arschlöcher", "arschloecher")) {
            ReplyFilter filter = layer.replyFilter();
            feed(filter, "Ach ", bad, " ja.");
            assertThat(bad, filter.stopped(), is(true));
        }
    }

    @Test
    void game_words_in_replies_pass() {
        ReplyFilter filter = layer.replyFilter();
        feed(filter, "Um den Ender-Drachen zu töten, zerstörst du zuerst die Kristalle. Dann baust du eine TNT-Kanone "
                + "und machst eine Arschbombe in den Pool. Creeper explodieren, wenn sie dich sehen.");
        assertThat(filter.stopped(), is(false));
    }

    @Test
    void every_fixed_text_passes_the_reply_lists() {
        for (String language : List.of("de", "en")) {
            SafetyLayer l = SafetyLayer.defaults(language);
            SafetyTexts texts = l.texts();
            List<String> all = new ArrayList<>(texts.all());
            for (Category c : Category.values()) {
                if (c.crisis()) {
                    for (String country : texts.countries()) {
                        all.add(texts.crisis(c, country));
                    }
                }
            }
            for (String text : all) {
                assertThat(text, l.sentenceSafe(text), is(true));
            }
        }
    }

    @Test
    void checking_a_word_costs_microseconds_at_most() {
        String reply = "Um den Ender-Drachen zu besiegen, baust du zuerst eine Treppe zu den Kristallen und zerstörst "
                + "sie mit Pfeilen. Dann schlägst du den Drachen mit dem Schwert, wenn er auf dem Portal landet. ";
        String[] tokens = (reply.repeat(20)).split("(?<= )");
        int words = tokens.length;
        for (int warm = 0; warm < 200; warm++) {
            feed(layer.replyFilter(), tokens);
        }
        int runs = 300;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            feed(layer.replyFilter(), tokens);
        }
        long total = (long) runs * words;
        double cpuPerWord = (double) (threads.getCurrentThreadCpuTime() - cpu) / total;
        double wallPerWord = (double) (System.nanoTime() - started) / total;
        System.out.println(String.format(Locale.ROOT, "reply check: %.0f ns CPU per word, %.0f ns wall-clock "
                + "(%d words x %d runs)", cpuPerWord, wallPerWord, words, runs));
        assertThat("CPU time per word", cpuPerWord, lessThan(20_000.0));
    }
}
