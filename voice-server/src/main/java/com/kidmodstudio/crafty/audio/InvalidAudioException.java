package com.kidmodstudio.crafty.audio;

/**
 * Audio that cannot be used as given: not a WAV file, an encoding other than 16-bit PCM, or a
 * byte count that does not hold whole sample frames. Routes report it as an invalid request.
 */
public final class InvalidAudioException extends IllegalArgumentException {
    /**
     * Creates the exception.
     *
     * @param message what is wrong with the audio, for the log and the error message
     */
    public InvalidAudioException(String message) {
        super(message);
    }
}
