package com.kidmodstudio.crafty.llm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Utf8LineReaderTest {

    /** Hands out its bytes in reads of the given sizes, the way TCP segments arrive. */
    private static InputStream inReads(byte[] bytes, int... sizes) {
        return new InputStream() {
            private int position;
            private int read;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= bytes.length) {
                    return -1;
                }
                int size = read < sizes.length ? sizes[read++] : bytes.length;
                int n = Math.min(Math.min(size, len), bytes.length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    private static List<String> readAll(Utf8LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodes_utf8_multibyte_char_split_across_reads() throws IOException {
        byte[] bytes = utf8("{\"content\":\"Möchtest du 🤖?\"}\n");
        int o = "{\"content\":\"M".length();
        int emoji = "{\"content\":\"Möchtest du ".getBytes(StandardCharsets.UTF_8).length;
        // cut after the first byte of ö, then inside the four bytes of the emoji
        Utf8LineReader reader = new Utf8LineReader(inReads(bytes, o + 1, emoji + 2 - (o + 1), 1), 1024);
        assertEquals(List.of("{\"content\":\"Möchtest du 🤖?\"}"), readAll(reader));
    }

    @Test
    void reads_byte_by_byte() throws IOException {
        byte[] bytes = utf8("grüß\ndich\n");
        int[] ones = new int[bytes.length];
        Arrays.fill(ones, 1);
        assertEquals(List.of("grüß", "dich"), readAll(new Utf8LineReader(inReads(bytes, ones), 1024)));
    }

    @Test
    void returns_every_line_of_one_read() throws IOException {
        byte[] bytes = utf8("a\nb\nc\n");
        assertEquals(List.of("a", "b", "c"), readAll(new Utf8LineReader(inReads(bytes, bytes.length), 1024)));
    }

    @Test
    void handles_crlf_line_endings() throws IOException {
        byte[] bytes = utf8("data: eins\r\n\r\ndata: zwei\r\n");
        // the CR and the LF arrive in different reads
        Utf8LineReader reader = new Utf8LineReader(inReads(bytes, "data: eins\r".length(), 3), 1024);
        assertEquals(List.of("data: eins", "", "data: zwei"), readAll(reader));
    }

    @Test
    void keeps_blank_lines_and_a_last_line_without_newline() throws IOException {
        Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(utf8("\n\neins\nzwei")), 1024);
        assertEquals(List.of("", "", "eins", "zwei"), readAll(reader));
        assertNull(reader.readLine());
    }

    @Test
    void returns_a_line_as_soon_as_it_is_complete() throws IOException {
        // a stream that fails if asked for more after the first line: the reader must not read ahead
        byte[] first = utf8("{\"done\":false}\n");
        InputStream in = new InputStream() {
            private boolean served;

            @Override
            public int read() {
                throw new AssertionError("single-byte read");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served) {
                    throw new AssertionError("read past a complete line");
                }
                served = true;
                System.arraycopy(first, 0, b, off, first.length);
                return first.length;
            }
        };
        assertEquals("{\"done\":false}", new Utf8LineReader(in, 1024).readLine());
    }

    @Test
    void refuses_a_line_longer_than_the_limit() {
        Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(utf8("x".repeat(5000) + "\n")), 4096);
        assertThrows(Utf8LineReader.LineTooLong.class, reader::readLine);
    }

    @Test
    void accepts_a_line_of_exactly_the_limit() throws IOException {
        Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(utf8("y".repeat(4096) + "\r\n")), 4097);
        assertEquals("y".repeat(4096), reader.readLine());
    }
}
