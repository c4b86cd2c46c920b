package com.kidmodstudio.crafty.web;

import java.time.Duration;

import com.kidmodstudio.crafty.chat.Conversation;
import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.chat.Medium;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.speech.SpeechToText;
import com.kidmodstudio.crafty.voice.AudioInput;
import com.kidmodstudio.crafty.voice.RepliesHeard;
import com.kidmodstudio.crafty.voice.VoiceResponder;

/**
 * WebSocket {@code /voice/chat}: the child speaks (binary audio, then {@code process_audio}) or
 * types ({@code speak}); Crafty answers in text and by voice, sentence by sentence, in the same
 * conversation as {@code /chat}. One instance per connection; wiring only.
 */
public final class VoiceChatRoute extends RouteListener<ClientMessage.ToVoiceChat> {
    private final VoiceResponder voice;
    private final Conversations conversations;
    private final SpeechToText stt;
    private final Duration audioLimit;
    private final RepliesHeard replies = new RepliesHeard();
    private AudioInput audio;
    private volatile Conversation conversation;

    VoiceChatRoute(RouteContext context, VoiceResponder voice, Conversations conversations, SpeechToText stt,
                   Duration audioLimit) {
        super("/voice/chat", Inbound.voiceChat(), context);
        this.voice = voice;
        this.conversations = conversations;
        this.stt = stt;
        this.audioLimit = audioLimit;
    }

    @Override
    void opened() {
        audio = new AudioInput(stt, out, audioLimit);
        Conversations.Opened opened = conversations.open(requestedSession);
        conversation = opened.conversation();
        out.send(new ServerMessage.Session(conversation.id(), opened.resumed()));
    }

    @Override
    void handle(ClientMessage.ToVoiceChat message) throws ProtocolException {
        switch (message) {
            case ClientMessage.Speak speak -> {
                Conversation current = conversation(speak.sessionId());
                startTurn("speak", speak.requestId(), turn -> voice.answer(current, speak.text(), Medium.TYPED_FOR_VOICE, turn,
                                                                              replies));
            }
            case ClientMessage.ProcessAudio process -> {
                byte[] pcm = audio.take(process.requestId());
                Conversation current = conversation(process.sessionId());
                startTurn("audio", process.requestId(), turn -> voice.fromAudio(current, pcm, turn, replies));
            }
            case ClientMessage.AudioStart start -> audio.start(start);
            case ClientMessage.Clear clear -> audio.clear(clear);
            case ClientMessage.Stop stop -> stop(stop);
            case ClientMessage.Ping ping -> pong(ping);
            case ClientMessage.Heard heard -> replies.heard(heard.requestId(), heard.sentence(), heard.playedMs());
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

    @Override
    String sessionId() {
        Conversation current = conversation;
        return current == null ? requestedSession : current.id();
    }

    private Conversation conversation(String sessionId) {
        if (sessionId != null && !sessionId.equals(conversation.id())) {
            conversation = conversations.open(sessionId).conversation();
        }
        return conversation;
    }
}
