package com.kidmodstudio.crafty.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The outgoing queue with a socket that blocks until the test lets it write, and a clock the
 * test moves.
 */
class SendQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<String> written = new LinkedBlockingQueue<>();
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch failed = new CountDownLatch(1);
    private final AtomicLong clock = new AtomicLong(1);
    private volatile boolean broken;

    /** A queue whose socket blocks on the first frame until {@link #unblock} opens. */
    private SendQueue queue(long maxBytes, Duration maxAge) {
        SendQueue queue = new SendQueue(frame -> {
            blocked.countDown();
            await(unblock);
            if (broken) {
                throw new IllegalStateException("connection reset");
            }
            written.add(describe(frame));
        }, failed::countDown, maxBytes, maxAge, clock::get);
        queue.start("test-writer");
        return queue;
    }

    @Test
    void frames_leave_in_order_with_control_frames_ahead_of_waiting_messages() throws Exception {
        SendQueue queue = queue(1 << 20, Duration.ofSeconds(10));
        queue.message(Frames.TEXT, true, bytes("first"));
        await(blocked);
        queue.message(Frames.TEXT, true, bytes("text"));
        queue.message(Frames.BINARY, true, bytes("audio"));
        queue.message(Frames.TEXT, true, bytes("done"));
        queue.control(Frames.PONG, bytes("p"));
        unblock.countDown();
        assertThat(take(5), is(List.of("1:first", "10:p", "1:text", "2:audio", "1:done")));
    }

    @Test
    void a_message_sent_in_parts_continues_its_opcode() throws Exception {
        SendQueue queue = queue(1 << 20, Duration.ofSeconds(10));
        unblock.countDown();
        queue.message(Frames.TEXT, false, bytes("a"));
        queue.message(Frames.TEXT, true, bytes("b"));
        queue.message(Frames.TEXT, true, bytes("c"));
        assertThat(take(3), is(List.of("1:a", "0:b", "1:c")));
    }

    @Test
    void more_bytes_than_the_bound_overflow() throws Exception {
        SendQueue queue = queue(100, Duration.ofSeconds(10));
        assertThat("an empty queue takes any frame", queue.message(Frames.BINARY, true, new byte[500]), is(SendQueue.Offer.QUEUED));
        await(blocked);
        assertThat(queue.message(Frames.BINARY, true, new byte[10]), is(SendQueue.Offer.OVERFLOW));
    }

    @Test
    void a_frame_waiting_longer_than_the_age_bound_overflows_the_queue() throws Exception {
        SendQueue queue = queue(1 << 20, Duration.ofSeconds(1));
        queue.message(Frames.TEXT, true, bytes("stuck"));
        await(blocked);
        clock.addAndGet(Duration.ofMillis(900).toNanos());
        assertThat(queue.message(Frames.TEXT, true, bytes("in time")), is(SendQueue.Offer.QUEUED));
        long oldest = queue.oldest();
        clock.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat("the heartbeat sees the age", clock.get() - oldest > Duration.ofSeconds(1).toNanos(), is(true));
        assertThat(queue.message(Frames.TEXT, true, bytes("too late")), is(SendQueue.Offer.OVERFLOW));
    }

    @Test
    void close_drops_what_waits_and_sends_the_close_frame_last_then_nothing() throws Exception {
        SendQueue queue = queue(1 << 20, Duration.ofSeconds(10));
        queue.message(Frames.TEXT, true, bytes("being written"));
        await(blocked);
        queue.message(Frames.TEXT, true, bytes("dropped"));
        assertThat(queue.close(Frames.closePayload(1008, "client not reading")), is(true));
        assertThat("closing twice does nothing", queue.close(Frames.closePayload(1000, "")), is(false));
        assertThat(queue.message(Frames.TEXT, true, bytes("after")), is(SendQueue.Offer.CLOSED));
        assertThat(queue.control(Frames.PONG, bytes("after")), is(SendQueue.Offer.CLOSED));
        unblock.countDown();
        assertThat(queue.awaitFinished(WAIT), is(true));
        assertThat(take(2), is(List.of("1:being written", "8:1008 client not reading")));
        assertThat(queue.oldest(), is(0L));
    }

    @Test
    void a_failed_write_reports_once_and_ends_the_queue() throws Exception {
        SendQueue queue = queue(1 << 20, Duration.ofSeconds(10));
        queue.message(Frames.TEXT, true, bytes("lost"));
        await(blocked);
        queue.message(Frames.TEXT, true, bytes("never"));
        broken = true;
        unblock.countDown();
        assertThat(failed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), is(true));
        assertThat(queue.awaitFinished(WAIT), is(true));
        assertThat(queue.message(Frames.TEXT, true, bytes("later")), is(SendQueue.Offer.CLOSED));
        assertThat(written.isEmpty(), is(true));
    }

    private List<String> take(int count) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String frame = written.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("only " + frames + " were written");
            }
            frames.add(frame);
        }
        return frames;
    }

    /** A server frame as "opcode:payload", a close frame's payload as "code reason". */
    private static String describe(byte[] frame) {
        int opcode = frame[0] & 0x0F;
        int length = frame[1] & 0x7F;
        int offset = length == 126 ? 4 : length == 127 ? 10 : 2;
        if (opcode == Frames.CLOSE) {
            int code = ((frame[offset] & 0xFF) << 8) | (frame[offset + 1] & 0xFF);
            return opcode + ":" + code + " " + new String(frame, offset + 2, frame.length - offset - 2, StandardCharsets.UTF_8);
        }
        return opcode + ":" + new String(frame, offset, frame.length - offset, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
