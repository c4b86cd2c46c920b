package com.kidmodstudio.crafty.fakes;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A small HTTP/1.1 server over a raw {@link ServerSocket} on 127.0.0.1, so that a fake controls
 * every byte and every flush of its answers. Persistent connections, {@code Content-Length}
 * request bodies, fixed-length or chunked responses.
 *
 * <p>Each connection has a reader thread that parses requests and a handler thread per request.
 * While a reply is being written, the reader waits for the next request; if the client closes
 * the connection instead, that is a <em>disconnect</em>: counted, and the handler is told at once.
 * Every request is recorded. {@link #close()} stops everything.
 */
public abstract class FakeHttpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<FakeRequest> requests = new ArrayList<>();
    private final List<Long> tokenWrites = new ArrayList<>();
    private int disconnects;
    private volatile boolean closed;

    /**
     * Binds; {@link #listen()} then starts accepting, once the subclass is fully built.
     *
     * @param port port on 127.0.0.1, 0 for any free one
     */
    protected FakeHttpServer(int port) {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    /**
     * Starts accepting connections; call once, after construction.
     *
     * @return this server
     */
    public FakeHttpServer listen() {
        Thread.ofVirtual().name("fake-accept-" + port()).start(this::accept);
        return this;
    }

    /**
     * Answers one request.
     *
     * @param exchange the request and the means to answer it
     * @throws IOException when the client goes away while the answer is written
     */
    protected abstract void handle(FakeExchange exchange) throws IOException;

    /**
     * Runs a fake as a process: prints {@code LISTENING <port>} on standard output once it
     * accepts connections, then serves until standard input closes.
     *
     * @param fake the running fake
     * @throws IOException when standard input fails
     */
    protected static void runUntilStdinCloses(FakeHttpServer fake) throws IOException {
        try (fake) {
            fake.listen();
            System.out.println("LISTENING " + fake.port());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return every request received so far, in order */
    public synchronized List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return {@link System#nanoTime()} after each token was written and flushed, in order */
    public synchronized List<Long> tokenWrites() {
        return List.copyOf(tokenWrites);
    }

    /** @return how many connections the client closed before their reply was complete */
    public synchronized int disconnects() {
        return disconnects;
    }

    /**
     * Waits until the client has closed at least {@code count} connections mid-reply.
     *
     * @param count   disconnects to wait for
     * @param timeout how long to wait
     * @return whether they happened in time
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        return await(() -> disconnects >= count, timeout);
    }

    /**
     * Waits until at least {@code count} requests have arrived.
     *
     * @param count   requests to wait for
     * @param timeout how long to wait
     * @return whether they arrived in time
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        return await(() -> requests.size() >= count, timeout);
    }

    private synchronized boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    synchronized void tokenWritten() {
        tokenWrites.add(System.nanoTime());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread.ofVirtual().name("fake-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            FakeExchange current = null;
            Thread handler = null;
            while (true) {
                FakeRequest request = readRequest(in);
                if (request == null) {
                    if (current != null && current.clientWentAway() && !closed) {
                        countDisconnect();
                    }
                    return;
                }
                if (handler != null) {
                    handler.join();
                }
                synchronized (this) {
                    requests.add(request);
                    notifyAll();
                }
                FakeExchange exchange = new FakeExchange(this, socket, request);
                current = exchange;
                handler = Thread.ofVirtual().name("fake-handler").start(() -> answer(exchange));
            }
        } catch (IOException | InterruptedException e) {
            // the connection is over
        } finally {
            connections.remove(socket);
        }
    }

    private void answer(FakeExchange exchange) {
        try {
            handle(exchange);
        } catch (IOException e) {
            exchange.abandon();
        } catch (RuntimeException e) {
            e.printStackTrace();
            exchange.abandon();
        }
    }

    private synchronized void countDisconnect() {
        disconnects++;
        notifyAll();
    }

    /** Parses one request; {@code null} when the connection ends (or fails) before one starts. */
    private static FakeRequest readRequest(InputStream in) {
        try {
            String requestLine = readHeaderLine(in);
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readHeaderLine(in); line != null && !line.isEmpty(); line = readHeaderLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return null;
            }
            return new FakeRequest(parts[0], parts[1], Map.copyOf(headers), new String(body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readHeaderLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
