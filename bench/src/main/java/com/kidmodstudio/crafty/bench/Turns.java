package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One exchange on each route, as the studio's window does it, with the times the benchmark
 * needs taken from the messages' arrival stamps.
 */
public final class Turns {
    /** Longest a single turn may take before it counts as an error. */
    static final Duration TURN_LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private Turns() {
    }

    /**
     * Opens {@code /chat} and reads the welcome.
     *
     * @param sidecar the server
     * @return the connection
     * @throws IOException when the welcome does not come
     */
    public static Ws openChat(Sidecar sidecar) throws IOException {
        Ws ws = Ws.connect(sidecar, "/chat");
        ws.await("assistant", Duration.ofSeconds(10));
        return ws;
    }

    /**
     * Opens {@code /voice/chat} and reads the session message.
     *
     * @param sidecar the server
     * @return the connection
     * @throws IOException when the session message does not come
     */
    public static Ws openVoiceChat(Sidecar sidecar) throws IOException {
        Ws ws = Ws.connect(sidecar, "/voice/chat");
        ws.await("session", Duration.ofSeconds(10));
        return ws;
    }

    /**
     * A {@code /chat} turn.
     *
     * @param ws   an open {@code /chat}
     * @param fake the model, to learn when it wrote the first token
     * @param text the child's message; unique per turn
     * @return what it took
     * @throws IOException when the turn does not end in time
     */
    public static Chat chat(Ws ws, TimedOllama fake, String text) throws IOException {
        String id = "b-" + IDS.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("action", "chat").put("payload", text).put("requestId", id);
        long sent = ws.send(message.toString());
        // the seed's server echoes no requestId; one turn at a time per connection keeps them apart
        List<Ws.Frame> frames = ws.until(f -> (id.equals(f.text("requestId")) || f.text("requestId").isEmpty())
                && (f.json().path("done").asBoolean() || f.is("error") || f.is("cancelled")), TURN_LIMIT);
        Ws.Frame last = frames.getLast();
        Ws.Frame first = frames.stream().filter(f -> f.is("assistant") && f.json().path("streaming").asBoolean())
                .findFirst().orElse(null);
        long[] writes = fake.tokenWrites(text);
        String error = last.is("assistant") ? null : last.type() + ":" + last.text("code");
        if (error == null && (first == null || writes == null || writes[0] == 0)) {
            error = "no streamed chunk";
        }
        long added = error == null ? first.arrived() - writes[0] : 0;
        long asked = fake.asked(text);
        return new Chat(added, last.arrived() - sent, error, error == null ? first.arrived() - sent : 0,
                        error == null && asked > 0 ? asked - sent : 0);
    }

    /**
     * The result of a {@code /chat} turn.
     *
     * @param addedNanos time from the model writing its first token to the client receiving the first chunk
     * @param totalNanos time from sending the message to the final {@code done}
     * @param error      {@code null}, or what went wrong
     * @param firstNanos time from sending the message to the first chunk
     * @param askedNanos time from sending the message to the model having the whole request
     */
    public record Chat(long addedNanos, long totalNanos, String error, long firstNanos, long askedNanos) {
    }

    /**
     * A spoken reply: {@code speak} on {@code /voice/chat} or a text on {@code /voice/tts}.
     *
     * @param ws     an open connection
     * @param action the message to send
     * @return every message of the turn, with the send time
     * @throws IOException when the turn does not end in time
     */
    public static Spoken speak(Ws ws, ObjectNode action) throws IOException {
        String id = "b-" + IDS.incrementAndGet();
        action.put("requestId", id);
        long sent = ws.send(action.toString());
        List<Ws.Frame> frames = ws.until(f -> (f.is("done") || f.is("error") || f.is("cancelled"))
                && id.equals(f.text("requestId")), TURN_LIMIT);
        return new Spoken(sent, frames);
    }

    /**
     * Every message of one spoken turn.
     *
     * @param sent   when the request was sent
     * @param frames the messages, the last one ending the turn
     */
    public record Spoken(long sent, List<Ws.Frame> frames) {
        /** @return nanoseconds from the request to the first audio frame, or -1 when none came */
        public long firstAudio() {
            return frames.stream().filter(f -> f.is("binary")).findFirst().map(f -> f.arrived() - sent).orElse(-1L);
        }

        /** @return nanoseconds from the request to the message that ended the turn */
        public long done() {
            return frames.getLast().arrived() - sent;
        }

        /** @return {@code null} when the turn ended with done and no speech error, else what happened */
        public String error() {
            Ws.Frame last = frames.getLast();
            if (!last.is("done")) {
                return last.type() + ":" + last.text("code");
            }
            return last.json().has("ttsError") ? "ttsError:" + last.text("ttsError") : null;
        }

        /** @return the sentences as the server cut them, in order */
        public List<String> sentences() {
            return frames.stream().filter(f -> f.is("sentence")).map(f -> f.text("text")).toList();
        }

        /**
         * Per sentence: from its {@code sentence} message to its first audio frame, which is the
         * engine's synthesis time plus the server's hand-over.
         *
         * @return nanoseconds per sentence, in order
         */
        public List<Long> synthesisPerSentence() {
            List<Long> times = new ArrayList<>();
            long announced = -1;
            for (Ws.Frame frame : frames) {
                if (frame.is("sentence")) {
                    announced = frame.arrived();
                } else if (frame.is("binary") && announced >= 0) {
                    times.add(frame.arrived() - announced);
                    announced = -1;
                }
            }
            return times;
        }
    }
}
