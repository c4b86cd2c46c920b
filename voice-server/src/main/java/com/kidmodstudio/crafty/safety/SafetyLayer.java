package com.kidmodstudio.crafty.safety;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one safety layer between the routes and the model. Before the model is asked,
 * {@link #screen} masks personal data and answers a crisis with the helpline, or an unsafe
 * request with a kind refusal, from fixed texts (optionally after asking a guard model); while
 * the model writes, a {@link #replyFilter()} lets the reply out word by word; before a sentence
 * is spoken, {@link #sentenceSafe} checks it again. Every time it acts, a safety event (category
 * and time, never the words) is recorded. Thread-safe; one per server.
 */
public final class SafetyLayer {
    private static final Logger LOGGER = Logger.getLogger(SafetyLayer.class.getName());

    private final PersonalData personal;
    private final SafetyTexts texts;
    private final SafetyEvents events;
    private final Supplier<String> country;
    private final ModelGuard guard;
    private final BooleanSupplier guardOn;
    private final BiConsumer<String, Duration> guardTimes;
    private final Clock clock;

    /**
     * Creates the layer with the shipped lists and texts.
     *
     * @param language   {@code de} or {@code en}: the texts and placeholders
     * @param events     where safety events are recorded
     * @param country    the helpline country the parent chose, or {@code null}/blank for the language's default
     * @param guard      the guard model, or {@code null} for none
     * @param guardOn    whether the guard is asked (the parent's switch)
     * @param guardTimes receives each guard call's outcome ({@code safe}, {@code unsafe}, {@code failed}) and duration
     * @param clock      the time of events
     */
    public SafetyLayer(String language, SafetyEvents events, Supplier<String> country, ModelGuard guard,
                       BooleanSupplier guardOn, BiConsumer<String, Duration> guardTimes, Clock clock) {
        this.personal = new PersonalData(language);
        this.texts = new SafetyTexts(language);
        this.events = events;
        this.country = country;
        this.guard = guard;
        this.guardOn = guardOn;
        this.guardTimes = guardTimes;
        this.clock = clock;
    }

    /**
     * Compiles the shipped phrase lists now, if that has not happened yet. They are compiled once
     * per process, at their first use; start-up calls this right after the server listens, so
     * that the about 25 ms it takes are not part of the wait for the panel, and a first message
     * that comes sooner waits for them. Thread-safe.
     */
    public static void prepare() {
        Shipped.load();
    }

    /**
     * The layer with its defaults: no guard, the language's helpline country, no events kept.
     *
     * @param language {@code de} or {@code en}
     * @return the layer
     */
    public static SafetyLayer defaults(String language) {
        return new SafetyLayer(language, SafetyEvents.none(), () -> null, null, () -> false, (o, d) -> {
        }, Clock.systemUTC());
    }

    /**
     * Decides about a child's message before the model is asked.
     *
     * @param message the child's words, as typed or transcribed
     * @return the decision, with the message as it may travel on (personal data masked)
     */
    public Screening screen(String message) {
        PersonalData.Masked masked = personal.mask(message);
        Phrase found = Shipped.MESSAGES.check(message);
        Category category = found != null ? found.category() : guarded(masked.text()).orElse(null);
        if (category != null) {
            record(category);
            String answer = category.crisis() ? texts.crisis(category, country.get()) : texts.refusal(category);
            return new Screening(category.crisis() ? Screening.Outcome.CRISIS : Screening.Outcome.REFUSED, category,
                                 masked.text(), answer, masked.kinds());
        }
        if (masked.masked()) {
            record(Category.PERSONAL_DATA);
            return new Screening(Screening.Outcome.ANSWER, Category.PERSONAL_DATA, masked.text(), texts.reminder(),
                                 masked.kinds());
        }
        return new Screening(Screening.Outcome.ANSWER, null, message, null, List.of());
    }

    /**
     * Masks personal data, e.g. in a transcript before it is logged or shown.
     *
     * @param text the child's words
     * @return the words with personal data replaced by placeholders
     */
    public String mask(String text) {
        return personal.mask(text).text();
    }

    /**
     * A filter for one streamed reply.
     *
     * @return a new filter
     */
    public ReplyFilter replyFilter() {
        return new ReplyFilter(Shipped.REPLIES);
    }

    /**
     * Checks a sentence again before it is synthesised.
     *
     * @param sentence the sentence
     * @return whether it may be spoken
     */
    public boolean sentenceSafe(String sentence) {
        return Shipped.REPLIES.find(Words.tokens(sentence), false) == null;
    }

    /**
     * Records that a reply was stopped and gives the line that replaces its rest.
     *
     * @param hit what stopped it
     * @return the neutral line
     */
    public String stopped(Phrase hit) {
        record(hit == null ? Category.OTHER : hit.category());
        return texts.stopped();
    }

    /**
     * The fixed texts, in the configured language.
     *
     * @return the texts
     */
    public SafetyTexts texts() {
        return texts;
    }

    private Optional<Category> guarded(String message) {
        if (guard == null || !guardOn.getAsBoolean()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            ModelGuard.Verdict verdict = guard.classify(message);
            guardTimes.accept(verdict.safe() ? "safe" : "unsafe", Duration.ofNanos(System.nanoTime() - started));
            return verdict.category();
        } catch (ModelGuard.GuardException e) {
            guardTimes.accept("failed", Duration.ofNanos(System.nanoTime() - started));
            LOGGER.warning(() -> "the guard model did not classify the message; the lists still hold: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void record(Category category) {
        try {
            events.record(category, clock.instant());
        } catch (RuntimeException e) {
            LOGGER.warning(() -> "a safety event was not recorded: " + e.getMessage());
        }
    }

    /** The lists every layer of this process shares; the JVM compiles them at their first use, once. */
    private static final class Shipped {
        static final MessageCheck MESSAGES = MessageCheck.shipped();
        static final PhraseList REPLIES = PhraseList.load("/safety/reply.tsv");

        private Shipped() {
        }

        static void load() {
            // the first call initialises the class, which compiles both lists
        }
    }
}
