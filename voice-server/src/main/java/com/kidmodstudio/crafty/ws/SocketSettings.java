package com.kidmodstudio.crafty.ws;

import java.time.Duration;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;

/**
 * How every WebSocket connection behaves: heartbeat, idle time, the outgoing queue's bounds and
 * the incoming message limits.
 *
 * @param ping        send a ping when the client has sent nothing for this long; zero: never
 * @param pong        close with 1011 when nothing arrives this long after a ping
 * @param idle        close with 1001 a socket without a running turn and without messages for
 *                    this long; zero: never
 * @param close       how long a closing handshake may take before the connection is dropped
 * @param queueBytes  most bytes waiting to be sent to one client before it is closed with 1008
 * @param queueAge    longest time a frame may wait to be sent before the client is closed with 1008
 * @param textBytes   largest text message a client may send (UTF-8 bytes); a larger one is dropped
 *                    and the route told ({@link SocketListener#onTooLarge})
 * @param binaryBytes largest binary message a client may send; likewise
 * @param hardBytes   a frame, or a message with all its fragments, larger than this closes the
 *                    socket with 1009: the server stops reading a sender that goes on and on
 */
public record SocketSettings(Duration ping, Duration pong, Duration idle, Duration close,
                             int queueBytes, Duration queueAge, int textBytes, int binaryBytes, int hardBytes) {
    private static final Duration FINEST_TICK = Duration.ofMillis(10);
    private static final Duration COARSEST_TICK = Duration.ofSeconds(1);

    /**
     * Reads the {@code ws} subtree and the hard cap {@code limits.hard}.
     *
     * @param ws          the {@code ws} configuration
     * @param limits      the {@code limits} configuration
     * @param textBytes   {@code limits.text}
     * @param binaryBytes {@code limits.binary}
     * @return the settings
     */
    public static SocketSettings create(Config ws, Config limits, int textBytes, int binaryBytes) {
        Config queue = ws.get("queue");
        int larger = Math.max(textBytes, binaryBytes);
        int hard = Settings.integer(limits, "hard", Math.max(4 * 1024 * 1024, larger), larger, Integer.MAX_VALUE - 8);
        return new SocketSettings(Settings.duration(ws, "ping", Duration.ofSeconds(20)),
                                  positive(ws, "pong", Duration.ofSeconds(20)),
                                  Settings.duration(ws, "idle", Duration.ofMinutes(10)),
                                  positive(ws, "close", Duration.ofSeconds(2)),
                                  Settings.integer(queue, "bytes", 4 * 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
                                  positive(queue, "age", Duration.ofSeconds(10)),
                                  textBytes, binaryBytes, hard);
    }

    /**
     * How often each connection's heartbeat checks its clocks: a quarter of the shortest
     * deadline, between 10 ms and 1 s.
     *
     * @return the period
     */
    Duration tick() {
        Duration shortest = pong.compareTo(queueAge) < 0 ? pong : queueAge;
        for (Duration optional : new Duration[] {ping, idle}) {
            if (!optional.isZero() && optional.compareTo(shortest) < 0) {
                shortest = optional;
            }
        }
        Duration quarter = shortest.dividedBy(4);
        if (quarter.compareTo(FINEST_TICK) < 0) {
            return FINEST_TICK;
        }
        return quarter.compareTo(COARSEST_TICK) > 0 ? COARSEST_TICK : quarter;
    }

    private static Duration positive(Config config, String key, Duration fallback) {
        Duration value = Settings.duration(config, key, fallback);
        if (value.isZero()) {
            String parent = config.key().toString();
            throw new ConfigProblem(parent.isEmpty() ? key : parent + "." + key, "0", "expected a duration above zero");
        }
        return value;
    }
}
