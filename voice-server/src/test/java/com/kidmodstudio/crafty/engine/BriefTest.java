package com.kidmodstudio.crafty.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class BriefTest {
    @Test
    void whole_seconds_are_shown_in_seconds_and_the_rest_in_milliseconds() {
        assertThat(Brief.duration(Duration.ofSeconds(2)), is("2 s"));
        assertThat(Brief.duration(Duration.ofMillis(300)), is("300 ms"));
        assertThat(Brief.duration(Duration.ofMillis(1500)), is("1500 ms"));
        assertThat(Brief.duration(Duration.ZERO), is("0 s"));
    }

    @Test
    void a_text_longer_than_the_limit_is_cut_with_an_ellipsis() {
        assertThat(Brief.text("HTTP/1.1 200 OK", 15), is("HTTP/1.1 200 OK"));
        assertThat(Brief.text("HTTP/1.1 200 OK", 8), is("HTTP/1.1…"));
        assertThat(Brief.text(new StringBuilder("abc"), 0), is("…"));
        assertThat(Brief.text("", 3), is(""));
    }
}
