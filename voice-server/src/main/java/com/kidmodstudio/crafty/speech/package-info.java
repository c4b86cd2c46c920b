/**
 * Speech engines behind two small interfaces: {@link com.kidmodstudio.crafty.speech.TextToSpeech}
 * (Piper kept warm as one long-lived process per voice, or espeak-ng per utterance) and
 * {@link com.kidmodstudio.crafty.speech.SpeechToText} (whisper.cpp as CLI or server, or
 * pocketsphinx). {@link com.kidmodstudio.crafty.speech.TextToSpeechFactory} and
 * {@link com.kidmodstudio.crafty.speech.SpeechToTextFactory} pick the configured production
 * engine when it is installed, else the embedded default, else a stand-in that explains why
 * speech is unavailable. Where a reply's sentences end, and what of them is read aloud, is
 * decided in {@code com.kidmodstudio.crafty.text}.
 */
package com.kidmodstudio.crafty.speech;
