package com.kidmodstudio.crafty.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/** {@link LiveThreads} sees virtual and platform threads by name, and sees them end. */
class LiveThreadsTest {
    @Test
    void lists_live_virtual_and_platform_threads_until_they_end() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Runnable waiting = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread virtual = Thread.ofVirtual().name("live-threads-test-1-turn").start(waiting);
        Thread platform = Thread.ofPlatform().name("live-threads-test-tts-sentences").start(waiting);
        try {
            assertThat(LiveThreads.awaitNone(Duration.ofMillis(50), "live-threads-test-1-turn\""),
                       contains("\"live-threads-test-1-turn\""));
            assertThat(LiveThreads.awaitNone(Duration.ofMillis(50), "live-threads-test-tts"),
                       contains("\"live-threads-test-tts-sentences\""));
            assertThat("a part anchored on the closing quote", LiveThreads.awaitNone(Duration.ZERO, "live-threads-test-1\""),
                       is(empty()));
        } finally {
            release.countDown();
        }
        virtual.join();
        platform.join();
        assertThat(LiveThreads.awaitNone(Duration.ofSeconds(2), "live-threads-test"), is(empty()));
    }
}
