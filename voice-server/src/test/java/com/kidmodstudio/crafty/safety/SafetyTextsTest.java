package com.kidmodstudio.crafty.safety;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

class SafetyTextsTest {

    @Test
    void germany_gets_nummer_gegen_kummer_and_112() {
        String answer = new SafetyTexts("de").crisis(Category.SELF_HARM, null);
        assertThat(answer, allOf(containsString("Nummer gegen Kummer"), containsString("116 111"),
                                 containsString("kostenlos und anonym"), containsString("112"),
                                 containsString("Computerprogramm")));
    }

    @Test
    void the_country_picks_the_helpline() {
        SafetyTexts de = new SafetyTexts("de");
        assertThat(de.crisis(Category.ABUSE, "AT"), allOf(containsString("Rat auf Draht"), containsString("147")));
        assertThat(de.crisis(Category.ABUSE, "ch"), containsString("147"));
        SafetyTexts en = new SafetyTexts("en");
        assertThat(en.crisis(Category.BULLYING, "UK"), allOf(containsString("Childline"), containsString("0800 1111"),
                                                             containsString("999")));
        assertThat(en.crisis(Category.SELF_HARM, "US"), allOf(containsString("988"), containsString("911")));
        assertThat(en.crisis(Category.DANGER, "IE"), containsString("1800 66 66 66"));
        assertThat(de.countries(), hasItems("DE", "AT", "CH", "GB", "US", "IE"));
    }

    @Test
    void the_default_country_comes_from_the_language() {
        assertThat(SafetyTexts.defaultCountry("de"), is("DE"));
        assertThat(SafetyTexts.defaultCountry("en"), is("GB"));
        assertThat(new SafetyTexts("en").crisis(Category.SELF_HARM, "XX"), containsString("Childline"));
    }

    @Test
    void every_category_has_a_text_in_both_languages() {
        for (String language : new String[] {"de", "en"}) {
            SafetyTexts texts = new SafetyTexts(language);
            for (Category c : Category.values()) {
                assertThat(c.crisis() ? texts.crisis(c, null) : texts.refusal(c), is(org.hamcrest.Matchers.not("")));
            }
            assertThat(texts.reminder().isBlank(), is(false));
            assertThat(texts.stopped().isBlank(), is(false));
        }
    }
}
