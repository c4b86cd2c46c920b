package com.kidmodstudio.crafty.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Medium;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.llm.LlmException;
import com.kidmodstudio.crafty.observe.Telemetry.Stage;
import com.kidmodstudio.crafty.observe.TurnTrace;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.SpeechException;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.speech.TextToSpeech;
import com.kidmodstudio.crafty.text.SentenceSplitter;

/**
 * The voice turns: speech to text, the language model and speech, pipelined so the first
 * sentence is spoken while the model is still writing the rest. A sentence is spoken from the
 * token that ends it: at once when the end is very likely ("!", "?", a full stop after a word),
 * otherwise synthesized ahead and sent when the next token confirms the end. Every turn ends with exactly one
 * {@code done} (or {@code transcript}), {@code cancelled} or {@code error}, and finishes its
 * {@link TurnTrace} with that outcome. Shares the conversation memory with {@code /chat}.
 */
public final class VoiceResponder {
    private static final Logger LOGGER = Logger.getLogger(VoiceResponder.class.getName());

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
     */
    public void fromAudio(Conversation conversation, byte[] pcm16k, Turn turn) {
        turn.send(status("transcribing", null, null, turn.requestId()));
        String text;
        try {
            text = stt.transcribe(pcm16k, turn.cancel());
            turn.trace().mark(Stage.STT);
            turn.trace().content("transcript", text);
        } catch (CancelledException e) {
            turn.cancelled(null);
            return;
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "transcription failed: " + e.code() + ": " + e.getMessage());
            turn.fail(chat, ErrorCode.fromWire(e.code()), e.getMessage());
            return;
        }
        turn.send(status("transcribed", text, null, turn.requestId()));
        if (text.isBlank()) {
            turn.fail(chat, ErrorCode.STT_FAILED, "nothing was understood");
            return;
        }
        answer(conversation, text, Medium.VOICE, turn);
    }

    /**
     * {@code /voice/chat}: answers a question by voice.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came: {@link Medium#VOICE} (spoken) or
     *                     {@link Medium#TYPED_FOR_VOICE}
     * @param turn         the request, where to send, its cancellation and trace
     */
    public void answer(Conversation conversation, String question, Medium medium, Turn turn) {
        turn.send(status("thinking", null, null, turn.requestId()));
        SentenceSplitter splitter = new SentenceSplitter();
        SentenceSpeaker speaker = new SentenceSpeaker(tts, turn);
        try {
            String answer = chat.reply(conversation, question, medium, delta -> {
                turn.send(status("responding", null, delta, turn.requestId()));
                for (String sentence : splitter.add(delta)) {
                    turn.trace().mark(Stage.FIRST_SENTENCE);
                    speaker.add(sentence);
                }
                Optional<String> likely = splitter.endIfLikely();
                if (likely.isPresent()) {
                    turn.trace().mark(Stage.FIRST_SENTENCE);
                    speaker.add(likely.get());
                } else {
                    splitter.tentative().ifPresent(speaker::guess);
                }
            }, turn.cancel(), turn.trace());
            splitter.finish().ifPresent(speaker::add);
            speaker.finish();
            turn.done(new ServerMessage.Done(true, answer, turn.requestId(), conversation.id(), speaker.ttsError()), answer);
        } catch (ChatResponder.PartialReplyException e) {
            speaker.abort();
            turn.cancelled(e.partial().isEmpty() ? null : e.partial());
        } catch (LlmException e) {
            speaker.abort();
            LOGGER.log(Level.WARNING, () -> "voice turn failed: " + e.kind().code() + ": " + e.getMessage());
            turn.fail(chat, ErrorCode.fromWire(e.kind().code()), e.getMessage());
        } catch (RuntimeException e) {
            speaker.abort();
            LOGGER.log(Level.SEVERE, "voice turn failed unexpectedly", e);
            turn.fail(chat, ErrorCode.INTERNAL, e.getClass().getSimpleName());
        }
    }

    /**
     * {@code /voice/stt}: transcribes an utterance and sends the final {@code transcript}.
     *
     * @param pcm16k the utterance as 16 kHz mono PCM
     * @param turn   the request, where to send, its cancellation and trace
     */
    public void transcribe(byte[] pcm16k, Turn turn) {
        try {
            String text = stt.transcribe(pcm16k, turn.cancel());
            turn.trace().mark(Stage.STT);
            turn.done(new ServerMessage.Transcript(text, true, turn.requestId()), null);
        } catch (CancelledException e) {
            turn.cancelled(null);
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "transcription failed: " + e.code() + ": " + e.getMessage());
            turn.fail(chat, ErrorCode.fromWire(e.code()), e.getMessage());
        }
    }

    /**
     * {@code /voice/tts}: speaks a text as one audio stream, sentence by sentence so the first
     * words come early, then sends {@code done}.
     *
     * @param text what to say
     * @param turn the request, where to send, its cancellation and trace
     */
    public void speak(String text, Turn turn) {
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> sentences = new ArrayList<>(splitter.add(text));
        splitter.finish().ifPresent(sentences::add);
        AudioSender audio = new AudioSender(tts.format(), turn);
        try {
            audio.begin();
            for (String sentence : sentences) {
                tts.synthesize(sentence, audio::accept, turn.cancel());
            }
            audio.end();
            turn.done(new ServerMessage.Done(true, text, turn.requestId(), null, null), null);
        } catch (CancelledException e) {
            turn.cancelled(null);
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "speaking failed: " + e.code() + ": " + e.getMessage());
            audio.end();
            turn.fail(chat, ErrorCode.fromWire(e.code()), e.getMessage());
        }
    }

    private static ServerMessage.Status status(String status, String text, String chunk, String requestId) {
        return new ServerMessage.Status(status, text, chunk, requestId);
    }
}
