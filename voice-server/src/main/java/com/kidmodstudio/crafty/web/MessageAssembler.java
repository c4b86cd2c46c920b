package com.kidmodstudio.crafty.web;

/**
 * Joins the frames of one text message and enforces the size limit, so that memory held per
 * connection stays bounded: once a message passes the limit its remaining frames are dropped,
 * and the caller learns it when the last frame arrives.
 */
final class MessageAssembler {
    private final int limitBytes;
    private final StringBuilder buffer = new StringBuilder();
    private long bytes;
    private boolean overflow;

    /**
     * Creates an assembler.
     *
     * @param limitBytes largest accepted message, in bytes of UTF-8
     */
    MessageAssembler(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Adds one frame.
     *
     * @param text the frame's text
     * @param last whether it ends the message
     * @return the complete message, or {@code null} while more frames are expected
     * @throws TooLargeException when the message that just ended passed the limit
     */
    String add(String text, boolean last) throws TooLargeException {
        if (!overflow) {
            bytes += utf8Length(text);
            if (bytes > limitBytes) {
                overflow = true;
                buffer.setLength(0);
                buffer.trimToSize();
            } else {
                buffer.append(text);
            }
        }
        if (!last) {
            return null;
        }
        long size = bytes;
        boolean tooLarge = overflow;
        String result = buffer.toString();
        buffer.setLength(0);
        bytes = 0;
        overflow = false;
        if (tooLarge) {
            throw new TooLargeException(size, limitBytes);
        }
        return result;
    }

    /** A message over the limit; it was dropped. */
    static final class TooLargeException extends Exception {
        TooLargeException(long size, int limit) {
            super("message of " + size + " bytes is over the limit of " + limit + " bytes", null, false, false);
        }
    }

    static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
