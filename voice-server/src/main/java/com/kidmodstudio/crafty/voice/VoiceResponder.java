package com.kidmodstudio.crafty.voice;

import java.util.List;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Medium;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.observe.Telemetry.Stage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
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
        turn.trace().content("transcript", text);
        turn.send(status("transcribed", text, null, turn.requestId()));
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
            String answer = chat.reply(conversation, question, medium, delta -> {
                turn.send(status("responding", null, delta, turn.requestId()));
                SpeechPlanner.Step step = planner.add(delta);
                for (SpeechPlanner.Piece piece : step.speak()) {
                    turn.trace().mark(Stage.FIRST_SENTENCE);
                    speaker.add(piece);
                }
                step.prepare().ifPresent(speaker::prepare);
            }, turn.cancel(), turn.trace(), reply::stored);
            planner.finish().forEach(speaker::add);
            speaker.finish();
            spoken = true;
            replies.finished(reply);
            turn.done(new ServerMessage.Done(true, answer, turn.requestId(), conversation.id(), speaker.ttsError()), answer);
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
}
