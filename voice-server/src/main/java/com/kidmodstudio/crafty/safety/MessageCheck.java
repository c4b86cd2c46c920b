package com.kidmodstudio.crafty.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a child's message against the crisis list first, then the list of unsafe requests
 * (data files {@code crisis.tsv}, {@code requests.tsv}). Words are folded ({@link Words}), runs
 * of single letters joined, and every two neighbouring words are also tried as one
 * ({@code selbst mord}). Phrases marked {@code real} are ignored when the message holds a word
 * of {@code game-words.txt}. Pure and thread-safe.
 */
public final class MessageCheck {
    private final PhraseList crisis;
    private final PhraseList requests;
    private final Set<String> gameWords = new HashSet<>();
    private final List<String> gamePrefixes = new ArrayList<>();

    /**
     * Creates a check from lists.
     *
     * @param crisis    the crisis phrases
     * @param requests  the unsafe requests
     * @param gameWords folded game words; a trailing {@code *} matches the beginning
     */
    public MessageCheck(PhraseList crisis, PhraseList requests, List<String> gameWords) {
        this.crisis = crisis;
        this.requests = requests;
        for (String word : gameWords) {
            if (word.endsWith("*")) {
                gamePrefixes.add(Words.fold(word.substring(0, word.length() - 1)));
            } else {
                this.gameWords.add(Words.fold(word));
            }
        }
    }

    /**
     * The check with the lists shipped in {@code /safety/}.
     *
     * @return the check
     */
    public static MessageCheck shipped() {
        return new MessageCheck(PhraseList.load("/safety/crisis.tsv"), PhraseList.load("/safety/requests.tsv"),
                                lines("/safety/game-words.txt"));
    }

    /**
     * What a message is about, if it is unsafe.
     *
     * @param message the child's words
     * @return the phrase that matched (crisis before unsafe requests), or {@code null}
     */
    public Phrase check(String message) {
        List<String> words = Words.tokens(message);
        boolean game = game(words);
        List<String> pairs = new ArrayList<>(Math.max(0, words.size() - 1));
        for (int i = 0; i + 1 < words.size(); i++) {
            pairs.add(Words.fold(words.get(i) + words.get(i + 1)));
        }
        Phrase found = crisis.find(words, game);
        if (found == null) {
            found = crisis.find(pairs, game);
        }
        if (found == null) {
            found = requests.find(words, game);
        }
        if (found == null) {
            found = requests.find(pairs, game);
        }
        return found;
    }

    /**
     * Whether folded words hold a game word.
     *
     * @param words folded words
     * @return whether the message is plainly about the game
     */
    boolean game(List<String> words) {
        for (String word : words) {
            if (gameWords.contains(word)) {
                return true;
            }
            for (String prefix : gamePrefixes) {
                if (word.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = MessageCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing data file " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
