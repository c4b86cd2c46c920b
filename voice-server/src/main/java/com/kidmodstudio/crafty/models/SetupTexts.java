package com.kidmodstudio.crafty.models;

import java.util.EnumMap;
import java.util.Map;

import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.protocol.ErrorCode;

/**
 * What the "Crafty einrichten" card tells a parent when installing a model failed, in German and
 * English: what happened and what to do about it. (The child never sees these.)
 */
public final class SetupTexts {
    private static final Map<ErrorCode, String[]> ERRORS = new EnumMap<>(ErrorCode.class);

    static {
        put(ErrorCode.OFFLINE, "Der Download-Server ist nicht erreichbar oder die Verbindung ist abgebrochen. Prüfen Sie "
                + "die Internetverbindung und klicken Sie noch einmal – der Download macht dort weiter, wo er war.",
            "The download server cannot be reached or the connection dropped. Check the internet connection and click "
                + "again – the download continues where it stopped.");
        put(ErrorCode.DISK_FULL, "Auf der Festplatte ist nicht genug Platz. Machen Sie Platz frei und versuchen Sie es "
                + "noch einmal.", "There is not enough room on the disk. Free some space and try again.");
        put(ErrorCode.DIGEST_MISMATCH, "Die Datei ist beschädigt angekommen und wurde gelöscht. Bitte noch einmal laden.",
            "The file arrived damaged and was deleted. Please download it again.");
        put(ErrorCode.NOT_FOUND, "Diese Datei gibt es auf dem Download-Server nicht (mehr). Wenn Ihre Schule einen eigenen "
                + "Server eingestellt hat, fragen Sie dort nach.", "The download server does not have this file (any more). "
                + "If your school set up its own server, ask there.");
        put(ErrorCode.LLM_UNREACHABLE, "Ollama läuft nicht. Starten Sie Ollama und klicken Sie auf \"Nochmal prüfen\".",
            "Ollama is not running. Start Ollama and click \"Check again\".");
        put(ErrorCode.LLM_ERROR, "Ollama hat einen Fehler gemeldet (siehe Details). Versuchen Sie es noch einmal.",
            "Ollama reported an error (see details). Try again.");
        put(ErrorCode.BAD_PAYLOAD, "Diese Anfrage konnte Crafty nicht verstehen.", "Crafty could not understand this request.");
        put(ErrorCode.INTERNAL, "In Crafty ist etwas schiefgegangen. Versuchen Sie es noch einmal; wenn es bleibt, "
                + "speichern Sie die Diagnose.", "Something went wrong inside Crafty. Try again; if it keeps happening, "
                + "save the diagnostics.");
    }

    private SetupTexts() {
    }

    /**
     * The parent's explanation of an error.
     *
     * @param language the configured language
     * @param code     the error
     * @return the text
     */
    public static String error(Language language, ErrorCode code) {
        String[] texts = ERRORS.getOrDefault(code, ERRORS.get(ErrorCode.INTERNAL));
        return texts[language == Language.DE ? 0 : 1];
    }

    private static void put(ErrorCode code, String german, String english) {
        ERRORS.put(code, new String[] {german, english});
    }
}
