package com.kidmodstudio.crafty.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request to an engine's server (the language model, whisper-server) on a
 * connection of its own, read on the calling thread: a streamed reply goes from the socket to the
 * turn without another thread in between, and no JDK {@link java.net.http.HttpClient} with its
 * selector thread and some 300 classes is started for a server on the child's own machine.
 * The JDK's {@link java.net.http.HttpClient} parses a response on its selector thread and
 * completes the request's future there before the reading thread is woken; with the headers
 * and the first token arriving together (Ollama sends its headers with the first token), that
 * took a median of 0.9 ms and up to 4 ms from the model writing its first token to the turn
 * having it. Here the turn's thread reads the headers and the first line in one go.
 *
 * <p>The connection is closed after the reply ({@code Connection: close}); a local model server
 * answers a new connection in a fraction of a millisecond, long before its first token.
 * {@link #close()} may be called from any thread and ends a connect or a read blocked in another.
 */
public final class Http1Stream implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 16 * 1024;

    private final URI uri;
    private final Socket plain = new Socket();
    private volatile Socket socket = plain;
    private int status;
    private InputStream body;

    /**
     * An unconnected stream, so that whoever may abort it holds it before it connects.
     *
     * @param uri an {@code http://} or {@code https://} URI
     */
    public Http1Stream(URI uri) {
        this.uri = uri;
    }

    /**
     * Connects, sends the request and reads the response's status line and headers.
     *
     * @param method         {@code GET} or {@code POST}
     * @param headers        the request's own headers (e.g. {@code Content-Type}, {@code Authorization})
     * @param body           the request body, or {@code null} for none
     * @param connectTimeout how long the connection may take
     * @throws HttpConnectTimeoutException when there is no connection within {@code connectTimeout}
     * @throws IOException                 when the connection fails or the response is not HTTP/1.x
     */
    public void send(String method, Map<String, String> headers, byte[] body, Duration connectTimeout) throws IOException {
        String host = hostOf(uri);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        try {
            plain.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
        } catch (SocketTimeoutException e) {
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("HTTP connect timed out");
            timeout.initCause(e);
            throw timeout;
        }
        plain.setTcpNoDelay(true);
        if (tls) {
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            socket = secure;
            secure.startHandshake();
        }
        OutputStream out = socket.getOutputStream();
        byte[] head = head(method, headers, body, port);
        if (body == null) {
            out.write(head);
        } else {
            // one write: the request leaves in one segment
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
        }
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
        Map<String, String> response;
        do {
            status = statusOf(line(in));
            response = headers(in);
        } while (status / 100 == 1);
        this.body = bodyOf(in, response);
    }

    /**
     * The response's status code.
     *
     * @return e.g. {@code 200}
     */
    public int status() {
        return status;
    }

    /**
     * The response body, without its transfer coding; ends where the response ends.
     *
     * @return the body
     */
    public InputStream body() {
        return body;
    }

    /**
     * A whole answer to a short request.
     *
     * @param status the HTTP status
     * @param body   the body as UTF-8 text
     */
    public record Answer(int status, String body) {
    }

    /**
     * Sends one request and reads its whole answer, all within {@code limit}: past it, or when
     * {@code cancel} is cancelled, the connection is closed.
     *
     * @param uri            where to
     * @param method         {@code GET} or {@code POST}
     * @param headers        the request's own headers
     * @param body           the request body, or {@code null} for none
     * @param connectTimeout how long the connection may take
     * @param limit          how long the whole exchange may take
     * @param maxBytes       the most of the body that is read
     * @param cancel         closes the connection when cancelled
     * @return the status and the body
     * @throws HttpTimeoutException        when there is no whole answer within {@code limit}
     * @throws HttpConnectTimeoutException when there is no connection within {@code connectTimeout}
     * @throws IOException                 when the connection fails (also when cancelled: the
     *                                     caller asks {@code cancel} first)
     */
    public static Answer exchange(URI uri, String method, Map<String, String> headers, byte[] body,
                                  Duration connectTimeout, Duration limit, int maxBytes, Cancellation cancel)
            throws IOException {
        try (Http1Stream stream = new Http1Stream(uri);
             Cancellation.Registration registration = cancel.onCancel(stream);
             Watchdog watchdog = Watchdog.start(limit, stream)) {
            try {
                stream.send(method, headers, body, connectTimeout);
                byte[] answer = stream.body().readNBytes(maxBytes);
                return new Answer(stream.status(), new String(answer, StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (watchdog.expired()) {
                    throw new HttpTimeoutException("no answer within " + Brief.duration(limit));
                }
                throw e;
            }
        }
    }

    /** Closes the connection; a connect or read blocked in another thread ends with an exception. */
    @Override
    public void close() {
        try {
            socket.close();
            plain.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private byte[] head(String method, Map<String, String> headers, byte[] body, int port) {
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(port);
        }
        head.append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        // an IPv6 literal comes in brackets
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int statusOf(String line) throws IOException {
        // "HTTP/1.1 200 OK"
        if (line.startsWith("HTTP/1.") && line.length() >= 12 && line.charAt(8) == ' ') {
            try {
                return Integer.parseInt(line.substring(9, 12));
            } catch (NumberFormatException e) {
                // falls through to the exception below
            }
        }
        throw new IOException("not an HTTP/1.1 response: " + Brief.text(line, 80));
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            total += line.length();
            if (total > MAX_HEAD_BYTES) {
                throw new IOException("response headers over " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                              (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    private static InputStream bodyOf(InputStream in, Map<String, String> headers) throws IOException {
        String coding = headers.get("transfer-encoding");
        if (coding != null && coding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return new Chunked(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return new Bounded(in, Long.parseLong(length.strip()));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + Brief.text(length, 40));
            }
        }
        return in;
    }

    /** One line of the head, without its CRLF (a bare LF is accepted too). */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("the connection closed inside the response head");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_HEAD_BYTES) {
                throw new IOException("a response header line over " + MAX_HEAD_BYTES + " bytes");
            }
            line.write(b);
        }
        int size = line.size();
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, size > 0 && bytes[size - 1] == '\r' ? size - 1 : size, StandardCharsets.ISO_8859_1);
    }

    /**
     * A body read from the connection a known number of bytes at a time: {@link #left} bytes
     * are due before the next boundary, and a connection that closes before them is an error.
     */
    private abstract static class Body extends InputStream {
        final InputStream in;
        long left;

        Body(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        /** Reads at most {@link #left} of the bytes due; {@code where} says where the connection closed. */
        int readDue(byte[] b, int off, int len, String where) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n == -1) {
                throw new EOFException("the connection closed " + where);
            }
            left -= n;
            return n;
        }
    }

    /** A body of {@code Content-Length} bytes. */
    private static final class Bounded extends Body {
        Bounded(InputStream in, long length) {
            super(in, length);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return left == 0 ? -1 : readDue(b, off, len, left + " bytes before the end of the response");
        }
    }

    /** A chunked body (RFC 9112, section 7.1): chunk extensions and trailers are read and ignored. */
    private static final class Chunked extends Body {
        private boolean dataEnded;
        private boolean ended;

        Chunked(InputStream in) {
            super(in, 0);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int n = readDue(b, off, len, "inside a chunk");
            // the CRLF after the data is read with the next chunk's size, so that this chunk is
            // handed on even when the rest has not arrived yet
            dataEnded = left == 0;
            return n;
        }

        @Override
        public int available() throws IOException {
            return ended ? 0 : (int) Math.min(left, in.available());
        }

        private boolean nextChunk() throws IOException {
            if (ended) {
                return false;
            }
            if (dataEnded) {
                crlf();
                dataEnded = false;
            }
            String size = line(in);
            int extension = size.indexOf(';');
            String hex = (extension >= 0 ? size.substring(0, extension) : size).strip();
            try {
                left = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + Brief.text(size, 40));
            }
            if (left < 0) {
                throw new IOException("bad chunk size: " + Brief.text(size, 40));
            }
            if (left == 0) {
                // trailers, up to the empty line
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // ignored
                }
                ended = true;
                return false;
            }
            return true;
        }

        private void crlf() throws IOException {
            int cr = in.read();
            int lf = cr == '\r' ? in.read() : cr;
            if (lf != '\n') {
                throw new IOException("a chunk did not end with CRLF");
            }
        }
    }
}
