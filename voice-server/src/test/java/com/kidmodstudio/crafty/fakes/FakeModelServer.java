package com.kidmodstudio.crafty.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A download server for model files on 127.0.0.1 (the JDK's {@link HttpServer}): serves files
 * by name with {@code Range} support, and misbehaves on request — drops the connection
 * mid-file, pauses between chunks, stalls, ignores {@code Range}, or holds a file back until
 * released. Records every request's path and {@code Range} header.
 */
public final class FakeModelServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final Map<String, Long> dropAt = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private volatile int chunk = 64 * 1024;
    private volatile long pauseMillis;
    private volatile long stallAfter = -1;
    private volatile boolean ignoreRange;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A request as received: the file name and its {@code Range} header, or {@code null}. */
    public record Request(String name, String range) {
    }

    /** Starts the server on a free port. */
    public FakeModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serve);
        server.start();
    }

    /** @return the base URL, ending in {@code /} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Serves a file under a name. */
    public FakeModelServer file(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    /** The next {@code times} requests for a file end abruptly once the file has {@code at} bytes. */
    public FakeModelServer dropAt(String name, long at, int times) {
        dropAt.put(name, at);
        drops.put(name, new AtomicInteger(times));
        return this;
    }

    /** Sends {@code bytes} at a time with a pause after each. */
    public FakeModelServer slow(int bytes, long millis) {
        chunk = bytes;
        pauseMillis = millis;
        return this;
    }

    /** After this many bytes of a response, sends nothing more until the server is closed. */
    public FakeModelServer stallAfter(long bytes) {
        stallAfter = bytes;
        return this;
    }

    /** Answers every request with the whole file and 200, as servers without range support do. */
    public FakeModelServer ignoreRange() {
        ignoreRange = true;
        return this;
    }

    /** Sends the first chunk of each response, then waits until {@link #release()}. */
    public FakeModelServer hold() {
        hold = new CountDownLatch(1);
        return this;
    }

    /** Lets held responses go on. */
    public void release() {
        hold.countDown();
    }

    /** @return every request so far, in order */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        String range = exchange.getRequestHeaders().getFirst("Range");
        synchronized (this) {
            requests.add(new Request(name, range));
        }
        byte[] file = files.get(name);
        if (file == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        long from = 0;
        if (range != null && !ignoreRange) {
            from = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            if (from >= file.length) {
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
            exchange.sendResponseHeaders(206, file.length - from);
        } else {
            exchange.sendResponseHeaders(200, file.length);
        }
        AtomicInteger dropsLeft = drops.get(name);
        long drop = dropsLeft != null && dropsLeft.getAndDecrement() > 0 ? dropAt.get(name) : Long.MAX_VALUE;
        try (OutputStream out = exchange.getResponseBody()) {
            long sent = 0;
            for (long at = from; at < file.length; at += chunk) {
                int n = (int) Math.min(chunk, file.length - at);
                if (at + n > drop) {
                    n = (int) Math.max(0, drop - at);
                    out.write(file, (int) at, n);
                    out.flush();
                    // an exception out of the handler makes the JDK server close the TCP connection
                    throw new DroppedOnPurpose();
                }
                out.write(file, (int) at, n);
                out.flush();
                sent += n;
                if (sent == n) {
                    await(hold, Long.MAX_VALUE);
                }
                if (stallAfter >= 0 && sent >= stallAfter) {
                    await(closed, Long.MAX_VALUE);
                    return;
                }
                if (pauseMillis > 0) {
                    await(closed, pauseMillis);
                }
            }
        } catch (DroppedOnPurpose e) {
            throw e;
        } catch (IOException e) {
            // the client went away; the connection ends here
            exchange.close();
        }
    }

    private static final class DroppedOnPurpose extends IOException {
        DroppedOnPurpose() {
            super("dropped on purpose", null);
        }
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        hold.countDown();
        server.stop(0);
    }
}
