package com.kidmodstudio.crafty.voice;

import java.util.List;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Medium;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.observe.Telemetry.Stage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.safety.SafetyLayer;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.speech.TextToSpeech;
import com.kidmodstudio.crafty.text.SpeechPlanner;
import com.kidmodstudio.crafty.turn.Turn;

/**
 * The voice turns: speech to text, the language model and speech, pipelined so the first
 * words are spoken while the model is still writing the rest. What to speak and when is the
 * {@link SpeechPlanner}'s decision (the first sentence alone, however short, or its first clause;
 * each piece from the token that ends it), carried out by {@link SentenceSpeaker}. A turn here
 * ends with its {@code done} (or {@code transcript}); whatever it throws, the
 * {@link com.kidmodstudio.crafty.turn.TurnSlot} running it turns into its one {@code cancelled}
 * or {@code error}. Shares the conversation memory with {@code /chat}.
 */
public final class VoiceResponder {
    private final ChatResponder chat;
    private final SpeechToText stt;
    private final TextToSpeech tts;

    /**
     * Creates the responder.
     *
     * @param chat answers in text and remembers the exchange
     * @param stt  the speech recognizer
     * @param tts  the speech synthesizer
     */
    public VoiceResponder(ChatResponder chat, SpeechToText stt, TextToSpeech tts) {
        this.chat = chat;
        this.stt = stt;
        this.tts = tts;
    }

    /**
     * {@code /voice/chat}: answers a spoken question.
     *
     * @param conversation the conversation
     * @param pcm16k       the question as 16 kHz mono PCM
     * @param turn         the request, where to send, its cancellation and trace
     * @param replies      the connection's spoken replies, for the panel's report of what was heard
     * @throws EngineException when recognition, or the model, fails; nothing understood is {@code stt_failed}
     */
    public void fromAudio(Conversation conversation, byte[] pcm16k, Turn turn, RepliesHeard replies)
            throws EngineException {
        turn.send(status("transcribing", null, null, turn.requestId()));
        String text = stt.transcribe(pcm16k, turn.cancel());
        turn.trace().mark(Stage.STT);
        String shown = chat.safety().mask(text);
        turn.trace().content("transcript", shown);
        turn.send(status("transcribed", shown, null, turn.requestId()));
        if (text.isBlank()) {
            throw new EngineException(ErrorCode.STT_FAILED, stt.name(), "nothing was understood", null);
        }
        answer(conversation, text, Medium.VOICE, turn, replies);
    }

    /**
     * {@code /voice/chat}: answers a question by voice. When speech fails the reply completes as
     * text and {@code done} carries the speech error's code.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came: {@link Medium#VOICE} (spoken) or
     *                     {@link Medium#TYPED_FOR_VOICE}
     * @param turn         the request, where to send, its cancellation and trace
     * @param replies      the connection's spoken replies, for the panel's report of what was heard
     * @throws EngineException when the model fails
     */
    public void answer(Conversation conversation, String question, Medium medium, Turn turn, RepliesHeard replies)
            throws EngineException {
        turn.send(status("thinking", null, null, turn.requestId()));
        SpeechPlanner planner = new SpeechPlanner();
        SpokenReply reply = replies.begin(turn.requestId());
        SentenceSpeaker speaker = new SentenceSpeaker(tts, turn, reply);
        boolean spoken = false;
        try {
            Speaking speaking = new Speaking(planner, speaker, chat.safety(), turn);
            ChatResponder.Reply answer = chat.reply(conversation, question, medium, delta -> {
                turn.send(status("responding", null, delta, turn.requestId()));
                speaking.released(delta);
            }, speaking::held, turn.cancel(), turn.trace(), reply::stored);
            if (answer.replacement() == null) {
                planner.finish().forEach(speaking::speak);
            } else {
                // stopped: the unfinished sentence is never spoken; the neutral line is
                turn.send(status("responding", null, " " + answer.replacement(), turn.requestId()));
                speaker.add(new SpeechPlanner.Piece(answer.replacement(), false));
            }
            speaker.finish();
            spoken = true;
            replies.finished(reply);
            turn.done(new ServerMessage.Done(true, answer.text(), turn.requestId(), conversation.id(), speaker.ttsError(),
                                             answer.safety()), answer.text());
        } finally {
            if (!spoken) {
                speaker.abort();
            }
            replies.finished(reply);
        }
    }

    /**
     * {@code /voice/stt}: transcribes an utterance and sends the final {@code transcript}.
     *
     * @param pcm16k the utterance as 16 kHz mono PCM
     * @param turn   the request, where to send, its cancellation and trace
     * @throws EngineException when recognition fails
     */
    public void transcribe(byte[] pcm16k, Turn turn) throws EngineException {
        String text = stt.transcribe(pcm16k, turn.cancel());
        turn.trace().mark(Stage.STT);
        turn.done(new ServerMessage.Transcript(text, true, turn.requestId()), null);
    }

    /**
     * {@code /voice/tts}: speaks a text as one audio stream, sentence by sentence so the first
     * words come early, then sends {@code done}. The audio stream is closed with {@code audio_end}
     * also when synthesis fails, before the error.
     *
     * @param text what to say
     * @param turn the request, where to send, its cancellation and trace
     * @throws EngineException when synthesis fails
     */
    public void speak(String text, Turn turn) throws EngineException {
        List<String> sentences = SpeechPlanner.pieces(text);
        AudioSender audio = new AudioSender(tts.format(), turn);
        try {
            audio.begin();
            for (String sentence : sentences) {
                if (!chat.safety().sentenceSafe(sentence)) {
                    break; // nothing unsafe reaches the speaker, whoever sent it
                }
                tts.synthesize(sentence, audio::accept, turn.cancel());
            }
        } finally {
            audio.end();
        }
        turn.done(new ServerMessage.Done(true, text, turn.requestId(), null, null), null);
    }

    private static ServerMessage.Status status(String status, String text, String chunk, String requestId) {
        return new ServerMessage.Status(status, text, chunk, requestId);
    }

    /**
     * Feeds the planner what the safety filter released and speaks what it plans, checking every
     * piece again before it is synthesised: one that fails is not spoken, nor anything after it.
     * The first letter of the word the filter holds back is given to the planner early, so that it
     * sees a new word has begun and can confirm the sentence before it; the rest of that word
     * follows when it has passed. That letter belongs to the next sentence, which cannot be
     * complete before more text has passed; a stopped reply's unfinished sentence is never spoken.
     */
    private static final class Speaking {
        private final SpeechPlanner planner;
        private final SentenceSpeaker speaker;
        private final SafetyLayer safety;
        private final Turn turn;
        private String peeked = "";
        private boolean blocked;

        Speaking(SpeechPlanner planner, SentenceSpeaker speaker, SafetyLayer safety, Turn turn) {
            this.planner = planner;
            this.speaker = speaker;
            this.safety = safety;
            this.turn = turn;
        }

        void released(String text) {
            String rest = text.startsWith(peeked) ? text.substring(peeked.length()) : text;
            peeked = "";
            plan(rest);
        }

        void held(String word) {
            if (peeked.isEmpty() && !word.isEmpty()) {
                peeked = word.substring(0, Character.charCount(word.codePointAt(0)));
                plan(peeked);
            }
        }

        void speak(SpeechPlanner.Piece piece) {
            if (blocked || !safety.sentenceSafe(piece.text())) {
                blocked = true;
                return;
            }
            turn.trace().mark(Stage.FIRST_SENTENCE);
            speaker.add(piece);
        }

        private void plan(String text) {
            if (text.isEmpty()) {
                return;
            }
            SpeechPlanner.Step step = planner.add(text);
            step.speak().forEach(this::speak);
            step.prepare().filter(sentence -> !blocked && safety.sentenceSafe(sentence)).ifPresent(speaker::prepare);
        }
    }
}
