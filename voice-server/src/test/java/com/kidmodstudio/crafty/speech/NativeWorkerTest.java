package com.kidmodstudio.crafty.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The thread that owns a native model: loaded once off the request path, calls one at a time,
 * a turn during loading waits briefly then gets "still loading", close frees after the running call.
 */
class NativeWorkerTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    /** A stand-in for a native context: counts overlapping use and whether it was freed. */
    private static final class Context {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicBoolean freed = new AtomicBoolean();

        int use(CountDownLatch hold) throws InterruptedException {
            if (freed.get()) {
                throw new IllegalStateException("used after free");
            }
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            hold.await(5, TimeUnit.SECONDS);
            inside.decrementAndGet();
            return 1;
        }
    }

    @Test
    void the_model_is_loaded_once_across_many_calls_and_concurrent_calls_run_one_at_a_time() throws Exception {
        Context context = new Context();
        AtomicInteger loads = new AtomicInteger();
        NativeWorker<Context> worker = new NativeWorker<>("test", true, () -> {
            loads.incrementAndGet();
            return context;
        }, c -> c.freed.set(true));
        CountDownLatch open = new CountDownLatch(0);
        for (int i = 0; i < 20; i++) {
            worker.call(c -> c.use(open), LONG, LONG, new Cancellation());
        }
        CountDownLatch hold = new CountDownLatch(1);
        List<Thread> turns = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            turns.add(Thread.ofVirtual().start(() -> {
                try {
                    done.addAndGet(worker.call(c -> c.use(hold), LONG, LONG, new Cancellation()));
                } catch (EngineException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        Thread.sleep(200); // let all six queue up behind the first
        hold.countDown();
        for (Thread turn : turns) {
            turn.join(LONG.toMillis());
        }
        assertThat(done.get(), is(6));
        assertThat("never two calls in the context at once", context.most.get(), is(1));
        assertThat(loads.get(), is(1));
        assertThat(worker.loads(), is(1));
        worker.close();
        assertThat("close frees the context", context.freed.get(), is(true));
        EngineException after = assertThrows(EngineException.class,
                                             () -> worker.call(c -> 1, LONG, LONG, new Cancellation()));
        assertThat(after.code().wire(), is("stt_unavailable"));
    }

    @Test
    void a_turn_while_the_model_loads_waits_briefly_then_is_told_it_is_still_loading() throws Exception {
        CountDownLatch loaded = new CountDownLatch(1);
        try (NativeWorker<Context> worker = new NativeWorker<>("test", false, () -> {
            loaded.await(10, TimeUnit.SECONDS);
            return new Context();
        }, c -> c.freed.set(true))) {
            assertThat(worker.state(), is("loading"));
            long start = System.nanoTime();
            EngineException e = assertThrows(EngineException.class,
                                              () -> worker.call(c -> 1, Duration.ofMillis(200), LONG, new Cancellation()));
            assertThat(e.code().wire(), is("tts_unavailable"));
            assertThat(e.getMessage(), containsString("still loading"));
            assertThat((System.nanoTime() - start) / 1_000_000, lessThan(2_000L));
            loaded.countDown();
            assertThat(worker.call(c -> 7, LONG, LONG, new Cancellation()), is(7));
            assertThat(worker.state(), is("ready"));
        }
    }

    @Test
    void close_during_a_call_frees_the_context_only_after_the_call() throws Exception {
        Context context = new Context();
        NativeWorker<Context> worker = new NativeWorker<>("test", true, () -> context, c -> c.freed.set(true));
        CountDownLatch hold = new CountDownLatch(1);
        Thread turn = Thread.ofVirtual().start(() -> {
            try {
                worker.call(c -> c.use(hold), LONG, LONG, new Cancellation());
            } catch (EngineException e) {
                throw new AssertionError(e);
            }
        });
        while (context.inside.get() == 0) {
            Thread.onSpinWait();
        }
        Thread closer = Thread.ofVirtual().start(worker::close);
        closer.join(300);
        assertThat("not freed while in use", context.freed.get(), is(false));
        hold.countDown();
        turn.join(LONG.toMillis());
        closer.join(LONG.toMillis());
        assertThat(context.freed.get(), is(true));
    }

    @Test
    void cancelling_stops_the_waiting_at_once() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (NativeWorker<Context> worker = new NativeWorker<>("test", false, Context::new, c -> { })) {
            Cancellation cancel = new Cancellation();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancel.cancel("stop");
            });
            long start = System.nanoTime();
            assertThrows(CancelledException.class, () -> worker.call(c -> c.use(hold), LONG, LONG, cancel));
            assertThat((System.nanoTime() - start) / 1_000_000, lessThan(1_000L));
            hold.countDown();
        }
    }
}
