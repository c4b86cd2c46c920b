package com.kidmodstudio.crafty.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * A deadline for a request's headers, which Helidon 4.3 does not have: its socket read timeout
 * restarts with every byte, so a client that sends one header line every few seconds (slowloris)
 * holds its connection for ever. Registered as a receive listener of HTTP/1, it starts a timer when
 * a request line has arrived and stops it when the headers are complete; a connection still
 * reading headers when the timer fires has its thread interrupted, which is how Helidon itself
 * closes a connection, and the socket is closed.
 */
public final class HeaderDeadline implements Http1ConnectionListener {
    private static final Logger LOGGER = Logger.getLogger(HeaderDeadline.class.getName());

    /** One timer thread for every server of the process; it only ever interrupts a thread. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration timeout;
    private final Map<ConnectionContext, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

    /**
     * Creates the deadline.
     *
     * @param timeout longest time from a request line to the end of its headers
     */
    public HeaderDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        Thread reader = Thread.currentThread();
        ScheduledFuture<?> expiry = TIMER.schedule(() -> expire(ctx, reader), timeout.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = waiting.put(ctx, expiry);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ScheduledFuture<?> expiry = waiting.remove(ctx);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    private void expire(ConnectionContext ctx, Thread reader) {
        if (waiting.remove(ctx) != null) {
            LOGGER.fine(() -> "closing connection " + ctx.socketId() + ": its headers took longer than " + timeout);
            reader.interrupt();
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("header-deadline").factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
