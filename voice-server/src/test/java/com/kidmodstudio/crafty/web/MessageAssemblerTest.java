package com.kidmodstudio.crafty.web;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageAssemblerTest {

    @Test
    void joins_fragments_of_one_message() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThat(assembler.add("{\"a\":", false), is(nullValue()));
        assertThat(assembler.add("1}", true), is("{\"a\":1}"));
    }

    @Test
    void counts_utf8_bytes_not_chars() {
        assertThat(MessageAssembler.utf8Length("aä€😀"), is(1L + 2 + 3 + 4));
    }

    @Test
    void message_over_the_limit_is_reported_once_at_its_end_and_the_next_one_works() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assertThat(assembler.add("0123456789", false), is(nullValue()));
        assertThat(assembler.add("ä", false), is(nullValue()));
        assertThrows(MessageAssembler.TooLargeException.class, () -> assembler.add("tail", true));
        assertThat(assembler.add("ok", true), is("ok"));
    }

    @Test
    void exactly_the_limit_is_accepted() throws Exception {
        MessageAssembler assembler = new MessageAssembler(4);
        assertThat(assembler.add("ää", true), is("ää"));
    }
}
