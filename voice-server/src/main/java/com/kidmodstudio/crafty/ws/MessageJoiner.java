package com.kidmodstudio.crafty.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.helidon.websocket.WsCloseCodes;

/**
 * Joins the frames of one message. Text is decoded as it arrives, with the bytes of a character
 * cut between two frames carried over to the next, so a message is validated as UTF-8 as a
 * whole and fails at the first frame that makes it invalid. A message never grows past its
 * limit: once it would, what it held is let go and the rest of it is only counted
 * ({@link #drop(int)}), so what one connection holds is bounded by the limits.
 */
final class MessageJoiner {
    private static final int KEEP = 8 * 1024;

    private final int textLimit;
    private final int binaryLimit;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private StringBuilder text = new StringBuilder();
    private ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private byte[] carried = Frames.EMPTY;
    private boolean open;
    private boolean isText;
    private boolean dropping;
    private long size;

    /**
     * Creates a joiner.
     *
     * @param textLimit   largest text message, in bytes of UTF-8
     * @param binaryLimit largest binary message
     */
    MessageJoiner(int textLimit, int binaryLimit) {
        this.textLimit = textLimit;
        this.binaryLimit = binaryLimit;
    }

    /**
     * Whether a message has begun and not yet ended.
     *
     * @return true between the first and the last frame of a message
     */
    boolean inProgress() {
        return open;
    }

    /**
     * The limit of a kind of message.
     *
     * @param forText text or binary
     * @return the limit in bytes
     */
    int limit(boolean forText) {
        return forText ? textLimit : binaryLimit;
    }

    /**
     * Whether the next frame must be dropped: the message is being dropped already, or that
     * frame would take it past its limit.
     *
     * @param bytes the next frame's payload length
     * @return true when it must
     */
    boolean overLimit(int bytes) {
        return dropping || size + bytes > limit(isText);
    }

    /**
     * The bytes of the current message so far, dropped ones included.
     *
     * @return its size
     */
    long size() {
        return size;
    }

    /**
     * Drops the current message: lets go of what it held and only counts the frame.
     *
     * @param bytes the frame's payload length, skipped by the caller
     * @param fin   whether the frame ends the message
     */
    void drop(int bytes, boolean fin) {
        dropping = true;
        size += bytes;
        text.setLength(0);
        binary.reset();
        carried = Frames.EMPTY;
        if (fin) {
            open = false;
        }
    }

    /**
     * Whether the current message is text.
     *
     * @return true for text
     */
    boolean text() {
        return isText;
    }

    /**
     * Begins a message.
     *
     * @param forText whether it is text
     */
    void begin(boolean forText) {
        open = true;
        isText = forText;
        dropping = false;
        size = 0;
        carried = Frames.EMPTY;
        decoder.reset();
    }

    /**
     * Adds the next frame of the current message.
     *
     * @param payload the frame's payload
     * @param fin     whether it ends the message
     * @return the message when it is complete ({@link String} or {@code byte[]}), else {@code null}
     * @throws Violation 1007 for invalid UTF-8
     * @throws IllegalStateException when the frame is {@link #overLimit(int)}
     */
    Object add(byte[] payload, boolean fin) throws Violation {
        if (overLimit(payload.length)) {
            throw new IllegalStateException("a frame over the limit must be dropped");
        }
        size += payload.length;
        if (isText) {
            decode(payload, fin);
        } else {
            binary.writeBytes(payload);
        }
        if (!fin) {
            return null;
        }
        open = false;
        if (isText) {
            String message = text.toString();
            text = text.capacity() > KEEP ? new StringBuilder() : text.delete(0, text.length());
            return message;
        }
        byte[] message = binary.toByteArray();
        binary = binary.size() > KEEP ? new ByteArrayOutputStream() : binary;
        binary.reset();
        return message;
    }

    private void decode(byte[] payload, boolean fin) throws Violation {
        ByteBuffer in;
        if (carried.length == 0) {
            in = ByteBuffer.wrap(payload);
        } else {
            in = ByteBuffer.allocate(carried.length + payload.length).put(carried).put(payload).flip();
        }
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult result = decoder.decode(in, out, fin);
        if (!result.isError() && fin) {
            result = decoder.flush(out);
        }
        if (result.isError() || fin && in.hasRemaining()) {
            open = false;
            text.setLength(0);
            throw new Violation(WsCloseCodes.NOT_CONSISTENT, "text message is not valid UTF-8");
        }
        carried = new byte[in.remaining()];
        in.get(carried);
        text.append(out.flip());
    }
}
