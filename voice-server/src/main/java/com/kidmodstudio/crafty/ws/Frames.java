package com.kidmodstudio.crafty.ws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.helidon.websocket.WsCloseCodes;

/**
 * The bytes of RFC 6455 frames: opcodes, server frames (never masked), and close payloads.
 */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    /** Largest payload of a control frame. */
    static final int MAX_CONTROL = 125;
    static final byte[] EMPTY = new byte[0];
    private static final int MAX_REASON = MAX_CONTROL - 2;

    private Frames() {
    }

    /**
     * One unmasked frame, header and payload in one array so it is written in one go.
     *
     * @param opcode  the opcode
     * @param fin     whether it ends its message
     * @param payload the payload
     * @return the frame's bytes
     */
    static byte[] encode(int opcode, boolean fin, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }

    /**
     * A close payload: the code, then the reason cut to fit a control frame on a character boundary.
     *
     * @param code   the close code
     * @param reason a short reason
     * @return the payload
     */
    static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_REASON);
        while (length < text.length && length > 0 && (text[length] & 0xC0) == 0x80) {
            length--;
        }
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        return payload;
    }

    /**
     * Reads a close frame a client sent.
     *
     * @param payload the payload
     * @return the code ({@code 1005} when the frame had none) and reason
     * @throws Violation when the frame is malformed
     */
    static Closing parseClose(byte[] payload) throws Violation {
        if (payload.length == 0) {
            return new Closing(WsCloseCodes.NO_STATUS_CODE, "");
        }
        if (payload.length == 1) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "close frame with a one-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!peerMaySend(code)) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "close code " + code + " is not allowed");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer reason = decoder.decode(ByteBuffer.wrap(payload, 2, payload.length - 2));
            return new Closing(code, reason.toString());
        } catch (CharacterCodingException e) {
            throw new Violation(WsCloseCodes.NOT_CONSISTENT, "close reason is not UTF-8");
        }
    }

    /**
     * Whether a code may appear in a close frame (RFC 6455 section 7.4): the defined codes except
     * those reserved for local use, and the registered and private ranges.
     *
     * @param code the code
     * @return whether it is allowed on the wire
     */
    static boolean peerMaySend(int code) {
        return switch (code) {
            case 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014 -> true;
            default -> code >= 3000 && code <= 4999;
        };
    }

    /**
     * A close code and reason.
     *
     * @param code   the code
     * @param reason the reason, possibly empty
     */
    record Closing(int code, String reason) {
    }
}
