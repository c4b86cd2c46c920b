/**
 * Speech engines behind two small interfaces: {@link com.kidmodstudio.crafty.speech.TextToSpeech}
 * (Piper kept warm as one long-lived process per voice, or espeak-ng per utterance) and
 * {@link com.kidmodstudio.crafty.speech.SpeechToText} (whisper.cpp as CLI or server, or
 * pocketsphinx), and whisper.cpp and Piper inside the process
 * ({@link com.kidmodstudio.crafty.speech.WhisperJniSpeechToText},
 * {@link com.kidmodstudio.crafty.speech.PiperJniTextToSpeech}) with models installed in the
 * models directory ({@link com.kidmodstudio.crafty.speech.InstalledModels}).
 * {@link com.kidmodstudio.crafty.speech.TextToSpeechFactory} and
 * {@link com.kidmodstudio.crafty.speech.SpeechToTextFactory} pick the configured production
 * engine when it is installed, else the in-process one with an installed model, else the
 * embedded default, else a stand-in that explains why speech is unavailable;
 * {@link com.kidmodstudio.crafty.speech.SpeechEngines} chooses again when the model manager
 * calls {@link com.kidmodstudio.crafty.speech.ModelsChanged}. Every recogniser sits behind a
 * {@link com.kidmodstudio.crafty.speech.ListeningGuard} (language, silence, made-up lines).
 * Where a reply's sentences end, and what of them is read aloud, is decided in
 * {@code com.kidmodstudio.crafty.text}.
 */
package com.kidmodstudio.crafty.speech;
