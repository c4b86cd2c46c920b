package com.kidmodstudio.crafty.web;

import java.time.Duration;

import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.voice.AudioInput;
import com.kidmodstudio.crafty.voice.VoiceResponder;

/**
 * WebSocket {@code /voice/stt}: binary audio in (acknowledged, with partial transcripts while it
 * streams), {@code transcribe} for the final transcript, {@code clear} to start over. One
 * instance per connection; wiring only.
 */
public final class VoiceSttRoute extends RouteListener<ClientMessage.ToVoiceStt> {
    private final VoiceResponder voice;
    private final SpeechToText stt;
    private final Duration audioLimit;
    private AudioInput audio;

    VoiceSttRoute(RouteContext context, VoiceResponder voice, SpeechToText stt, Duration audioLimit) {
        super("/voice/stt", Inbound.voiceStt(), context);
        this.voice = voice;
        this.stt = stt;
        this.audioLimit = audioLimit;
    }

    @Override
    void opened() {
        audio = new AudioInput(stt, out, audioLimit);
    }

    @Override
    void handle(ClientMessage.ToVoiceStt message) throws ProtocolException {
        switch (message) {
            case ClientMessage.AudioStart start -> audio.start(start);
            case ClientMessage.Transcribe transcribe -> {
                byte[] pcm = audio.take(transcribe.requestId());
                startTurn("stt", transcribe.requestId(), turn -> voice.transcribe(pcm, turn));
            }
            case ClientMessage.Clear clear -> audio.clear(clear);
            case ClientMessage.Stop stop -> stop(stop);
            case ClientMessage.Ping ping -> pong(ping);
        }
    }

    @Override
    void binary(byte[] bytes) throws ProtocolException {
        audio.add(bytes);
    }

    @Override
    void closed() {
        if (audio != null) {
            audio.clear();
        }
    }
}
