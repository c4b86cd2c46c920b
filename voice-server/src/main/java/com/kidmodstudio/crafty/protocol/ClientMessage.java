package com.kidmodstudio.crafty.protocol;

/**
 * A control message from a client, already validated by {@link Inbound}. Every message may carry
 * a {@code requestId}, which the server echoes on every reply to it. Each route takes its own
 * sealed set ({@link ToChat}, {@link ToVoiceTts}, {@link ToVoiceStt}, {@link ToVoiceChat}), so
 * the compiler checks that a route's {@code switch} handles every message it can receive;
 * {@code /parent}'s set ({@link ToParent}) is open, its requests live in {@link ParentActions}.
 */
public sealed interface ClientMessage {

    /**
     * The client's correlation id.
     *
     * @return the id, or {@code null} when the client sent none
     */
    String requestId();

    /** A message {@code /chat} takes: {@code chat}, {@code stop}, {@code ping}, {@code session:*}. */
    sealed interface ToChat extends ClientMessage {
    }

    /** A message {@code /voice/tts} takes: a text to speak, {@code stop}, {@code ping}. */
    sealed interface ToVoiceTts extends ClientMessage {
    }

    /** A message {@code /voice/stt} takes: {@code audio_start}, {@code transcribe}, {@code clear}, {@code stop}, {@code ping}. */
    sealed interface ToVoiceStt extends ClientMessage {
    }

    /**
     * A message {@code /voice/chat} takes: {@code speak}, {@code audio_start}, {@code process_audio},
     * {@code clear}, {@code stop}, {@code ping}, {@code heard}.
     */
    sealed interface ToVoiceChat extends ClientMessage {
    }

    /**
     * {@code {"action":"chat","payload":"text"}}: ask Crafty something (text in, streamed text out).
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId conversation to continue, or {@code null} for the socket's current one
     * @param payload   the child's message, never blank
     */
    record Chat(String requestId, String sessionId, String payload) implements ToChat {
    }

    /**
     * {@code {"action":"stop"}}: cancel the running turn (barge-in).
     *
     * @param requestId correlation id or {@code null}
     */
    record Stop(String requestId) implements ToChat, ToVoiceTts, ToVoiceStt, ToVoiceChat {
    }

    /**
     * {@code {"action":"heard","requestId":"v-2","sentence":1,"playedMs":840}}: the panel stopped
     * playing reply {@code v-2} (the child stopped or interrupted it) in its sentence 1, after
     * 840 ms of that sentence; the sentences before it were heard whole.
     *
     * @param requestId the reply's request id
     * @param sentence  the index of the sentence that was playing
     * @param playedMs  how long that sentence had played
     */
    record Heard(String requestId, int sentence, long playedMs) implements ToVoiceChat {
    }

    /**
     * {@code {"action":"ping","t":123}}: an application-level round trip, answered by {@code pong}.
     *
     * @param requestId correlation id or {@code null}
     * @param t         the client's timestamp, echoed back, or {@code null}
     */
    record Ping(String requestId, Long t) implements ToChat, ToVoiceTts, ToVoiceStt, ToVoiceChat, ToParent, ToSetup {
    }

    /**
     * {@code {"text":"…"}} on {@code /voice/tts}: speak this text.
     *
     * @param requestId correlation id or {@code null}
     * @param text      what to say, never blank
     */
    record Synthesize(String requestId, String text) implements ToVoiceTts {
    }

    /**
     * {@code {"action":"speak","text":"…"}} on {@code /voice/chat}: a turn from text, answered by voice.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId conversation to continue, or {@code null}
     * @param text      the child's message, never blank
     */
    record Speak(String requestId, String sessionId, String text) implements ToVoiceChat {
    }

    /**
     * {@code {"action":"audio_start","sampleRate":16000,"encoding":"pcm_s16le","channels":1}}:
     * announces the format of the binary audio frames that follow.
     *
     * @param requestId  correlation id or {@code null}
     * @param sampleRate samples per second, 8000 to 48000
     * @param channels   1 or 2
     */
    record AudioStart(String requestId, int sampleRate, int channels) implements ToVoiceStt, ToVoiceChat {
    }

    /**
     * {@code {"action":"transcribe"}} on {@code /voice/stt}: transcribe the audio received so far.
     *
     * @param requestId correlation id or {@code null}
     */
    record Transcribe(String requestId) implements ToVoiceStt {
    }

    /**
     * {@code {"action":"clear"}}: drop the audio received so far.
     *
     * @param requestId correlation id or {@code null}
     */
    record Clear(String requestId) implements ToVoiceStt, ToVoiceChat {
    }

    /**
     * {@code {"action":"process_audio"}} on {@code /voice/chat}: the child finished speaking;
     * transcribe, answer and speak.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId conversation to continue, or {@code null}
     */
    record ProcessAudio(String requestId, String sessionId) implements ToVoiceChat {
    }

    /**
     * A {@code session:*} request on {@code /chat}: list, create, switch to, page through,
     * rename or delete the saved conversations. Failures are answered with {@code session:error}.
     */
    sealed interface SessionRequest extends ToChat {
    }

    /**
     * {@code {"action":"session:list"}}: the saved conversations, newest first.
     *
     * @param requestId correlation id or {@code null}
     */
    record SessionList(String requestId) implements SessionRequest {
    }

    /**
     * {@code {"action":"session:create","title"?:"…","model"?:"…"}}: start a new conversation,
     * which becomes the socket's current one.
     *
     * @param requestId correlation id or {@code null}
     * @param title     its title, or {@code null} to take it from the first question
     * @param model     the model to record for it, or {@code null} for the configured one
     */
    record SessionCreate(String requestId, String title, String model) implements SessionRequest {
    }

    /**
     * {@code {"action":"session:switch","sessionId":"…"}}: continue a saved conversation; the
     * reply carries its last messages.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId the conversation
     */
    record SessionSwitch(String requestId, String sessionId) implements SessionRequest {
    }

    /**
     * {@code {"action":"session:history","sessionId":"…","before"?:"…","limit"?:50}}: a page of
     * a conversation's messages older than a cursor.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId the conversation
     * @param before    the cursor from an earlier page, or {@code null} for the newest page
     * @param limit     the most messages, 1 to 200
     */
    record SessionHistory(String requestId, String sessionId, Long before, int limit) implements SessionRequest {
    }

    /**
     * {@code {"action":"session:rename","sessionId":"…","title":"…"}}: give a conversation a new title.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId the conversation
     * @param title     the new title, never blank
     */
    record SessionRename(String requestId, String sessionId, String title) implements SessionRequest {
    }

    /**
     * {@code {"action":"session:delete","sessionId":"…"}}: delete a conversation and its messages for good.
     *
     * @param requestId correlation id or {@code null}
     * @param sessionId the conversation
     */
    record SessionDelete(String requestId, String sessionId) implements SessionRequest {
    }

    /**
     * A message {@code /parent} takes: {@code ping}, or a request of the parent area (the records
     * in {@link ParentActions}, kept beside the parent area's replies).
     */
    non-sealed interface ToParent extends ClientMessage {
    }

    /**
     * A message {@code /setup} takes, where a parent installs models: the requests in
     * {@link SetupRequests}, and {@code ping}.
     */
    sealed interface ToSetup extends ClientMessage permits SetupRequests.State, SetupRequests.Install, SetupRequests.Cancel,
            SetupRequests.Delete, SetupRequests.OllamaCheck, SetupRequests.OllamaPull, SetupRequests.OllamaCancel, Ping {
    }
}
