package com.kidmodstudio.crafty.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Numbers past 64 bits are rejected, never taken by their low bits: 18446744073709567616 is
 * 2^64 + 16000, which a plain {@code asLong()} reads as 16000.
 */
class InboundNumbersTest {
    private static final String[] PAST_64_BITS = {"18446744073709567616", "-18446744073709535616",
        "340282366920938463463374607431768227456", "18446744073709551617"};

    @ParameterizedTest
    @ValueSource(strings = {"sampleRate", "channels"})
    void audio_start_numbers_past_64_bits_are_bad_payload(String field) {
        for (String number : PAST_64_BITS) {
            for (Inbound route : new Inbound[] {Inbound.voiceStt(), Inbound.voiceChat()}) {
                ProtocolException e = assertThrows(ProtocolException.class, () -> route.decode(
                        "{\"action\":\"audio_start\",\"" + field + "\":" + number + ",\"requestId\":\"a-1\"}"), number);
                assertThat(number, e.code(), is(ErrorCode.BAD_PAYLOAD));
                assertThat(e.requestId(), is("a-1"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551617", "18446744073709551666", "-18446744073709551566"})
    void a_history_limit_past_64_bits_is_bad_request(String number) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Inbound.chat().decode(
                "{\"action\":\"session:history\",\"sessionId\":\"s-1\",\"limit\":" + number + "}"));
        assertThat(e.code(), is(ErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551617", "1e400"})
    void a_ping_time_past_64_bits_is_bad_payload(String number) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Inbound.chat().decode(
                "{\"action\":\"ping\",\"t\":" + number + "}"));
        assertThat(e.code(), is(ErrorCode.BAD_PAYLOAD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"16000", "16000.0e0"})
    void numbers_that_fit_still_decode_or_fail_as_before(String number) throws ProtocolException {
        if (number.contains("e")) {
            assertThrows(ProtocolException.class, () -> Inbound.voiceStt().decode(
                    "{\"action\":\"audio_start\",\"sampleRate\":" + number + "}"));
            return;
        }
        ClientMessage.AudioStart start = (ClientMessage.AudioStart) Inbound.voiceStt()
                .decode("{\"action\":\"audio_start\",\"sampleRate\":" + number + "}");
        assertThat(start.sampleRate(), is(16000));
    }
}
