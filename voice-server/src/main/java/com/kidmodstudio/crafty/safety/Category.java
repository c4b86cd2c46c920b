package com.kidmodstudio.crafty.safety;

import java.util.Locale;

/**
 * What the safety layer recognises. The first four are crises: the child gets the help text
 * and a safety event is recorded. The next are unsafe requests, answered with a kind refusal;
 * {@link #PROFANITY} only ever stops a reply; {@link #PERSONAL_DATA} is masked, not refused.
 */
public enum Category {
    /** Self-harm or suicide. */
    SELF_HARM(true),
    /** Abuse or violence at home. */
    ABUSE(true),
    /** Being in danger: followed, threatened, blackmailed, lured. */
    DANGER(true),
    /** Severe bullying. */
    BULLYING(true),
    /** Sexual content. */
    SEXUAL(false),
    /** Violence against people. */
    VIOLENCE(false),
    /** Making or getting real weapons. */
    WEAPONS(false),
    /** Getting, making or taking drugs. */
    DRUGS(false),
    /** Hate against groups of people. */
    HATE(false),
    /** Attempts to switch the rules off. */
    JAILBREAK(false),
    /** Swear words; only in replies. */
    PROFANITY(false),
    /** Phone numbers, addresses, names and the like. */
    PERSONAL_DATA(false),
    /** Anything else the model guard flags as unsafe (e.g. other crimes). */
    OTHER(false);

    private final boolean crisis;

    Category(boolean crisis) {
        this.crisis = crisis;
    }

    /**
     * Whether the child gets the help text.
     *
     * @return whether this is a crisis
     */
    public boolean crisis() {
        return crisis;
    }

    /**
     * The name in data files, events and on the wire.
     *
     * @return e.g. {@code self_harm}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a name as written in the data files.
     *
     * @param wire e.g. {@code self_harm}
     * @return the category
     * @throws IllegalArgumentException when unknown
     */
    public static Category fromWire(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    }
}
