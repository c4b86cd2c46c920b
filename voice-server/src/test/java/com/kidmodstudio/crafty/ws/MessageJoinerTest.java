package com.kidmodstudio.crafty.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Joining frames: characters cut between frames, invalid UTF-8 found at the first bad frame,
 * messages over their limit let go of.
 */
class MessageJoinerTest {
    private static final byte[] GREETING = "Grüße 🤖!".getBytes(StandardCharsets.UTF_8);

    @Test
    void decodes_characters_split_across_frames_at_every_cut() throws Exception {
        MessageJoiner joiner = new MessageJoiner(1024, 1024);
        for (int cut = 1; cut < GREETING.length; cut++) {
            for (int second = cut + 1; second <= GREETING.length; second++) {
                joiner.begin(true);
                assertThat(joiner.add(Arrays.copyOfRange(GREETING, 0, cut), false), is(nullValue()));
                assertThat(joiner.add(Arrays.copyOfRange(GREETING, cut, second), false), is(nullValue()));
                assertThat(joiner.add(Arrays.copyOfRange(GREETING, second, GREETING.length), true), is("Grüße 🤖!"));
            }
        }
    }

    @Test
    void invalid_utf8_fails_at_the_frame_that_makes_it_invalid() throws Exception {
        MessageJoiner joiner = new MessageJoiner(1024, 1024);
        joiner.begin(true);
        joiner.add("ok ".getBytes(StandardCharsets.UTF_8), false);
        Violation violation = assertThrows(Violation.class, () -> joiner.add(new byte[] {(byte) 0xC0, (byte) 0xAF}, false));
        assertThat("an overlong encoding is refused", violation.code(), is(1007));
        assertThat(joiner.inProgress(), is(false));
    }

    @Test
    void a_message_ending_inside_a_character_is_invalid() throws Exception {
        MessageJoiner joiner = new MessageJoiner(1024, 1024);
        joiner.begin(true);
        joiner.add(Arrays.copyOf(GREETING, 9), false);
        Violation violation = assertThrows(Violation.class, () -> joiner.add(new byte[] {(byte) 0xF0, (byte) 0x9F}, true));
        assertThat(violation.code(), is(1007));
    }

    @Test
    void exactly_the_limit_is_joined_one_more_byte_is_over() throws Exception {
        MessageJoiner joiner = new MessageJoiner(4, 3);
        joiner.begin(true);
        assertThat(joiner.overLimit(4), is(false));
        assertThat(joiner.add("ää".getBytes(StandardCharsets.UTF_8), true), is("ää"));
        joiner.begin(false);
        joiner.add(new byte[] {1, 2}, false);
        assertThat(joiner.overLimit(2), is(true));
    }

    @Test
    void a_dropped_message_is_counted_and_the_next_one_joins_afresh() throws Exception {
        MessageJoiner joiner = new MessageJoiner(8, 8);
        joiner.begin(true);
        joiner.add("1234".getBytes(StandardCharsets.UTF_8), false);
        joiner.drop(10, false);
        assertThat("once dropped, every further frame is dropped", joiner.overLimit(0), is(true));
        joiner.drop(3, true);
        assertThat(joiner.size(), is(17L));
        assertThat(joiner.inProgress(), is(false));
        joiner.begin(true);
        assertThat(joiner.add("neu".getBytes(StandardCharsets.UTF_8), true), is("neu"));
    }

    @Test
    void binary_frames_are_joined() throws Exception {
        MessageJoiner joiner = new MessageJoiner(8, 8);
        joiner.begin(false);
        joiner.add(new byte[] {1, 2, 3}, false);
        assertThat(Arrays.equals((byte[]) joiner.add(new byte[] {4}, true), new byte[] {1, 2, 3, 4}), is(true));
    }
}
