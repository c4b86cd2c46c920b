package com.kidmodstudio.crafty.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.kidmodstudio.crafty.testing.Speech;

/**
 * {@code /voice/chat}: a typed question answered by voice ({@code speak}) and a spoken one
 * ({@code process_audio}), with the times to the first audio frame, per sentence and to done.
 */
final class VoiceChatBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TURN = new AtomicInteger();

    private VoiceChatBench() {
    }

    /**
     * One {@code speak} turn; the question is unique so the fake's token times can be found.
     *
     * @param ws an open /voice/chat
     * @return the question and the turn
     * @throws IOException when the turn fails
     */
    static Asked speak(Ws ws) throws IOException {
        String question = "Wie baue ich einen Block, Frage " + TURN.incrementAndGet() + "?";
        return new Asked(question, Turns.speak(ws, JSON.createObjectNode().put("action", "speak").put("text", question)));
    }

    /**
     * A question and the spoken turn that answered it.
     *
     * @param question the text sent
     * @param spoken   the turn
     */
    record Asked(String question, Turns.Spoken spoken) {
        /**
         * Which token of the reply completed the first sentence the server spoke.
         *
         * @param fake the model
         * @return the token's index, or -1 when the sentence is not found in the reply
         */
        int firstSentenceEnd(TimedOllama fake) {
            List<String> sentences = spoken.sentences();
            if (sentences.isEmpty()) {
                return -1;
            }
            String wanted = sentences.getFirst().replaceAll("\\s+", " ").strip();
            StringBuilder text = new StringBuilder();
            List<String> tokens = fake.script().tokens();
            for (int i = 0; i < tokens.size(); i++) {
                text.append(tokens.get(i));
                if (text.toString().replaceAll("\\s+", " ").strip().contains(wanted)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * When the model wrote a token of the reply, counted from the request.
         *
         * @param fake  the model
         * @param index the token
         * @return nanoseconds, or -1 when it was not written
         */
        long written(TimedOllama fake, int index) {
            long[] writes = fake.tokenWrites(question);
            if (writes == null || index < 0 || index >= writes.length || writes[index] == 0) {
                return -1;
            }
            return writes[index] - spoken.sent();
        }
    }

    /**
     * One spoken question: {@code seconds} of a recorded human voice sent in 100 ms frames as
     * fast as the socket takes them, then {@code process_audio}.
     *
     * @param ws      an open /voice/chat
     * @param seconds audio length
     * @return ms from process_audio to the transcript, to the first audio frame and to done
     * @throws IOException when the turn fails
     */
    static long[] audio(Ws ws, int seconds) throws IOException {
        byte[] voice = Speech.pcm16k(Speech.FRONT_CENTER);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        while (audio.size() < seconds * 32_000) {
            audio.write(voice, 0, Math.min(voice.length, seconds * 32_000 - audio.size()));
        }
        byte[] pcm = audio.toByteArray();
        ws.send(JSON.createObjectNode().put("action", "audio_start").put("sampleRate", 16_000)
                        .put("encoding", "pcm_s16le").put("channels", 1).toString());
        for (int offset = 0; offset < pcm.length; offset += 3200) {
            byte[] frame = new byte[Math.min(3200, pcm.length - offset)];
            System.arraycopy(pcm, offset, frame, 0, frame.length);
            ws.sendBinary(frame);
        }
        Turns.Spoken spoken = Turns.speak(ws, JSON.createObjectNode().put("action", "process_audio"));
        if (spoken.error() != null) {
            throw new IOException("audio turn failed: " + spoken.error());
        }
        long transcribed = spoken.frames().stream()
                .filter(f -> f.is("status") && "transcribed".equals(f.text("status")))
                .findFirst().map(f -> f.arrived() - spoken.sent()).orElse(-1L);
        return new long[] {transcribed, spoken.firstAudio(), spoken.done()};
    }

    /**
     * {@code clients} clients each ask one typed question at the same moment.
     *
     * @param sidecar the server
     * @param clients how many
     * @return first audio and done, and the errors
     */
    static TtsBench.Case clients(Sidecar sidecar, int clients) {
        return TtsBench.atOnce(clients, c -> Turns.openVoiceChat(sidecar), (ws, c) -> speak(ws).spoken());
    }
}
