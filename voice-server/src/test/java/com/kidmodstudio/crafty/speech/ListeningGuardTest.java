package com.kidmodstudio.crafty.speech;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.testing.Speech;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What stands before every recogniser: the language, the silence gate, the made-up lines.
 */
class ListeningGuardTest {

    /** A recogniser that answers a fixed text and counts how often it was asked. */
    private static final class Scripted implements SpeechToText {
        final AtomicInteger calls = new AtomicInteger();
        final String answer;
        final boolean germanToo;

        Scripted(String answer, boolean germanToo) {
            this.answer = answer;
            this.germanToo = germanToo;
        }

        @Override
        public String transcribe(byte[] pcm16kMono, Cancellation cancel) {
            calls.incrementAndGet();
            return answer;
        }

        @Override
        public EngineStatus status() {
            return new EngineStatus("scripted", true, null, null, null, null, Instant.now(), Map.of());
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public boolean supportsLanguage(String lang) {
            return "en".equals(lang) || germanToo;
        }

        @Override
        public void close() {
        }
    }

    private static final byte[] SPEECH = Speech.pcm16k(Speech.FRONT_CENTER);

    @Test
    void an_english_only_recogniser_is_never_asked_for_german_and_the_child_is_asked_to_type() {
        Scripted english = new Scripted("ali khan cause the body", false);
        ListeningGuard guard = new ListeningGuard(english, "de");

        EngineException e = assertThrows(EngineException.class, () -> guard.transcribe(SPEECH, new Cancellation()));

        assertThat(e.code().wire(), is("stt_wrong_language"));
        assertThat(english.calls.get(), is(0));
        EngineStatus status = guard.status();
        assertThat("never ready for a language it cannot understand", status.available(), is(false));
        assertThat(status.detail().get("understands"), is("en"));
        assertThat(status.lastError(), containsString("understands en only; Crafty is set to 'de'"));
    }

    @Test
    void the_same_recogniser_is_ready_for_english() throws Exception {
        Scripted english = new Scripted("front center", false);
        ListeningGuard guard = new ListeningGuard(english, "en");

        assertThat(guard.transcribe(SPEECH, new Cancellation()), is("front center"));
        assertThat(guard.status().available(), is(true));
        assertThat(guard.status().detail().get("understands"), is("en"));
    }

    @Test
    void silence_is_nothing_heard_and_never_reaches_the_engine() {
        Scripted whisper = new Scripted("Vielen Dank fürs Zuschauen!", true);
        ListeningGuard guard = new ListeningGuard(whisper, "de");
        byte[] quiet = new byte[32_000 * 2];
        for (int i = 0; i < quiet.length; i += 2) {
            quiet[i] = (byte) ((i / 2) % 40 - 20); // microphone hiss, far below speech
        }

        EngineException e = assertThrows(EngineException.class, () -> guard.transcribe(quiet, new Cancellation()));

        assertThat(e.code().wire(), is("stt_failed"));
        assertThat(e.getMessage(), containsString("nothing heard"));
        assertThat(whisper.calls.get(), is(0));
        assertThat(guard.status().detail().get("understands"), is("de,en"));
    }

    @Test
    void a_click_is_not_speech() {
        byte[] click = new byte[32_000];
        for (int i = 0; i < 640; i += 2) {
            click[i + 1] = (byte) 0x40; // one 20 ms window at a quarter of full scale
        }
        assertThat(SilenceGate.heard(click), is(false));
        assertThat(SilenceGate.heard(SPEECH), is(true));
    }

    @Test
    void made_up_lines_are_dropped_and_what_the_child_said_is_kept() throws Exception {
        Scripted whisper = new Scripted("Wie baue ich ein Haus? Untertitel der Amara.org-Community", true);
        assertThat(new ListeningGuard(whisper, "de").transcribe(SPEECH, new Cancellation()), is("Wie baue ich ein Haus?"));
        Scripted only = new Scripted(" Vielen Dank fürs Zuschauen! ", true);
        assertThat(new ListeningGuard(only, "de").transcribe(SPEECH, new Cancellation()), is(""));
    }
}
