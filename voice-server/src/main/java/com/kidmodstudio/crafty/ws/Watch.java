package com.kidmodstudio.crafty.ws;

import java.util.function.BooleanSupplier;

/**
 * The clocks of one connection and what its heartbeat has to do about them: when the client last
 * sent a frame (any frame proves it alive), when a message last went either way (for the idle
 * rule), and when the last unanswered ping went out. Times are {@link System#nanoTime()} values
 * passed in by the caller, so the rules can be checked without waiting.
 */
final class Watch {
    private final long ping;
    private final long pong;
    private final long idle;
    private final long queueAge;
    private volatile long lastReceived;
    private volatile long lastActivity;
    private volatile long pingSent;

    /**
     * Starts the clocks.
     *
     * @param settings the durations
     * @param now      the current time
     */
    Watch(SocketSettings settings, long now) {
        this.ping = settings.ping().toNanos();
        this.pong = settings.pong().toNanos();
        this.idle = settings.idle().toNanos();
        this.queueAge = settings.queueAge().toNanos();
        this.lastReceived = now;
        this.lastActivity = now;
    }

    /**
     * A frame arrived from the client.
     *
     * @param now the current time
     */
    void received(long now) {
        lastReceived = now;
    }

    /**
     * A message went one way or the other.
     *
     * @param now the current time
     */
    void active(long now) {
        lastActivity = now;
    }

    /**
     * A ping went out.
     *
     * @param now the current time
     */
    void pinged(long now) {
        pingSent = now;
    }

    /**
     * How long the client has sent nothing.
     *
     * @param now the current time
     * @return nanoseconds since its last frame
     */
    long silence(long now) {
        return now - lastReceived;
    }

    /**
     * What is due now, the most pressing first.
     *
     * @param now          the current time
     * @param oldestQueued when the oldest frame still to be sent was queued, or {@code 0}
     * @param busy         whether the route has work running; asked only when the socket is idle
     * @return what to do
     */
    Due check(long now, long oldestQueued, BooleanSupplier busy) {
        if (oldestQueued != 0 && now - oldestQueued > queueAge) {
            return Due.SLOW;
        }
        long sent = pingSent;
        if (sent != 0) {
            if (lastReceived - sent >= 0) {
                pingSent = 0;
                sent = 0;
            } else if (now - sent >= pong) {
                return Due.SILENT;
            }
        }
        if (idle > 0 && now - lastActivity >= idle && !busy.getAsBoolean()) {
            return Due.IDLE;
        }
        if (ping > 0 && sent == 0 && now - lastReceived >= ping) {
            return Due.PING;
        }
        return Due.NOTHING;
    }

    /** What the heartbeat has to do. */
    enum Due {
        /** Nothing. */
        NOTHING,
        /** Send a ping: the client has been silent for {@code ws.ping}. */
        PING,
        /** Close with 1008: a frame has waited longer than {@code ws.queue.age}. */
        SLOW,
        /** Close with 1011: nothing came within {@code ws.pong} of the ping. */
        SILENT,
        /** Close with 1001: no message for {@code ws.idle} and nothing running. */
        IDLE
    }
}
