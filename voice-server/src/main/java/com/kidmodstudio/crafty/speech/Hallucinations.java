package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lines whisper writes when it hears no words, learnt from the subtitles it was trained on
 * ("Untertitel der Amara.org-Community", "Vielen Dank fürs Zuschauen", "[Musik]"), listed one a
 * line in {@code speech/hallucinations.txt}. A transcript is cut into sentences and bracketed or
 * starred markers; every piece that is, apart from case, spacing and closing punctuation, a line
 * of the list is dropped. What is left is what the child said, possibly nothing.
 */
public final class Hallucinations {
    private static final Pattern PIECES = Pattern.compile(
            "\\[[^\\]]*]|\\([^)]*\\)|\\*[^*]+\\*|(?:[^.!?…\\[(*]|[.!?…](?!\\s|$))+[.!?…]*");
    private static final Pattern EDGES = Pattern.compile("^[\\s.,!?…\"'„“”-]+|[\\s.,!?…\"'„“”-]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> LINES = load();

    private Hallucinations() {
    }

    /**
     * The transcript without the known lines.
     *
     * @param transcript what the recogniser returned
     * @return the rest, trimmed; empty when it was all made up
     */
    public static String strip(String transcript) {
        List<String> kept = new ArrayList<>();
        Matcher pieces = PIECES.matcher(transcript);
        while (pieces.find()) {
            String piece = pieces.group().strip();
            if (!piece.isEmpty() && !LINES.contains(normalise(piece))) {
                kept.add(piece);
            }
        }
        return String.join(" ", kept).strip();
    }

    /**
     * Whether a piece of text is one of the known lines.
     *
     * @param piece a sentence or marker
     * @return true when listed
     */
    static boolean known(String piece) {
        return LINES.contains(normalise(piece));
    }

    /**
     * The listed lines, normalised.
     *
     * @return the set
     */
    static Set<String> lines() {
        return LINES;
    }

    private static String normalise(String text) {
        return SPACES.matcher(EDGES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll(" ");
    }

    private static Set<String> load() {
        try (InputStream in = Hallucinations.class.getResourceAsStream("/speech/hallucinations.txt")) {
            if (in == null) {
                throw new IllegalStateException("speech/hallucinations.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(Hallucinations::normalise)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
