package com.kidmodstudio.crafty.ws;

import io.helidon.common.buffers.DataReader;
import io.helidon.websocket.WsCloseCodes;

/**
 * Reads client frames from the socket and checks what RFC 6455 section 5 requires of them before
 * any payload is read: no reserved bits (no extension is ever negotiated), a known opcode,
 * a mask, control frames unfragmented and at most 125 bytes, and no frame larger than the
 * connection will hold. A frame's payload is then read whole, or skipped without being kept.
 */
final class FrameReader {
    private final DataReader in;
    private final int maxFrame;

    /**
     * Reads from a connection.
     *
     * @param in       the connection's reader
     * @param maxFrame largest payload read at all, in bytes
     */
    FrameReader(DataReader in, int maxFrame) {
        this.in = in;
        this.maxFrame = maxFrame;
    }

    /**
     * Reads the next frame's header, blocking until it has arrived.
     *
     * @return the header; its payload must be read or skipped next
     * @throws Violation when the frame breaks the protocol (1002) or is too large (1009)
     */
    Header next() throws Violation {
        int first = in.read() & 0xFF;
        int second = in.read() & 0xFF;
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0F;
        if ((first & 0x70) != 0) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "reserved bits set, but no extension was agreed");
        }
        boolean control = (opcode & 0x08) != 0;
        if (opcode > Frames.BINARY && !control || opcode > Frames.PONG) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "reserved opcode " + opcode);
        }
        if ((second & 0x80) == 0) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "client frames must be masked");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = readLength(2);
        } else if (length == 127) {
            length = readLength(8);
            if (length < 0) {
                throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "frame length with the high bit set");
            }
        }
        if (control && !fin) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "fragmented control frame");
        }
        if (control && length > Frames.MAX_CONTROL) {
            throw new Violation(WsCloseCodes.PROTOCOL_ERROR, "control frame over 125 bytes");
        }
        if (length > maxFrame) {
            throw new Violation(WsCloseCodes.TOO_BIG, "frame of " + length + " bytes, the limit is " + maxFrame);
        }
        return new Header(fin, opcode, (int) length, in.readBytes(4));
    }

    /**
     * Reads and unmasks a frame's payload.
     *
     * @param header the frame, from {@link #next()}
     * @return the payload
     */
    byte[] payload(Header header) {
        if (header.length() == 0) {
            return Frames.EMPTY;
        }
        byte[] data = in.readBytes(header.length());
        byte[] mask = header.mask();
        for (int i = 0; i < data.length; i++) {
            data[i] ^= mask[i & 3];
        }
        return data;
    }

    /**
     * Reads past a frame's payload without keeping it.
     *
     * @param header the frame, from {@link #next()}
     */
    void skip(Header header) {
        in.skip(header.length());
    }

    private long readLength(int bytes) {
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (in.read() & 0xFF);
        }
        return length;
    }

    /**
     * A frame header.
     *
     * @param fin    whether the frame ends its message
     * @param opcode the opcode
     * @param length the payload length
     * @param mask   the masking key
     */
    record Header(boolean fin, int opcode, int length, byte[] mask) {
    }
}
