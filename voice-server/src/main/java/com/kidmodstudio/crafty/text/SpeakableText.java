package com.kidmodstudio.crafty.text;

import java.util.regex.Pattern;

/**
 * Turns a sentence of a language model's reply into what a synthesiser should read aloud:
 * Markdown markup ({@code **bold**}, {@code `code`}, {@code # heading}, {@code [link](url)},
 * list bullets) and emoji are removed, whitespace is collapsed. Emoji stay in the text shown
 * on screen; a synthesiser would read out their names.
 */
public final class SpeakableText {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern HEADING_OR_BULLET = Pattern.compile("(?m)^\\s*(?:#{1,6}|[-*+•])\\s+");
    private static final Pattern MARKUP = Pattern.compile("\\*{1,3}|_{2,3}|~~|`+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SpeakableText() {
    }

    /**
     * Cleans a text for speaking.
     *
     * @param text a sentence or a few
     * @return the speakable text, trimmed; empty when nothing is left to say
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = LINK.matcher(text).replaceAll("$1");
        s = HEADING_OR_BULLET.matcher(s).replaceAll("");
        s = MARKUP.matcher(s).replaceAll("");
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !isEmojiPart(cp)).forEach(out::appendCodePoint);
        String spoken = SPACES.matcher(out).replaceAll(" ").strip();
        return spoken.codePoints().anyMatch(Character::isLetterOrDigit) ? spoken : "";
    }

    /**
     * Whether a code point is part of an emoji sequence: a pictograph, a skin-tone modifier, a
     * regional indicator, the zero-width joiner, a variation selector or a keycap.
     *
     * @param cp a code point
     * @return true for emoji material
     */
    public static boolean isEmojiPart(int cp) {
        return Character.isExtendedPictographic(cp) && cp > 0xFF
                || Character.isEmojiModifier(cp)
                || cp >= 0x1F1E6 && cp <= 0x1F1FF
                || cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3
                || cp >= 0xE0020 && cp <= 0xE007F;
    }
}
