package com.kidmodstudio.crafty.speech;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeftovers.class)
class ManagedProcessTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void answers_each_line_with_the_next_line_from_one_process() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        try (ManagedProcess echo = shell("while read l; do echo \"got $l\"; done", starts)) {
            assertThat(echo.request("a", LONG, new Cancellation(), late -> { }), is("got a"));
            assertThat(echo.request("b", LONG, new Cancellation(), late -> { }), is("got b"));
            assertThat(starts.get(), is(1));
            assertThat(echo.starts(), is(1));
        }
    }

    @Test
    void late_reply_of_a_cancelled_request_goes_to_its_handler_not_to_the_next_request() throws Exception {
        CompletableFuture<String> late = new CompletableFuture<>();
        try (ManagedProcess slow = shell("while read l; do sleep 0.3; echo \"got $l\"; done", new AtomicInteger())) {
            Cancellation cancel = new Cancellation();
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
                try {
                    slow.request("a", LONG, cancel, late::complete);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (slow.pid().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            cancel.cancel("stop");

            assertTrue(first.get(1, TimeUnit.SECONDS) instanceof CancelledException);
            assertThat(slow.request("b", LONG, new Cancellation(), ignored -> { }), is("got b"));
            assertThat(late.get(1, TimeUnit.SECONDS), is("got a"));
            assertThat(slow.starts(), is(1));
        }
    }

    @Test
    void close_escalates_to_kill_when_the_process_ignores_end_of_input_and_sigterm() {
        ManagedProcess stubborn = new ManagedProcess("stubborn", List.of("sh", "-c", "trap '' TERM; read request; echo ready; "
                + "while :; do sleep 0.05; done"), Duration.ofMillis(200), () -> { });
        try {
            assertThat(stubborn.request("x", LONG, new Cancellation(), late -> { }), is("ready"));
        } catch (ProcessFailure e) {
            throw new AssertionError(e);
        }
        ProcessHandle handle = ProcessHandle.of(stubborn.pid().orElseThrow()).orElseThrow();
        long start = System.nanoTime();

        stubborn.close();

        assertFalse(handle.isAlive());
        assertThat((System.nanoTime() - start) / 1_000_000, lessThan(2000L));
        ProcessFailure e = assertThrows(ProcessFailure.class, () -> stubborn.request("y", LONG, new Cancellation(), l -> { }));
        assertEquals(ProcessFailure.Kind.CLOSED, e.kind());
    }

    @Test
    void polite_close_lets_a_well_behaved_process_exit_on_end_of_input() throws Exception {
        ManagedProcess echo = shell("while read l; do echo \"got $l\"; done; exit 7", new AtomicInteger());
        echo.request("a", LONG, new Cancellation(), late -> { });
        ProcessHandle handle = ProcessHandle.of(echo.pid().orElseThrow()).orElseThrow();
        long start = System.nanoTime();

        echo.close();

        assertFalse(handle.isAlive());
        assertThat("exited on its own, before the 1 s grace ran out", (System.nanoTime() - start) / 1_000_000, lessThan(900L));
    }

    @Test
    void executable_that_cannot_start_is_a_start_failure() {
        try (ManagedProcess missing = new ManagedProcess("missing", List.of("/nonexistent/engine"), Duration.ofSeconds(1),
                                                         () -> { })) {
            ProcessFailure e = assertThrows(ProcessFailure.class,
                                            () -> missing.request("a", LONG, new Cancellation(), late -> { }));
            assertEquals(ProcessFailure.Kind.START, e.kind());
        }
    }

    @Test
    void process_that_exits_fails_the_request_with_its_status_and_stderr() {
        try (ManagedProcess dying = shell("read l; echo 'fatal: model broken' >&2; exit 3", new AtomicInteger())) {
            ProcessFailure e = assertThrows(ProcessFailure.class,
                                            () -> dying.request("a", LONG, new Cancellation(), late -> { }));
            assertEquals(ProcessFailure.Kind.EXIT, e.kind());
            assertThat(e.getMessage(), is("sh exited with status 3 fatal: model broken"));
        }
    }

    private static ManagedProcess shell(String script, AtomicInteger starts) {
        return new ManagedProcess("sh", List.of("sh", "-c", script), Duration.ofSeconds(1), starts::incrementAndGet);
    }
}
