package com.kidmodstudio.crafty.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict {@code multipart/form-data} parser for the fake servers (RFC 7578). */
public final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    /**
     * One part.
     *
     * @param name        the form field name
     * @param filename    the file name, or {@code null} for a plain field
     * @param contentType the part's content type, or {@code null}
     * @param content     the part's bytes
     */
    public record Part(String name, String filename, String contentType, byte[] content) {
        /**
         * The content as UTF-8 text.
         *
         * @return the text
         */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /**
     * Parses a body.
     *
     * @param contentType the request's {@code Content-Type}
     * @param body        the request body
     * @return the parts in order
     * @throws IllegalArgumentException when the body is not well-formed multipart
     */
    public static List<Part> parse(String contentType, byte[] body) {
        Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !b.find()) {
            throw new IllegalArgumentException("not multipart/form-data: " + contentType);
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            throw new IllegalArgumentException("body does not start with the boundary");
        }
        while (true) {
            at += delimiter.length;
            if (body.length >= at + 2 && body[at] == '-' && body[at + 1] == '-') {
                return parts;
            }
            int headersStart = at + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, ("\r\n" + new String(delimiter, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1), headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new IllegalArgumentException("truncated multipart body");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            parts.add(new Part(find(NAME, headers), find(FILENAME, headers), contentTypeOf(headers),
                               Arrays.copyOfRange(body, headersEnd + 4, next)));
            at = next + 2;
        }
    }

    private static String contentTypeOf(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                return line.substring(13).strip();
            }
        }
        return null;
    }

    private static String find(Pattern pattern, String headers) {
        Matcher m = pattern.matcher(headers);
        return m.find() ? m.group(1) : null;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        if (from < 0) {
            return -1;
        }
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
