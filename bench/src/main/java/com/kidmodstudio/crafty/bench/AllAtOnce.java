package com.kidmodstudio.crafty.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Starts several clients' work at one moment: each client connects on its own virtual thread and
 * waits at a gate, which opens once every client has connected or failed to (or after 30 s), so
 * the server meets the whole load at once rather than client by client.
 */
final class AllAtOnce {
    private static final long CONNECT_LIMIT_SECONDS = 30;

    private AllAtOnce() {
    }

    /** One client: connects, calls {@link Gate#connected()}, works; handles its own failures. */
    @FunctionalInterface
    interface Client {
        void run(int client, Gate gate);
    }

    /** A client's place at the gate. */
    static final class Gate {
        private final CountDownLatch connected;
        private final CountDownLatch go;
        private boolean arrived;

        private Gate(CountDownLatch connected, CountDownLatch go) {
            this.connected = connected;
            this.go = go;
        }

        /**
         * This client has connected: counts it, then waits until the gate opens.
         *
         * @throws InterruptedException when interrupted while waiting
         */
        void connected() throws InterruptedException {
            arrive();
            go.await();
        }

        /** Counts the client once, whether it connected or gave up. */
        private void arrive() {
            if (!arrived) {
                arrived = true;
                connected.countDown();
            }
        }
    }

    /**
     * Runs {@code clients} clients and returns when all have finished.
     *
     * @param clients how many
     * @param client  what each does, given its number (0 …)
     */
    static void run(int clients, Client client) {
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int id = c;
                pool.submit(() -> {
                    Gate gate = new Gate(connected, go);
                    try {
                        client.run(id, gate);
                    } finally {
                        gate.arrive();
                    }
                });
            }
            try {
                connected.await(CONNECT_LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            go.countDown();
        }
    }
}
