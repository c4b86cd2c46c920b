package com.kidmodstudio.crafty.turn;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * Everything Crafty says that does not come from the language model, in German and English:
 * the welcome and a kid-friendly explanation for every error code. Every route words its errors
 * here, in a turn ({@link Turn#fail}) or outside one (a rejected message, a session request);
 * the parent's rules word here the time Crafty talks again and the break reminder.
 */
public final class Texts {
    private static final Map<ErrorCode, String[]> ERRORS = new EnumMap<>(ErrorCode.class);

    private final boolean german;
    private final String model;

    static {
        put(ErrorCode.BAD_JSON, "Diese Nachricht konnte ich nicht lesen.", "I couldn't read that message.");
        put(ErrorCode.UNKNOWN_ACTION, "Das kann ich (noch) nicht.", "I can't do that (yet).");
        put(ErrorCode.BAD_PAYLOAD, "Da fehlt etwas in deiner Nachricht.", "Something is missing in your message.");
        put(ErrorCode.TOO_LARGE, "Puh, das ist zu lang für mich! Versuch es bitte kürzer.",
            "Phew, that's too long for me! Please try something shorter.");
        put(ErrorCode.UNEXPECTED_BINARY, "Hier kann ich nur Text lesen.", "I can only read text here.");
        put(ErrorCode.LLM_UNREACHABLE, "Mein Denk-Gehirn (Ollama) ist gerade nicht erreichbar. Frag einen Erwachsenen, "
                + "ob Ollama läuft.", "My thinking brain (Ollama) can't be reached right now. Ask a grown-up "
                + "to check that Ollama is running.");
        put(ErrorCode.MODEL_MISSING, "Mir fehlt das Sprachmodell \"%s\". Ein Erwachsener kann es mit "
                + "\"ollama pull %s\" installieren.", "I'm missing the language model \"%s\". A grown-up can install "
                + "it with \"ollama pull %s\".");
        put(ErrorCode.LLM_ERROR, "Hoppla, beim Nachdenken ist etwas schiefgegangen. Versuch es gleich noch mal!",
            "Oops, something went wrong while I was thinking. Please try again!");
        put(ErrorCode.LLM_TIMEOUT, "Ich habe zu lange gebraucht. Versuch es bitte noch einmal.",
            "I took too long to think. Please try again.");
        put(ErrorCode.TTS_UNAVAILABLE, "Ich kann gerade nicht sprechen, aber schreiben geht!",
            "I can't talk right now, but I can still write!");
        put(ErrorCode.TTS_FAILED, "Meine Stimme hat gerade gehakt. Lies meine Antwort bitte.",
            "My voice got stuck. Please read my answer instead.");
        put(ErrorCode.TTS_TIMEOUT, "Meine Stimme hat zu lange gebraucht. Lies meine Antwort bitte.",
            "My voice took too long. Please read my answer instead.");
        put(ErrorCode.STT_UNAVAILABLE, "Ich kann gerade nicht zuhören. Schreib mir einfach!",
            "I can't listen right now. Just type to me!");
        put(ErrorCode.STT_FAILED, "Ich habe dich leider nicht verstanden. Versuch es noch einmal!",
            "Sorry, I didn't catch that. Please try again!");
        put(ErrorCode.STT_WRONG_LANGUAGE, "Gesprochenes Deutsch kann ich noch nicht verstehen. Schreib mir deine Frage "
                + "bitte! Ein Erwachsener kann mir in den Einstellungen das Zuhören beibringen.",
            "I can't understand spoken English yet. Please type your question! A grown-up can teach me to listen "
                + "in the settings.");
        put(ErrorCode.STT_TIMEOUT, "Das Zuhören hat zu lange gedauert. Versuch es noch einmal!",
            "Listening took too long. Please try again!");
        put(ErrorCode.NO_AUDIO, "Ich habe nichts gehört. Halte den Knopf gedrückt, während du sprichst.",
            "I didn't hear anything. Hold the button while you talk.");
        put(ErrorCode.BAD_AUDIO, "Mit diesem Ton kann ich nichts anfangen.", "I can't use that sound.");
        put(ErrorCode.NOT_FOUND, "Dieses Gespräch gibt es nicht (mehr).", "That conversation doesn't exist (any more).");
        put(ErrorCode.BAD_REQUEST, "Mit dieser Anfrage kann ich nichts anfangen.", "I can't do anything with that request.");
        put(ErrorCode.STORE_FAILED, "Ich komme gerade nicht an unsere gespeicherten Gespräche heran.",
            "I can't reach our saved conversations right now.");
        put(ErrorCode.QUIET_HOURS, "Psst, jetzt ist Ruhezeit – so haben es deine Eltern eingestellt. Bis später!",
            "Shh, it's quiet time now – your parents set it up that way. See you later!");
        put(ErrorCode.TIME_LIMIT, "Für heute haben wir genug geredet – so haben es deine Eltern eingestellt. Bis morgen!",
            "That's enough talking for today – your parents set it up that way. See you tomorrow!");
        put(ErrorCode.PARENT_LOCKED, "Bitte zuerst die Eltern-PIN eingeben.", "Please enter the parent PIN first.");
        put(ErrorCode.WRONG_PIN, "Die PIN stimmt nicht.", "That PIN is not right.");
        put(ErrorCode.PIN_LOCKED, "Zu viele falsche Versuche. Bitte etwas warten.", "Too many wrong tries. Please wait a little.");
        put(ErrorCode.PIN_REFUSED, "Diese PIN geht nicht: Sie braucht 4 bis 12 Ziffern, und es darf noch keine geben.",
            "That PIN won't do: it needs 4 to 12 digits, and none may be set yet.");
        put(ErrorCode.BAD_SETTINGS, "Diese Einstellung passt nicht.", "That setting is not valid.");
        put(ErrorCode.NO_CONVERSATION, "Dieses Gespräch gibt es nicht (mehr).", "That conversation doesn't exist (any more).");
        put(ErrorCode.OFFLINE, "Ich komme gerade nicht ins Internet, um etwas zu laden. Frag einen Erwachsenen.",
            "I can't reach the internet to download something right now. Ask a grown-up.");
        put(ErrorCode.DISK_FULL, "Auf dem Computer ist kein Platz mehr frei. Frag einen Erwachsenen.",
            "There's no room left on the computer. Ask a grown-up.");
        put(ErrorCode.DIGEST_MISMATCH, "Ein Download ist kaputt angekommen. Ein Erwachsener kann es noch einmal versuchen.",
            "A download arrived broken. A grown-up can try again.");
        put(ErrorCode.INTERNAL, "Hoppla, bei mir ist etwas schiefgegangen. Versuch es noch einmal!",
            "Oops, something went wrong on my side. Please try again!");
    }

    /**
     * Creates the texts of a server.
     *
     * @param language the configured language's ISO 639-1 code: {@code en} for English, else German
     * @param model    the configured model's name, which {@link ErrorCode#MODEL_MISSING} names
     */
    public Texts(String language, String model) {
        this.german = !"en".equals(language);
        this.model = model;
    }

    /**
     * The welcome sent when a child connects. A new conversation's welcome says once that
     * Crafty is a computer program, not a person.
     *
     * @param resumed whether an earlier conversation continues
     * @return the text; always contains "Crafty"
     */
    public String welcome(boolean resumed) {
        if (resumed) {
            return german
                    ? "Da bin ich wieder – dein Crafty! Wir machen da weiter, wo wir aufgehört haben."
                    : "I'm back – it's me, Crafty! Let's carry on where we left off.";
        }
        return german
                ? "Hi, ich bin Crafty, ein Computerprogramm und kein Mensch. Woran möchtest du heute bauen?"
                : "Hi, I'm Crafty, a computer program, not a person. What would you like to build today?";
    }

    /**
     * A kid-friendly explanation of an error.
     *
     * @param code the error
     * @return the text
     */
    public String explain(ErrorCode code) {
        String[] texts = ERRORS.getOrDefault(code, ERRORS.get(ErrorCode.INTERNAL));
        String text = texts[german ? 0 : 1];
        return code == ErrorCode.MODEL_MISSING ? text.formatted(model, model) : text;
    }

    /**
     * The error message for the client: {@code error}, or {@code session:error} for the codes of
     * the {@code session:*} requests, with the explanation as its {@code content}.
     *
     * @param code      the error
     * @param detail    technical detail
     * @param requestId the message it answers, or {@code null}
     * @return the message
     */
    public ServerMessage error(ErrorCode code, String detail, String requestId) {
        return ServerMessage.error(code, explain(code), detail, requestId);
    }

    /**
     * Why Crafty does not answer now, naming the time it talks again: the parent's quiet hours
     * or daily limit.
     *
     * @param code    {@link ErrorCode#QUIET_HOURS} or {@link ErrorCode#TIME_LIMIT}
     * @param opensAt when Crafty talks again
     * @param now     the time now, to say "tomorrow"
     * @return the text, e.g. "Psst, jetzt ist Ruhezeit … Morgen ab 07:00 Uhr bin ich wieder für dich da!"
     */
    public String closed(ErrorCode code, ZonedDateTime opensAt, ZonedDateTime now) {
        String time = opensAt.format(DateTimeFormatter.ofPattern("HH:mm"));
        long days = ChronoUnit.DAYS.between(now.toLocalDate(), opensAt.toLocalDate());
        String when;
        if (german) {
            String day = days <= 0 ? "Ab " : days == 1 ? "Morgen ab " : "Am "
                    + opensAt.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.GERMAN) + " ab ";
            when = day + time + " Uhr bin ich wieder für dich da!";
        } else {
            String day = days <= 0 ? "at " : days == 1 ? "tomorrow at " : "on "
                    + opensAt.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at ";
            when = "I'll be back for you " + day + time + "!";
        }
        String why = code == ErrorCode.TIME_LIMIT
                ? german ? "Für heute haben wir genug geredet – so haben es deine Eltern eingestellt."
                         : "That's enough talking for today – your parents set it up that way."
                : german ? "Psst, jetzt ist Ruhezeit – so haben es deine Eltern eingestellt."
                         : "Shh, it's quiet time now – your parents set it up that way.";
        return why + " " + when;
    }

    /**
     * Crafty suggesting a break after a long stretch of talk.
     *
     * @param minutes how long the child has been talking
     * @return the text
     */
    public String breakReminder(long minutes) {
        return german
                ? "Wir reden schon " + minutes + " Minuten – Zeit für eine kleine Pause! Steh mal auf, trink etwas "
                        + "und schau aus dem Fenster. Ich bin danach noch da."
                : "We've been talking for " + minutes + " minutes – time for a little break! Stand up, have a drink "
                        + "and look out of the window. I'll still be here afterwards.";
    }

    private static void put(ErrorCode code, String german, String english) {
        ERRORS.put(code, new String[] {german, english});
    }
}
