package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines as the bytes arrive, for NDJSON and server-sent events.
 *
 * <p>Lines end at a {@code '\n'} byte; a {@code '\r'} before it is dropped. The split happens on
 * bytes and each complete line is decoded as UTF-8 only once it is whole, so a multi-byte
 * character or a token cut across two network reads comes out intact. A line is returned as
 * soon as its {@code '\n'} has been read: the reader never waits to fill its buffer. Not
 * thread-safe; one reader per response body.
 */
final class Utf8LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;

    /**
     * Creates a reader.
     *
     * @param in           the stream to read; closing it from another thread ends a blocked read
     * @param maxLineBytes longest line accepted, so a broken server cannot exhaust memory
     */
    Utf8LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return the line without its terminator; a last line without {@code '\n'} is returned
     *         at the end of the stream; {@code null} once the stream is exhausted
     * @throws IOException  when reading fails
     * @throws LineTooLong  when a line exceeds the limit
     */
    String readLine() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    append(position, i);
                    position = i + 1;
                    return takeLine();
                }
            }
            append(position, limit);
            position = 0;
            limit = in.read(buffer, 0, buffer.length);
            if (limit < 0) {
                limit = 0;
                return lineLength > 0 ? takeLine() : null;
            }
        }
    }

    private void append(int from, int to) throws LineTooLong {
        int count = to - from;
        if (count <= 0) {
            return;
        }
        if (lineLength + count > maxLineBytes) {
            throw new LineTooLong(maxLineBytes);
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private String takeLine() {
        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        lineLength = 0;
        return text;
    }

    /** A line longer than the reader accepts: the server is not speaking the expected protocol. */
    static final class LineTooLong extends IOException {
        LineTooLong(int max) {
            super("a line of the reply is longer than " + max + " bytes");
        }
    }
}
