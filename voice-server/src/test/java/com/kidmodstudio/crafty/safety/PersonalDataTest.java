package com.kidmodstudio.crafty.safety;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PersonalDataTest {
    private final PersonalData de = new PersonalData("de");
    private final PersonalData en = new PersonalData("en");

    @Test
    void each_kind_gets_its_placeholder() {
        assertThat(de.mask("ruf 0176 12345678 an").text(), is("ruf [Telefonnummer] an"));
        assertThat(de.mask("mail an max.mueller@web.de bitte").text(), is("mail an [E-Mail] bitte"));
        assertThat(de.mask("IBAN DE89 3704 0044 0532 0130 00").text(), is("IBAN [IBAN]"));
        assertThat(de.mask("ich wohne Hauptstraße 12").text(), is("ich wohne [Adresse]"));
        assertThat(de.mask("ich heiße Max Müller").text(), is("ich heiße [Name]"));
        assertThat(en.mask("i live at 12 Baker Street, London").text(), is("i live at [address], London"));
        assertThat(en.mask("my name is Emma Smith").text(), is("my name is [name]"));
    }

    @Test
    void what_was_masked_is_listed_once_per_kind() {
        PersonalData.Masked m = de.mask("0176 1234567 oder 0151 7654321, ich heiße Max Müller");
        assertThat(m.kinds(), is(List.of("phone", "name")));
        assertThat(m.masked(), is(true));
    }

    @Test
    void a_postcode_and_town_after_a_street_are_masked_too() {
        assertThat(de.mask("Berliner Straße 7, 10115 Berlin").text(), is("[Adresse], [Adresse]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ich habe 1000 Diamanten", "meine seed ist -4530634556500121041", "baue bei x 120 y 64 z -300",
        "version 1.20.4", "ich heiße Lena", "ich heiße so wie mein opa", "mach den Weg 2 Blöcke breit",
        "ist die 116 111 kostenlos?", "ich bin 11 jahre alt"})
    void game_numbers_and_first_names_stay(String message) {
        assertThat(de.mask(message).text(), is(message));
    }
}
