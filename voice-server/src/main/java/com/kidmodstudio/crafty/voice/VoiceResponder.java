package com.kidmodstudio.crafty.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Medium;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.llm.LlmException;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.SentenceSplitter;
import com.kidmodstudio.crafty.speech.SpeechException;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.speech.TextToSpeech;

/**
 * One {@code /voice/chat} turn: speech to text (for audio), the language model, and speech,
 * pipelined so the first sentence is spoken while the model is still writing the rest. Reports
 * progress as {@code status} messages and ends with exactly one {@code done}, {@code cancelled}
 * or {@code error}. Shares the conversation memory with {@code /chat}.
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
     * Answers a spoken question.
     *
     * @param conversation the conversation
     * @param pcm16k       the question as 16 kHz mono PCM
     * @param requestId    the request's id
     * @param out          where to send
     * @param cancel       cancels the turn
     */
    public void fromAudio(Conversation conversation, byte[] pcm16k, String requestId, Outbound out, Cancellation cancel) {
        out.send(status("transcribing", null, null, requestId), cancel);
        String text;
        try {
            text = stt.transcribe(pcm16k, cancel);
        } catch (CancelledException e) {
            out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), null));
            return;
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "transcription failed: " + e.code() + ": " + e.getMessage());
            out.send(chat.error(ErrorCode.fromWire(e.code()), e.getMessage(), requestId));
            return;
        }
        out.send(status("transcribed", text, null, requestId), cancel);
        if (text.isBlank()) {
            out.send(chat.error(ErrorCode.STT_FAILED, "nothing was understood", requestId));
            return;
        }
        answer(conversation, text, Medium.VOICE, requestId, out, cancel);
    }

    /**
     * Answers a question in text, by voice.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came: {@link Medium#VOICE} (spoken) or
     *                     {@link Medium#TYPED_FOR_VOICE}
     * @param requestId    the request's id
     * @param out          where to send
     * @param cancel       cancels the turn
     */
    public void answer(Conversation conversation, String question, Medium medium, String requestId, Outbound out,
                       Cancellation cancel) {
        out.send(status("thinking", null, null, requestId), cancel);
        SentenceSplitter splitter = new SentenceSplitter();
        SentenceSpeaker speaker = new SentenceSpeaker(tts, out, requestId, cancel);
        try {
            String answer = chat.reply(conversation, question, medium, delta -> {
                out.send(status("responding", null, delta, requestId), cancel);
                splitter.add(delta).forEach(speaker::add);
            }, cancel);
            splitter.finish().ifPresent(speaker::add);
            speaker.finish();
            if (!out.send(new ServerMessage.Done(true, answer, requestId, conversation.id(), speaker.ttsError()), cancel)
                    && cancel.isCancelled()) {
                out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), answer));
            }
        } catch (ChatResponder.PartialReplyException e) {
            speaker.abort();
            out.send(new ServerMessage.Cancelled(requestId, e.getMessage(), e.partial().isEmpty() ? null : e.partial()));
        } catch (LlmException e) {
            speaker.abort();
            LOGGER.log(Level.WARNING, () -> "voice turn failed: " + e.kind().code() + ": " + e.getMessage());
            out.send(chat.error(ErrorCode.fromWire(e.kind().code()), e.getMessage(), requestId));
        } catch (RuntimeException e) {
            speaker.abort();
            LOGGER.log(Level.SEVERE, "voice turn failed unexpectedly", e);
            out.send(chat.error(ErrorCode.INTERNAL, e.getClass().getSimpleName(), requestId));
        }
    }

    /**
     * {@code /voice/stt}: transcribes an utterance and sends the final {@code transcript}.
     *
     * @param pcm16k    the utterance as 16 kHz mono PCM
     * @param requestId the request's id
     * @param out       where to send
     * @param cancel    cancels the transcription
     */
    public void transcribe(byte[] pcm16k, String requestId, Outbound out, Cancellation cancel) {
        try {
            String text = stt.transcribe(pcm16k, cancel);
            if (!out.send(new ServerMessage.Transcript(text, true, requestId), cancel) && cancel.isCancelled()) {
                out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), null));
            }
        } catch (CancelledException e) {
            out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), null));
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "transcription failed: " + e.code() + ": " + e.getMessage());
            out.send(chat.error(ErrorCode.fromWire(e.code()), e.getMessage(), requestId));
        }
    }

    /**
     * {@code /voice/tts}: speaks a text as one audio stream, sentence by sentence so the first
     * words come early, then sends {@code done}.
     *
     * @param text      what to say
     * @param requestId the request's id
     * @param out       where to send
     * @param cancel    cancels the speech
     */
    public void speak(String text, String requestId, Outbound out, Cancellation cancel) {
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> sentences = new ArrayList<>(splitter.add(text));
        splitter.finish().ifPresent(sentences::add);
        AudioSender audio = new AudioSender(out, tts.format(), requestId, cancel);
        try {
            audio.begin();
            for (String sentence : sentences) {
                tts.synthesize(sentence, audio::accept, cancel);
            }
            audio.end();
            if (!out.send(new ServerMessage.Done(true, text, requestId, null, null), cancel) && cancel.isCancelled()) {
                out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), null));
            }
        } catch (CancelledException e) {
            out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), null));
        } catch (SpeechException e) {
            LOGGER.log(Level.WARNING, () -> "speaking failed: " + e.code() + ": " + e.getMessage());
            audio.end();
            out.send(chat.error(ErrorCode.fromWire(e.code()), e.getMessage(), requestId));
        }
    }

    private static ServerMessage.Status status(String status, String text, String chunk, String requestId) {
        return new ServerMessage.Status(status, text, chunk, requestId);
    }
}
