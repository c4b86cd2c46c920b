package com.kidmodstudio.crafty.parent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The short-lived sessions a right PIN opens: random 256-bit ids kept in memory only, each
 * valid for {@code ttl} after its last use. The panel holds the id in a variable and sends it
 * with each parent request; the parent never sees it. A restart ends every session.
 */
public final class ParentSessions {
    private static final int MOST = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Instant> expiries = new HashMap<>();

    /**
     * Creates the sessions.
     *
     * @param clock the clock
     * @param ttl   how long a session lives after its last use
     */
    public ParentSessions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Opens a session.
     *
     * @return its id, 43 base64url characters
     */
    public synchronized String open() {
        sweep();
        while (expiries.size() >= MOST) {
            Iterator<String> oldest = expiries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(id, clock.instant().plus(ttl));
        return id;
    }

    /**
     * Whether an id belongs to a live session; using it extends its life.
     *
     * @param id the id sent, or {@code null}
     * @return true when it is live
     */
    public synchronized boolean valid(String id) {
        sweep();
        if (id == null) {
            return false;
        }
        byte[] candidate = id.getBytes(StandardCharsets.US_ASCII);
        for (Map.Entry<String, Instant> session : expiries.entrySet()) {
            if (MessageDigest.isEqual(session.getKey().getBytes(StandardCharsets.US_ASCII), candidate)) {
                session.setValue(clock.instant().plus(ttl));
                return true;
            }
        }
        return false;
    }

    /**
     * Ends a session.
     *
     * @param id its id
     */
    public synchronized void close(String id) {
        if (id != null) {
            expiries.remove(id);
        }
    }

    /**
     * How long a session lives after its last use.
     *
     * @return the time
     */
    public Duration ttl() {
        return ttl;
    }

    private void sweep() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
    }
}
