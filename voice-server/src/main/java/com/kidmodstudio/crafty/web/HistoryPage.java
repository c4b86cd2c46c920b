package com.kidmodstudio.crafty.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * {@code /history.html}: the saved conversations as one plain page a parent can read, in the
 * configured language. No scripts, no external resources ({@link #CSP}); every text from a
 * conversation is HTML-escaped.
 */
final class HistoryPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.5;color:#222}section{border-top:1px solid #ccc;margin-top:2rem}"
            + ".meta{color:#666;font-size:.9em}.message{margin:.6rem 0;padding:.4rem .8rem;border-radius:.4rem}"
            + ".user{background:#eef4ff}.assistant{background:#f3f3f3}.who{font-weight:bold;font-size:.9em}"
            + ".text{white-space:pre-wrap;margin:.2rem 0 0}.warning{background:#fff3cd;padding:.6rem .8rem}";

    /**
     * The page's Content-Security-Policy: nothing may load or run; only the page's own style
     * sheet applies, allowed by its hash.
     */
    static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private HistoryPage() {
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Renders the page.
     *
     * @param language      the page's language
     * @param warning       a warning about the store to show, or {@code null}
     * @param conversations the conversations, the most recently updated first
     * @return the HTML document
     */
    static String render(Language language, String warning, List<HistoryService.Conversation> conversations) {
        Words words = language == Language.DE ? Words.GERMAN : Words.ENGLISH;
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(language.code()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(words.title).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<h1>")
                .append(words.title).append("</h1>\n");
        if (warning != null) {
            html.append("<p class=\"warning\">").append(words.notSaved).append(' ').append(escape(warning)).append("</p>\n");
        }
        if (conversations.isEmpty()) {
            html.append("<p>").append(words.none).append("</p>\n");
        }
        for (HistoryService.Conversation conversation : conversations) {
            ServerMessage.SessionSummary session = conversation.session();
            html.append("<section>\n<h2>").append(session.title() == null ? words.untitled : escape(session.title()))
                    .append("</h2>\n<p class=\"meta\">").append(words.started).append(' ')
                    .append(time(words, session.createdAt())).append(" · ").append(words.last).append(' ')
                    .append(time(words, session.updatedAt())).append(" · ").append(session.messageCount()).append(' ')
                    .append(words.messages);
            if (Boolean.TRUE.equals(session.hidden())) {
                html.append(" · ").append(words.hidden);
            }
            html.append("</p>\n");
            for (ServerMessage.HistoryMessage message : conversation.messages()) {
                boolean child = "user".equals(message.role());
                html.append("<div class=\"message ").append(child ? "user" : "assistant").append("\">\n<p class=\"who\">")
                        .append(child ? words.child : "Crafty").append(" · ").append(time(words, message.timestamp()));
                if (message.voice()) {
                    html.append(" · ").append(child ? words.spoken : words.spokenAloud);
                }
                if (message.partial()) {
                    html.append(" · ").append(words.partial);
                }
                html.append("</p>\n<p class=\"text\">").append(escape(message.content())).append("</p>\n</div>\n");
            }
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /**
     * Escapes text for HTML content and attribute values.
     *
     * @param text any text
     * @return the text with {@code & < > " '} escaped
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String time(Words words, long epochMillis) {
        return words.time.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
    }

    private record Words(String title, String notSaved, String none, String untitled, String started, String last,
                         String messages, String child, String spoken, String spokenAloud, String partial,
                         String hidden, DateTimeFormatter time) {
        static final Words GERMAN = new Words("Gespräche mit Crafty", "Der Verlauf wird gerade nicht gespeichert.",
                                              "Es sind keine Gespräche gespeichert.", "(ohne Titel)", "Begonnen", "zuletzt",
                                              "Nachrichten", "Kind", "gesprochen", "vorgelesen", "unterbrochen",
                                              "vom Kind ausgeblendet",
                                              DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm"));
        static final Words ENGLISH = new Words("Conversations with Crafty", "The history is not being saved right now.",
                                               "No conversations are saved.", "(untitled)", "Started", "last",
                                               "messages", "Child", "spoken", "read aloud", "interrupted",
                                               "hidden by the child",
                                               DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }
}
