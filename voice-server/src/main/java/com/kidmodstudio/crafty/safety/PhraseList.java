package com.kidmodstudio.crafty.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A list of {@link Phrase}s read from a data file, indexed by each phrase's last word so that
 * checking the word a stream has just completed costs a hash lookup or two, not a scan.
 *
 * <p>File format, UTF-8, one phrase per line: {@code category<TAB>scope<TAB>pattern}, where
 * scope is {@code any} or {@code real} (ignored when the message is plainly about the game:
 * "wie töte ich den Ender-Drachen"); {@code #} starts a comment.
 */
public final class PhraseList {
    private final List<Phrase> phrases;
    private final Map<String, List<Phrase>> byLastWord = new HashMap<>();
    private final Map<String, List<Phrase>> byLastPrefix = new HashMap<>();
    private final int[] prefixLengths;
    private final TreeSet<String> lastWords = new TreeSet<>();

    /**
     * Indexes phrases.
     *
     * @param phrases the phrases
     */
    public PhraseList(List<Phrase> phrases) {
        this.phrases = List.copyOf(phrases);
        TreeSet<Integer> lengths = new TreeSet<>();
        for (Phrase phrase : phrases) {
            for (String word : phrase.last().exact()) {
                byLastWord.computeIfAbsent(word, w -> new ArrayList<>()).add(phrase);
            }
            for (String prefix : phrase.last().prefixes()) {
                byLastPrefix.computeIfAbsent(prefix, w -> new ArrayList<>()).add(phrase);
                lengths.add(prefix.length());
            }
        }
        this.prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
        lastWords.addAll(byLastWord.keySet());
        lastWords.addAll(byLastPrefix.keySet());
    }

    /**
     * Whether a word that begins with {@code begun} could end a phrase: some phrase's last word
     * begins with it, or it already begins with a phrase's last-word prefix ({@code porn*}).
     * When not, no word that begins so can complete a phrase, whatever follows.
     *
     * @param begun the folded beginning of a word
     * @return whether a phrase could end at such a word
     */
    public boolean mayEndWith(String begun) {
        String next = lastWords.ceiling(begun);
        if (next != null && next.startsWith(begun)) {
            return true;
        }
        for (int length : prefixLengths) {
            if (length > begun.length()) {
                break;
            }
            if (byLastPrefix.containsKey(begun.substring(0, length))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a list from the class path.
     *
     * @param resource e.g. {@code /safety/requests.tsv}
     * @return the list
     * @throws IllegalStateException when it is missing or a line is malformed (naming the line)
     */
    public static PhraseList load(String resource) {
        List<Phrase> phrases = new ArrayList<>();
        for (String[] row : Tables.rows(resource, 3)) {
            for (String pattern : expand(row[2])) {
                phrases.add(Phrase.compile(Category.fromWire(row[0]), "real".equals(row[1]), pattern));
            }
        }
        return new PhraseList(phrases);
    }

    /**
     * The first phrase that ends at word {@code end}.
     *
     * @param words       folded words
     * @param end         the word just completed
     * @param gameContext whether {@code real} phrases are to be ignored
     * @return the phrase, or {@code null}
     */
    public Phrase endingAt(List<String> words, int end, boolean gameContext) {
        String word = words.get(end);
        Phrase found = first(byLastWord.get(word), words, end, gameContext);
        for (int i = 0; found == null && i < prefixLengths.length && prefixLengths[i] <= word.length(); i++) {
            found = first(byLastPrefix.get(word.substring(0, prefixLengths[i])), words, end, gameContext);
        }
        return found;
    }

    /**
     * The first phrase found anywhere in a message.
     *
     * @param words       the message's folded words
     * @param gameContext whether {@code real} phrases are to be ignored
     * @return the phrase, or {@code null}
     */
    public Phrase find(List<String> words, boolean gameContext) {
        for (int end = 0; end < words.size(); end++) {
            Phrase found = endingAt(words, end, gameContext);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Every phrase, as read.
     *
     * @return the phrases
     */
    public List<Phrase> phrases() {
        return phrases;
    }

    /**
     * Writes out the groups a single {@link Phrase} cannot hold: a group with an alternative of
     * several words ({@code (my life|it all)}) or an optional group ({@code (off )?}) becomes one
     * pattern per alternative.
     *
     * @param pattern the pattern as written
     * @return the patterns it stands for
     */
    static List<String> expand(String pattern) {
        int open = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '(') {
                open = i;
            } else if (c == ')' && open >= 0) {
                String body = pattern.substring(open + 1, i);
                boolean optional = i + 1 < pattern.length() && pattern.charAt(i + 1) == '?';
                if (optional || body.trim().contains(" ")) {
                    List<String> out = new ArrayList<>();
                    String head = pattern.substring(0, open);
                    String tail = pattern.substring(optional ? i + 2 : i + 1);
                    List<String> alternatives = new ArrayList<>(List.of(body.split("\\|")));
                    if (optional) {
                        alternatives.add("");
                    }
                    for (String alternative : alternatives) {
                        out.addAll(expand((head + " " + alternative.trim() + " " + tail).trim().replaceAll("\\s+", " ")));
                    }
                    return out;
                }
                open = -1;
            }
        }
        return List.of(pattern.trim());
    }

    private static Phrase first(List<Phrase> candidates, List<String> words, int end, boolean gameContext) {
        if (candidates == null) {
            return null;
        }
        for (Phrase phrase : candidates) {
            if ((!gameContext || !phrase.realOnly()) && phrase.endsAt(words, end)) {
                return phrase;
            }
        }
        return null;
    }

    /** Reads tab-separated data files from the class path. */
    static final class Tables {
        private Tables() {
        }

        static List<String[]> rows(String resource, int columns) {
            List<String[]> rows = new ArrayList<>();
            try (InputStream in = PhraseList.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing data file " + resource);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int number = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    number++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] row = line.split("\t", -1);
                    if (row.length != columns) {
                        throw new IllegalStateException(resource + " line " + number + ": expected " + columns
                                                                + " tab-separated columns, found " + row.length);
                    }
                    rows.add(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        }
    }
}
