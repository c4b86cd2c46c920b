package com.kidmodstudio.crafty.web;

import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.voice.VoiceResponder;

/**
 * WebSocket {@code /voice/tts}: {@code {"text":…}} in, Crafty's voice out as
 * {@code audio_start}, PCM frames, {@code audio_end}, {@code done}. One instance per connection;
 * wiring only.
 */
public final class VoiceTtsRoute extends RouteListener<ClientMessage.ToVoiceTts> {
    private final VoiceResponder voice;

    VoiceTtsRoute(RouteContext context, VoiceResponder voice) {
        super("/voice/tts", Inbound.voiceTts(), context);
        this.voice = voice;
    }

    @Override
    void opened() {
    }

    @Override
    void handle(ClientMessage.ToVoiceTts message) {
        switch (message) {
            case ClientMessage.Synthesize synthesize ->
                    startTurn("tts", synthesize.requestId(), turn -> voice.speak(synthesize.text(), turn));
            case ClientMessage.Stop stop -> stop(stop);
            case ClientMessage.Ping ping -> pong(ping);
        }
    }
}
