package com.kidmodstudio.crafty.chat;

/**
 * How an exchange travelled, so the history can say which messages were spoken.
 */
public enum Medium {
    /** Typed on {@code /chat}, answered in text. */
    TEXT(false, false),
    /** Typed on {@code /voice/chat} ({@code speak}), answered by voice. */
    TYPED_FOR_VOICE(false, true),
    /** Spoken on {@code /voice/chat} ({@code process_audio}), answered by voice. */
    VOICE(true, true);

    private final boolean questionByVoice;
    private final boolean replyByVoice;

    Medium(boolean questionByVoice, boolean replyByVoice) {
        this.questionByVoice = questionByVoice;
        this.replyByVoice = replyByVoice;
    }

    /**
     * Whether the child spoke the question.
     *
     * @return true for speech
     */
    public boolean questionByVoice() {
        return questionByVoice;
    }

    /**
     * Whether Crafty speaks the reply.
     *
     * @return true for speech
     */
    public boolean replyByVoice() {
        return replyByVoice;
    }
}
