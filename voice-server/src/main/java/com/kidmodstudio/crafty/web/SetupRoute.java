package com.kidmodstudio.crafty.web;

import java.util.function.Function;
import java.util.function.Supplier;

import com.kidmodstudio.crafty.models.ModelException;
import com.kidmodstudio.crafty.models.ModelManager;
import com.kidmodstudio.crafty.models.OllamaSetup;
import com.kidmodstudio.crafty.models.SetupReplies;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.protocol.SetupMessages;
import com.kidmodstudio.crafty.protocol.SetupRequests;

/**
 * WebSocket {@code /setup}: a parent's panel sees the model catalog with what is installed, and
 * installs, cancels and deletes models; every panel gets the progress of every download. One
 * instance per connection; wiring only. Downloads run in the {@link ModelManager}, never on
 * this socket's thread.
 */
public final class SetupRoute extends RouteListener<ClientMessage.ToSetup> {
    private final ModelManager models;
    private final SetupReplies replies;
    private final OllamaSetup ollama;
    private final Function<Runnable, Runnable> engineEvents;
    private Runnable unsubscribe;
    private Runnable unsubscribeOllama;
    private Runnable unsubscribeEngines;

    /**
     * Creates the listener of one connection.
     *
     * @param context what the routes share
     * @param models  the model manager
     * @param replies turns its state and events into messages
     * @param ollama  pulls the language model into Ollama, or {@code null} when another server provides it
     * @param engineEvents subscribes to the speech engines' changes (a replaced engine, a model
     *                     loaded or failed to), after which the panel gets a fresh {@code setup:state}
     */
    SetupRoute(RouteContext context, ModelManager models, SetupReplies replies, OllamaSetup ollama,
               Function<Runnable, Runnable> engineEvents) {
        super("/setup", Inbound.setup(), context);
        this.models = models;
        this.replies = replies;
        this.ollama = ollama;
        this.engineEvents = engineEvents;
    }

    @Override
    void opened() {
        sendNow(() -> replies.state(null));
        unsubscribe = models.subscribe(event -> sendNow(() -> replies.event(event)));
        unsubscribeEngines = engineEvents.apply(() -> sendNow(() -> replies.state(null)));
        if (ollama != null) {
            unsubscribeOllama = ollama.subscribe(message -> out.send((ServerMessage) message));
            ollama.measuredState(null).thenAccept(out::send);
        }
    }

    @Override
    void handle(ClientMessage.ToSetup message) throws ProtocolException {
        switch (message) {
            case SetupRequests.State state -> sendNow(() -> replies.state(state.requestId()));
            case SetupRequests.Install install -> models.install(install.modelId(), install.again()).whenComplete(
                    (done, failure) -> out.send(replies.installed(install.modelId(), failure, install.requestId())));
            case SetupRequests.Cancel cancel -> Thread.ofVirtual().name("setup-cancel").start(() -> {
                boolean running = models.cancel(cancel.modelId());
                out.send(new SetupMessages.Cancelled(cancel.modelId(), running, cancel.requestId()));
            });
            case SetupRequests.Delete delete -> Thread.ofVirtual().name("setup-delete").start(() -> {
                try {
                    models.delete(delete.modelId());
                    out.send(new SetupMessages.Deleted(delete.modelId(), delete.requestId()));
                } catch (ModelException e) {
                    out.send(replies.error(e, delete.requestId()));
                }
            });
            case SetupRequests.OllamaCheck check -> {
                OllamaSetup setup = ollama();
                setup.check(check.requestId()).thenAccept(out::send);
            }
            case SetupRequests.OllamaPull pull -> {
                OllamaSetup setup = ollama();
                setup.install().whenComplete(
                        (done, failure) -> out.send(replies.ollamaPulled(setup.model(), failure, pull.requestId())));
            }
            case SetupRequests.OllamaCancel cancel -> {
                OllamaSetup setup = ollama();
                Thread.ofVirtual().name("setup-ollama-cancel").start(
                        () -> out.send(new SetupMessages.OllamaCancelled(setup.cancel(), cancel.requestId())));
            }
            case ClientMessage.Ping ping -> pong(ping);
        }
    }

    /**
     * Measures a message and queues it in one step: the model manager's thread and an engine's
     * thread may both measure a {@code setup:state}, and the one measured later must arrive later.
     */
    private synchronized void sendNow(Supplier<ServerMessage> message) {
        out.send(message.get());
    }

    private OllamaSetup ollama() throws ProtocolException {
        if (ollama == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_ACTION, "the language model is not served by Ollama here", null);
        }
        return ollama;
    }

    @Override
    void closed() {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
        if (unsubscribeOllama != null) {
            unsubscribeOllama.run();
        }
        if (unsubscribeEngines != null) {
            unsubscribeEngines.run();
        }
    }
}
