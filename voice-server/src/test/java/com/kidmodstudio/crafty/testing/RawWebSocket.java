package com.kidmodstudio.crafty.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import com.kidmodstudio.crafty.protocol.TestJson;

/**
 * A WebSocket client that writes and reads frames by hand, for tests of the protocol itself
 * (modelled on the Autobahn TestSuite's cases): any opcode, fragmentation, reserved bits, masked
 * or not, broken payloads, close frames; and a client that stops reading. Reads wait at most
 * {@link #WAIT} and fail the test when nothing comes.
 */
public final class RawWebSocket implements AutoCloseable {
    /** Opcodes. */
    public static final int CONTINUATION = 0x0;
    /** A text frame. */
    public static final int TEXT = 0x1;
    /** A binary frame. */
    public static final int BINARY = 0x2;
    /** A close frame. */
    public static final int CLOSE = 0x8;
    /** A ping. */
    public static final int PING = 0x9;
    /** A pong. */
    public static final int PONG = 0xA;
    /** Longest wait for a frame. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket, DataInputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and completes the opening handshake.
     *
     * @param port the server's port
     * @param path e.g. {@code /chat}
     * @return the open socket
     */
    public static RawWebSocket connect(int port, String path) {
        return connect(port, path, 0);
    }

    /**
     * Connects with a small receive buffer, for a client that stops reading: the server's sends
     * back up after a few kilobytes instead of filling a large buffer.
     *
     * @param port          the server's port
     * @param path          e.g. {@code /chat}
     * @param receiveBuffer the socket's receive buffer in bytes; 0 for the system's default
     * @return the open socket
     */
    public static RawWebSocket connect(int port, String path, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String status = line(in);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new AssertionError("handshake refused: " + status);
            }
            String accept = null;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(Locale.ROOT).startsWith("sec-websocket-accept:")) {
                    accept = header.substring(header.indexOf(':') + 1).trim();
                }
            }
            if (!accept(key).equals(accept)) {
                throw new AssertionError("wrong Sec-WebSocket-Accept: " + accept);
            }
            return new RawWebSocket(socket, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends one masked frame.
     *
     * @param opcode  the opcode
     * @param fin     whether it ends its message
     * @param payload the payload
     * @return this socket
     */
    public RawWebSocket send(int opcode, boolean fin, byte[] payload) {
        return sendRaw(frame((fin ? 0x80 : 0) | opcode, payload, true));
    }

    /**
     * Sends a text message in one frame.
     *
     * @param text the message
     * @return this socket
     */
    public RawWebSocket text(String text) {
        return send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a close frame.
     *
     * @param code   the code
     * @param reason the reason
     * @return this socket
     */
    public RawWebSocket close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return send(CLOSE, true, payload);
    }

    /**
     * Sends bytes as they are, e.g. a frame built with {@link #frame(int, byte[], boolean)}.
     *
     * @param bytes what to write
     * @return this socket
     */
    public RawWebSocket sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of a client frame.
     *
     * @param firstByte FIN, reserved bits and opcode
     * @param payload   the payload
     * @param masked    whether to mask it, as clients must
     * @return the frame
     */
    public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            RANDOM.nextBytes(mask);
            frame.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /**
     * Reads the next frame.
     *
     * @return the frame, or {@code null} when the server closed the TCP connection
     * @throws AssertionError when nothing arrives within {@link #WAIT}
     */
    public Frame read() {
        try {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if ((second & 0x80) != 0) {
                throw new AssertionError("the server masked a frame");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame((first & 0x80) != 0, first & 0x70, first & 0x0F, payload);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server within " + WAIT);
        } catch (EOFException | SocketException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads frames until one matches, answering none of them.
     *
     * @param until the condition
     * @return the matching frame
     * @throws AssertionError when the connection ends first
     */
    public Frame await(Predicate<Frame> until) {
        while (true) {
            Frame frame = read();
            if (frame == null) {
                throw new AssertionError("the connection ended before the expected frame");
            }
            if (until.test(frame)) {
                return frame;
            }
        }
    }

    /**
     * Waits for the server's close frame, skipping other frames.
     *
     * @return the close frame
     */
    public Frame awaitClose() {
        return await(frame -> frame.opcode() == CLOSE);
    }

    /**
     * Whether the server has closed the TCP connection: reads what is left and expects the end.
     *
     * @return true when the connection ended without another frame
     */
    public boolean endsWithoutMoreFrames() {
        return read() == null;
    }

    /**
     * Reads and drops everything until the server closes the TCP connection.
     *
     * @return the bytes read
     */
    public long drain() {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + WAIT);
        } catch (SocketException e) {
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("handshake cut short");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One frame from the server.
     *
     * @param fin      whether it ends its message
     * @param reserved the reserved bits
     * @param opcode   the opcode
     * @param payload  the payload
     */
    public record Frame(boolean fin, int reserved, int opcode, byte[] payload) {
        /**
         * The payload as text.
         *
         * @return the UTF-8 text
         */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /**
         * The payload as JSON.
         *
         * @return the parsed message
         */
        public JsonNode json() {
            try {
                return TestJson.MAPPER.readTree(payload);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        /**
         * A close frame's code.
         *
         * @return the code, or 1005 when it has none
         */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /**
         * A close frame's reason.
         *
         * @return the reason
         */
        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        /**
         * The {@code type} of a JSON text frame.
         *
         * @return the type, or {@code ""} for other frames
         */
        public String type() {
            return opcode == TEXT ? json().path("type").asText() : "";
        }
    }
}
