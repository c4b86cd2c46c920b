package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /chat}: the time the server adds between the model's first token and the client's
 * first chunk, for one client in a row of turns and for many clients at once.
 */
final class ChatBench {
    /** Tokens per reply in these runs: 200 ms + 9 × 25 ms per turn. */
    static final int TOKENS = 10;

    private ChatBench() {
    }

    /**
     * Figures of a number of clients doing turns at the same time.
     *
     * @param clients how many
     * @param turns   turns each
     * @param added   ms the server added to the first chunk, per turn
     * @param total   ms from sending to done, per turn
     * @param errors  turns that did not end with done, or failed
     * @param first   ms from sending to the first chunk, per turn
     * @param asked   ms from sending to the model having the whole request, per turn
     */
    record Load(int clients, int turns, Samples added, Samples total, int errors, Samples first, Samples asked) {
        Load(int clients, int turns, Samples added, Samples total, int errors) {
            this(clients, turns, added, total, errors, new Samples(), new Samples());
        }
    }

    /**
     * The first turn on a freshly started sidecar, which pays for loading the classes of the
     * route.
     *
     * @param sidecar the server
     * @param fake    the model
     * @return the turn
     * @throws IOException when it fails
     */
    static Turns.Chat firstTurn(Sidecar sidecar, TimedOllama fake) throws IOException {
        fake.script(Engines.reply(TOKENS));
        try (Ws ws = Turns.openChat(sidecar)) {
            return Turns.chat(ws, fake, "Erste Frage nach dem Start?");
        }
    }

    /**
     * One client, {@code turns} turns in a row after {@code warmUp} uncounted ones.
     *
     * @param sidecar the server
     * @param fake    the model
     * @param warmUp  uncounted turns
     * @param turns   counted turns
     * @return the figures
     * @throws IOException when the connection fails
     */
    static Load oneClient(Sidecar sidecar, TimedOllama fake, int warmUp, int turns) throws IOException {
        fake.script(Engines.reply(TOKENS));
        Load load = new Load(1, turns, new Samples(), new Samples(), 0);
        int errors = 0;
        try (Ws ws = Turns.openChat(sidecar)) {
            for (int i = -warmUp; i < turns; i++) {
                Turns.Chat turn = Turns.chat(ws, fake, "Frage " + i + " von einem Kind?");
                if (i < 0) {
                    continue;
                }
                if (turn.error() != null) {
                    errors++;
                } else {
                    load.added().addNanos(turn.addedNanos());
                    load.total().addNanos(turn.totalNanos());
                }
            }
        }
        return new Load(1, turns, load.added(), load.total(), errors);
    }

    /**
     * {@code clients} clients connect, then all start at once and each does {@code turns} turns.
     *
     * @param sidecar the server
     * @param fake    the model
     * @param clients how many clients
     * @param turns   turns each
     * @return the figures; a client whose connection fails counts all its turns as errors
     */
    static Load concurrent(Sidecar sidecar, TimedOllama fake, int clients, int turns) {
        fake.script(Engines.reply(TOKENS));
        Samples added = new Samples();
        Samples total = new Samples();
        Samples first = new Samples();
        Samples asked = new Samples();
        AtomicInteger errors = new AtomicInteger();
        AllAtOnce.run(clients, (client, gate) -> {
            int finished = 0;
            try (Ws ws = Turns.openChat(sidecar)) {
                gate.connected();
                for (; finished < turns; finished++) {
                    Turns.Chat turn = Turns.chat(ws, fake, "Kind " + client + " fragt zum " + finished
                                                           + ". Mal, " + clients + " gleichzeitig?");
                    if (turn.error() != null) {
                        errors.incrementAndGet();
                    } else {
                        added.addNanos(turn.addedNanos());
                        total.addNanos(turn.totalNanos());
                        first.addNanos(turn.firstNanos());
                        asked.addNanos(turn.askedNanos());
                    }
                }
            } catch (IOException | RuntimeException e) {
                errors.addAndGet(turns - finished);
                System.out.println("  client " + client + " failed: " + e);
            } catch (InterruptedException e) {
                errors.addAndGet(turns - finished);
                Thread.currentThread().interrupt();
            }
        });
        return new Load(clients, turns, added, total, errors.get(), first, asked);
    }
}
