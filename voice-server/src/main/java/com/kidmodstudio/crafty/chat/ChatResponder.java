package com.kidmodstudio.crafty.chat;

import java.util.List;
import java.util.function.Consumer;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.engine.EngineException;
import com.kidmodstudio.crafty.llm.ChatMessage;
import com.kidmodstudio.crafty.llm.ChatModel;
import com.kidmodstudio.crafty.observe.Telemetry;
import com.kidmodstudio.crafty.observe.TurnTrace;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.turn.Turn;

/**
 * Answers the child: asks the language model with the conversation's context, streams the reply,
 * and stores the exchange. A reply cut short by a stop is kept as far as it got, marked partial;
 * a failed one is not kept, so the child can simply ask again.
 */
public final class ChatResponder {
    private final ChatModel model;
    private final Language language;
    private final int history;

    /**
     * Creates the responder.
     *
     * @param model    the language model
     * @param language the language Crafty speaks
     * @param history  earlier messages sent with each question
     */
    public ChatResponder(ChatModel model, Language language, int history) {
        this.model = model;
        this.language = language;
        this.history = history;
    }

    /**
     * Generates a reply, handing each delta to {@code onDelta}. The question is stored before
     * the model is asked; the reply is saved while it grows and stored whole before this returns.
     * A stopped reply stays stored as far as it got, marked partial; a failed exchange is deleted.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came and the reply goes
     * @param onDelta      receives each delta as it arrives
     * @param cancel       cancels the generation
     * @param trace        the turn's trace: the first token is marked, the words logged only when allowed
     * @return the whole reply
     * @throws EngineException    when the model fails
     * @throws CancelledException when cancelled, carrying what was generated, which is remembered
     */
    public String reply(Conversation conversation, String question, Medium medium, Consumer<String> onDelta,
                        Cancellation cancel, TurnTrace trace) throws EngineException {
        return reply(conversation, question, medium, onDelta, cancel, trace, pending -> { });
    }

    /**
     * Generates a reply like {@link #reply(Conversation, String, Medium, Consumer, Cancellation, TurnTrace)}
     * and hands over the stored reply, so that it can later be cut to what the child heard.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came and the reply goes
     * @param onDelta      receives each delta as it arrives
     * @param cancel       cancels the generation
     * @param trace        the turn's trace
     * @param begun        receives the stored reply before the model is asked
     * @return the whole reply
     * @throws EngineException       when the model fails
     * @throws CancelledException when cancelled; what was generated is remembered
     */
    public String reply(Conversation conversation, String question, Medium medium, Consumer<String> onDelta,
                        Cancellation cancel, TurnTrace trace, Consumer<PendingReply> begun) throws EngineException {
        trace.content("question", question);
        List<ChatMessage> context = conversation.context(Persona.systemPrompt(language), history, question);
        PendingReply pending = conversation.begin(question, medium);
        begun.accept(pending);
        StringBuilder sofar = new StringBuilder();
        try {
            String answer = model.stream(context, delta -> {
                trace.mark(Telemetry.Stage.LLM_FIRST_TOKEN);
                sofar.append(delta);
                onDelta.accept(delta);
                pending.progress(sofar);
            }, cancel);
            pending.complete(answer);
            trace.content("answer", answer);
            return answer;
        } catch (CancelledException e) {
            pending.cut(sofar.toString());
            throw new CancelledException(e.getMessage(), sofar.toString());
        } catch (EngineException | RuntimeException | Error e) {
            pending.discard();
            throw e;
        }
    }

    /**
     * One {@code /chat} turn: streams the reply as {@code assistant} deltas and ends it with
     * {@code assistant done}; what it throws ends the turn with {@code cancelled} or {@code error}.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param turn         the request, where to send, its cancellation and trace
     * @throws EngineException when the model fails
     */
    public void respond(Conversation conversation, String question, Turn turn) throws EngineException {
        long started = System.currentTimeMillis();
        String answer = reply(conversation, question, Medium.TEXT, delta -> {
            turn.send(ServerMessage.Assistant.delta(delta, started, turn.requestId()));
            turn.trace().mark(Telemetry.Stage.FIRST_CHUNK);
        }, turn.cancel(), turn.trace());
        turn.done(ServerMessage.Assistant.done(answer, started, turn.requestId(), conversation.id()), answer);
    }
}
