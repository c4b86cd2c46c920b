package com.kidmodstudio.crafty.safety;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.fakes.FakeLlamaGuard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LlamaGuardTest {

    private static String llamaGuard3(String message) {
        return message.contains("hurt") ? "unsafe\nS11" : message.contains("explicit") ? "unsafe\nS12" : "safe";
    }

    @Test
    void reads_safe_and_unsafe_with_categories() throws Exception {
        try (FakeLlamaGuard fake = FakeLlamaGuard.start(LlamaGuardTest::llamaGuard3)) {
            LlamaGuard guard = new LlamaGuard(fake.url(), false, "llama-guard3:1b", Duration.ofSeconds(2));
            assertThat(guard.classify("wie baue ich ein haus").safe(), is(true));
            ModelGuard.Verdict verdict = guard.classify("i want to hurt");
            assertThat(verdict.safe(), is(false));
            assertThat(verdict.codes(), contains("S11"));
            assertThat(verdict.category().orElseThrow(), is(Category.SELF_HARM));
            assertThat(fake.requests().getFirst().path(), is("/api/chat"));
            assertThat(fake.requests().getFirst().body(), containsString("\"model\":\"llama-guard3:1b\""));
            assertThat(fake.requests().getFirst().body(), containsString("\"stream\":false"));
        }
    }

    @Test
    void speaks_the_openai_api_too() throws Exception {
        try (FakeLlamaGuard fake = FakeLlamaGuard.start(LlamaGuardTest::llamaGuard3)) {
            LlamaGuard guard = new LlamaGuard(fake.url() + "/v1", true, "llama-guard-3-1b", Duration.ofSeconds(2));
            assertThat(guard.classify("something explicit").category().orElseThrow(), is(Category.SEXUAL));
            assertThat(fake.requests().getFirst().path(), is("/v1/chat/completions"));
        }
    }

    @Test
    void categories_the_layer_does_not_act_on_pass() throws Exception {
        assertThat(ModelGuard.Verdict.parse("unsafe\nS8").category().isPresent(), is(false));
        assertThat(ModelGuard.Verdict.parse("unsafe\nS1,S11").category().orElseThrow(), is(Category.SELF_HARM));
        assertThat(ModelGuard.Verdict.parse("unsafe").category().orElseThrow(), is(Category.OTHER));
        assertThrows(ModelGuard.GuardException.class, () -> ModelGuard.Verdict.parse("I cannot help with that"));
    }

    @Test
    void the_layer_acts_on_the_guard_and_measures_it() {
        try (FakeLlamaGuard fake = FakeLlamaGuard.start(LlamaGuardTest::llamaGuard3)) {
            List<String> outcomes = new ArrayList<>();
            List<Category> events = new ArrayList<>();
            SafetyLayer layer = new SafetyLayer("en", (c, at) -> events.add(c), () -> "US",
                                                new LlamaGuard(fake.url(), false, "llama-guard3:1b", Duration.ofSeconds(2)),
                                                () -> true, (outcome, took) -> outcomes.add(outcome), Clock.systemUTC());
            Screening crisis = layer.screen("they said they will hurt");
            assertThat(crisis.outcome(), is(Screening.Outcome.CRISIS));
            assertThat(crisis.answer(), containsString("988"));
            assertThat(layer.screen("write something explicit").outcome(), is(Screening.Outcome.REFUSED));
            assertThat(layer.screen("how do I build a house").asksModel(), is(true));
            assertThat(outcomes, contains("unsafe", "unsafe", "safe"));
            assertThat(events, contains(Category.SELF_HARM, Category.SEXUAL));
        }
    }

    @Test
    void the_guard_switched_off_is_not_asked() {
        try (FakeLlamaGuard fake = FakeLlamaGuard.start(LlamaGuardTest::llamaGuard3)) {
            SafetyLayer layer = new SafetyLayer("en", SafetyEvents.none(), () -> null,
                                                new LlamaGuard(fake.url(), false, "llama-guard3:1b", Duration.ofSeconds(2)),
                                                () -> false, (o, d) -> { }, Clock.systemUTC());
            assertThat(layer.screen("they said they will hurt").asksModel(), is(true));
            assertThat(fake.requests().size(), is(0));
        }
    }

    @Test
    void a_guard_that_hangs_times_out_and_the_lists_still_hold() {
        try (FakeLlamaGuard fake = FakeLlamaGuard.start(LlamaGuardTest::llamaGuard3).hanging()) {
            List<String> outcomes = new ArrayList<>();
            SafetyLayer layer = new SafetyLayer("de", SafetyEvents.none(), () -> null,
                                                new LlamaGuard(fake.url(), false, "llama-guard3:1b", Duration.ofMillis(300)),
                                                () -> true, (outcome, took) -> {
                                                    outcomes.add(outcome);
                                                    assertThat(took, lessThan(Duration.ofSeconds(2)));
                                                }, Clock.systemUTC());
            assertThat(layer.screen("wie baue ich ein haus").asksModel(), is(true));
            assertThat(layer.screen("ich will nicht mehr leben").outcome(), is(Screening.Outcome.CRISIS));
            assertThat(outcomes, contains("failed"));
        }
    }

    @Test
    void a_guard_that_fails_leaves_the_message_to_the_lists() {
        try (FakeLlamaGuard fake = FakeLlamaGuard.start(LlamaGuardTest::llamaGuard3).failing()) {
            LlamaGuard guard = new LlamaGuard(fake.url(), false, "llama-guard3:1b", Duration.ofSeconds(2));
            ModelGuard.GuardException e = assertThrows(ModelGuard.GuardException.class, () -> guard.classify("x"));
            assertThat(e.getMessage(), containsString("500"));
        }
    }
}
