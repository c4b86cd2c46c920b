package com.kidmodstudio.crafty.chat;

import java.util.Set;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.config.Settings;

/**
 * The language Crafty speaks: German (default) or English.
 */
public enum Language {
    /** German. */
    DE,
    /** English. */
    EN;

    /**
     * Reads {@code crafty.language} ({@code CRAFTY_LANGUAGE}).
     *
     * @param crafty the {@code crafty} subtree
     * @return the language
     */
    public static Language create(Config crafty) {
        return "en".equals(Settings.oneOf(crafty, "language", "de", Set.of("de", "en"))) ? EN : DE;
    }

    /**
     * The ISO 639-1 code.
     *
     * @return {@code de} or {@code en}
     */
    public String code() {
        return this == DE ? "de" : "en";
    }
}
