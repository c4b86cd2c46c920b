package com.kidmodstudio.crafty.web;

import io.helidon.webserver.websocket.WsRouting;

import com.kidmodstudio.crafty.Crafty;
import com.kidmodstudio.crafty.chat.SessionRequests;
import com.kidmodstudio.crafty.parent.ParentRequests;
import com.kidmodstudio.crafty.models.SetupReplies;
import com.kidmodstudio.crafty.turn.Texts;

/**
 * The WebSocket routes; each connection gets its own listener. How the connections themselves
 * behave (limits, heartbeat, slow clients) is the {@code ws} package's, for every route alike.
 */
public final class Routes {
    private Routes() {
    }

    /**
     * Builds the WebSocket routing: {@code /chat}, {@code /voice/tts}, {@code /voice/stt},
     * {@code /voice/chat}, and {@code /parent} for the parent area.
     * {@code /voice/chat}, {@code /setup}.
     *
     * @param crafty the shared components
     * @return the routing builder
     */
    public static WsRouting.Builder websockets(Crafty crafty) {
        Texts texts = new Texts(crafty.language().code(), crafty.llm().unprobed().model());
        RouteListener.RouteContext context = new RouteListener.RouteContext(texts, crafty.guard(), crafty.telemetry(),
                                                                            crafty.parent().gate());
        SessionRequests sessions = new SessionRequests(crafty.conversations(), texts);
        ParentRequests parent = new ParentRequests(crafty.parent(), texts);
        SetupReplies setup = new SetupReplies(crafty.models(), crafty.language(), crafty.speech()::statusOf);
        return WsRouting.builder()
                .endpoint("/chat", () -> new ChatRoute(context, crafty.responder(), crafty.conversations(), sessions))
                .endpoint("/voice/tts", () -> new VoiceTtsRoute(context, crafty.voice()))
                .endpoint("/voice/stt", () -> new VoiceSttRoute(context, crafty.voice(), crafty.stt(), crafty.limits().audio()))
                .endpoint("/parent", () -> new ParentRoute(context, parent))
                .endpoint("/voice/chat", () -> new VoiceChatRoute(context, crafty.voice(), crafty.conversations(),
                                                                  crafty.stt(), crafty.limits().audio()))
                .endpoint("/setup", () -> new SetupRoute(context, crafty.models(), setup, crafty.ollamaSetup(),
                                                          crafty.speech()::subscribe));
    }
}
