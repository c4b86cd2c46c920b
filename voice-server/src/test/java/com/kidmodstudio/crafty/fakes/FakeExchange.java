package com.kidmodstudio.crafty.fakes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request being answered by a fake: writes the status line and headers the way Go's
 * net/http does (Ollama is a Go server), fixed-length bodies or one chunk per flush, and tells
 * the handler when the client has gone away. Every write is one {@code write} call on a socket
 * with Nagle's algorithm off, so one call is one TCP segment on loopback.
 */
public final class FakeExchange {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final Duration SPLIT_PAUSE = Duration.ofMillis(15);

    private final FakeHttpServer server;
    private final Socket socket;
    private final FakeRequest request;
    private final CountDownLatch gone = new CountDownLatch(1);
    private volatile boolean complete;
    private volatile boolean dropped;

    FakeExchange(FakeHttpServer server, Socket socket, FakeRequest request) {
        this.server = server;
        this.socket = socket;
        this.request = request;
    }

    /** @return the request being answered */
    public FakeRequest request() {
        return request;
    }

    /**
     * Sends a complete fixed-length answer.
     *
     * @param status      HTTP status
     * @param contentType the Content-Type
     * @param body        the body
     * @throws IOException when the client has gone
     */
    public void respond(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        complete = true;
        write(concat(head(status, contentType, "Content-Length: " + bytes.length), bytes));
    }

    /**
     * Sends the status line and headers of a chunked answer.
     *
     * @param status      HTTP status
     * @param contentType the Content-Type
     * @throws IOException when the client has gone
     */
    public void startChunked(int status, String contentType) throws IOException {
        write(head(status, contentType, "Transfer-Encoding: chunked"));
    }

    /**
     * Sends one token's line as one chunk, or, when {@code splitUtf8} is set and the line holds a
     * multi-byte character, as two chunks in two writes cut inside that character.
     *
     * @param line      the bytes of the line, terminator included
     * @param splitUtf8 whether to cut
     * @return false when the client went away during the pause between the two halves
     * @throws IOException when the client has gone
     */
    public boolean token(String line, boolean splitUtf8) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int cut = splitUtf8 ? firstMultiByteCut(bytes) : -1;
        if (cut < 0) {
            write(chunk(bytes, 0, bytes.length));
        } else {
            write(chunk(bytes, 0, cut));
            if (!pause(SPLIT_PAUSE)) {
                return false;
            }
            write(chunk(bytes, cut, bytes.length - cut));
        }
        server.tokenWritten();
        return true;
    }

    /**
     * Sends one chunk that is not a token.
     *
     * @param data the chunk's content
     * @throws IOException when the client has gone
     */
    public void chunk(String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        write(chunk(bytes, 0, bytes.length));
    }

    /**
     * Sends the last chunk and the terminating empty chunk in one write.
     *
     * @param data the last chunk's content
     * @throws IOException when the client has gone
     */
    public void finish(String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        complete = true;
        write(concat(chunk(bytes, 0, bytes.length), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Plays a streamed reply as the script says: waits the first-token delay (sending nothing,
     * as a server loading its model does), then the headers with the opening chunk and the
     * first token, then each further token after the token delay; ends with the error chunk or
     * a dropped connection where the script says so, else with the last chunk and the
     * terminating empty chunk. Returns early when the client goes away.
     *
     * @param script      delays and failures
     * @param contentType the Content-Type of the stream
     * @param tokens      the tokens
     * @param opening     content of a chunk sent with the headers, or {@code null}
     * @param tokenChunk  the chunk content of one token
     * @param errorChunk  the chunk content that reports the scripted error
     * @param lastChunk   makes the chunk content that ends a complete reply, when it is due
     * @throws IOException when the client has gone
     */
    public void stream(FakeScript script, String contentType, List<String> tokens, String opening,
                       Function<String, String> tokenChunk, String errorChunk, Supplier<String> lastChunk)
            throws IOException {
        if (!pause(script.firstTokenDelay())) {
            return;
        }
        startChunked(200, contentType);
        if (opening != null) {
            chunk(opening);
        }
        for (int i = 0; i <= tokens.size(); i++) {
            if (i > 0 && !pause(script.tokenDelay())) {
                return;
            }
            if (i == script.errorAfter()) {
                finish(errorChunk);
                return;
            }
            if (i == script.dropAfter()) {
                drop();
                return;
            }
            if (i < tokens.size() && !token(tokenChunk.apply(tokens.get(i)), script.splitUtf8())) {
                return;
            }
        }
        finish(lastChunk.get());
    }

    /**
     * Waits, unless the client goes away first.
     *
     * @param delay how long
     * @return true to go on, false when the client has gone
     */
    public boolean pause(Duration delay) {
        try {
            return !gone.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Never answers: waits until the client goes away or the fake closes. */
    public void hang() {
        try {
            gone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the connection abruptly, without ending the answer. */
    public void drop() {
        dropped = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    /** Closes the connection after a failed write: the client had already gone. */
    void abandon() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    /** Called by the reader when the connection ended; true when that cut a reply short. */
    boolean clientWentAway() {
        gone.countDown();
        return !complete && !dropped;
    }

    private void write(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static byte[] head(int status, String contentType, String framing) {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + framing + "\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunk(byte[] data, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 12);
        out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, offset, length);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The offset just after the first byte of the first multi-byte UTF-8 sequence, or -1. */
    private static int firstMultiByteCut(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) == 0xC0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }
}
