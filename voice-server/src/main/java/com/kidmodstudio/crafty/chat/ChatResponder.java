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
import com.kidmodstudio.crafty.safety.ReplyFilter;
import com.kidmodstudio.crafty.safety.SafetyLayer;
import com.kidmodstudio.crafty.safety.Screening;
import com.kidmodstudio.crafty.turn.Turn;

/**
 * Answers the child: the one turn path between the routes and the language model, typed or
 * spoken. The {@link SafetyLayer} screens the question first (personal data masked, a crisis
 * answered with the help text, an unsafe request refused — the model is not asked), then the
 * model's reply streams out word by word through a {@link ReplyFilter}, and the exchange is
 * stored as the child and the parent may see it. A reply cut short by a stop is kept as far as it
 * got, marked partial; a failed one is not kept, so the child can simply ask again.
 */
public final class ChatResponder {
    private final ChatModel model;
    private final Language language;
    private final int history;
    private final SafetyLayer safety;

    /**
     * Creates the responder.
     *
     * @param model    the language model
     * @param language the language Crafty speaks
     * @param history  earlier messages sent with each question
     * @param safety   the safety layer every turn passes through
     */
    public ChatResponder(ChatModel model, Language language, int history, SafetyLayer safety) {
        this.model = model;
        this.language = language;
        this.history = history;
        this.safety = safety;
    }

    /**
     * The safety layer, for the voice turn's check of every sentence before it is spoken.
     *
     * @return the layer
     */
    public SafetyLayer safety() {
        return safety;
    }

    /**
     * Generates a reply, handing each safe piece to {@code onDelta}. The question is screened,
     * then stored (masked) while the model is asked; the reply is saved while it grows and stored
     * whole before this returns. When the filter stops the reply, the model's stream is closed and
     * the {@link Reply#replacement()} line is for the caller to show and speak after what was sent.
     * A stopped reply stays stored as far as it got, marked partial; a failed exchange is deleted.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came and the reply goes
     * @param onDelta      receives each piece as it passed the safety layer
     * @param cancel       cancels the generation
     * @param trace        the turn's trace: the first token is marked, the words logged only when allowed
     * @return the whole reply as stored
     * @throws EngineException    when the model fails
     * @throws CancelledException when cancelled, carrying what was generated, which is remembered
     */
    public Reply reply(Conversation conversation, String question, Medium medium, Consumer<String> onDelta,
                       Cancellation cancel, TurnTrace trace) throws EngineException {
        return reply(conversation, question, medium, onDelta, held -> {
        }, cancel, trace, pending -> {
        });
    }

    /**
     * Generates a reply like {@link #reply(Conversation, String, Medium, Consumer, Cancellation, TurnTrace)}
     * and hands over the stored reply, so that it can later be cut to what the child heard.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came and the reply goes
     * @param onDelta      receives each piece as it passed the safety layer
     * @param cancel       cancels the generation
     * @param trace        the turn's trace
     * @param begun        receives the reply to fill in before the model is asked
     * @return the whole reply as stored
     * @throws EngineException    when the model fails
     * @throws CancelledException when cancelled; what was generated is remembered
     */
    public Reply reply(Conversation conversation, String question, Medium medium, Consumer<String> onDelta,
                       Cancellation cancel, TurnTrace trace, Consumer<PendingReply> begun) throws EngineException {
        return reply(conversation, question, medium, onDelta, held -> {
        }, cancel, trace, begun);
    }

    /**
     * {@link #reply(Conversation, String, Medium, Consumer, Cancellation, TurnTrace)}, also telling
     * after each piece which word is being held back ({@link ReplyFilter#held()}), so speech can
     * see that a new word began and confirm the end of the sentence before it without waiting for
     * that word; the held word is never shown or spoken before it has passed.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param medium       how the question came and the reply goes
     * @param onDelta      receives each piece as it passed the safety layer
     * @param onHeld       receives the word being held back after each piece, possibly empty
     * @param cancel       cancels the generation
     * @param trace        the turn's trace
     * @param begun        receives the reply to fill in before the model is asked
     * @return the whole reply as stored
     * @throws EngineException    when the model fails
     * @throws CancelledException when cancelled, carrying what was generated, which is remembered
     */
    public Reply reply(Conversation conversation, String question, Medium medium, Consumer<String> onDelta,
                       Consumer<String> onHeld, Cancellation cancel, TurnTrace trace, Consumer<PendingReply> begun)
            throws EngineException {
        Screening screening = safety.screen(question);
        String asked = screening.question();
        trace.content("question", asked);
        if (!screening.asksModel()) {
            PendingReply pending = conversation.begin(asked, medium);
            begun.accept(pending);
            onDelta.accept(screening.answer());
            pending.complete(screening.answer());
            trace.content("answer", screening.answer());
            return new Reply(screening.answer(), screening.mark(), null);
        }
        List<ChatMessage> context = conversation.context(Persona.systemPrompt(language), history, asked);
        PendingReply pending = conversation.begin(asked, medium);
        begun.accept(pending);
        String lead = screening.answer() == null ? "" : screening.answer() + " ";
        StringBuilder sofar = new StringBuilder();
        ReplyFilter filter = safety.replyFilter();
        try {
            release(lead, sofar, onDelta, pending);
            try {
                model.stream(context, delta -> {
                    trace.mark(Telemetry.Stage.LLM_FIRST_TOKEN);
                    release(filter.add(delta), sofar, onDelta, pending);
                    if (filter.stopped()) {
                        throw new ReplyStopped();
                    }
                    onHeld.accept(filter.held());
                }, cancel);
                release(filter.finish(), sofar, onDelta, pending);
            } catch (ReplyStopped e) {
                // the filter closed the model's stream; what it held back is dropped below
            }
            Reply reply = filter.stopped() ? stopped(lead, filter) : new Reply(sofar.toString(), screening.mark(), null);
            pending.complete(reply.text());
            trace.content("answer", reply.text());
            return reply;
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
        Consumer<String> send = delta -> {
            turn.send(ServerMessage.Assistant.delta(delta, started, turn.requestId()));
            turn.trace().mark(Telemetry.Stage.FIRST_CHUNK);
        };
        Reply reply = reply(conversation, question, Medium.TEXT, send, turn.cancel(), turn.trace());
        if (reply.replacement() != null) {
            send.accept(" " + reply.replacement());
        }
        turn.done(ServerMessage.Assistant.done(reply.text(), started, turn.requestId(), conversation.id(), reply.safety()),
                  reply.text());
    }

    private Reply stopped(String lead, ReplyFilter filter) {
        String line = safety.stopped(filter.hit());
        String kept = (lead + filter.beforeStop()).strip();
        return new Reply(kept.isEmpty() ? line : kept + " " + line, "stopped", line);
    }

    private static void release(String text, StringBuilder sofar, Consumer<String> onDelta, PendingReply pending) {
        if (!text.isEmpty()) {
            sofar.append(text);
            onDelta.accept(text);
            pending.progress(sofar);
        }
    }

    /**
     * A reply as it was stored and ends the turn.
     *
     * @param text        the whole reply: what {@code fullContent} and the store hold
     * @param safety      how the safety layer marked it ({@code crisis}, {@code refused},
     *                    {@code masked}, {@code stopped}), or {@code null}
     * @param replacement for a stopped reply, the neutral line to show and speak after what was sent; else {@code null}
     */
    public record Reply(String text, String safety, String replacement) {
    }

    /** Thrown from the model's stream to close it when the filter stopped the reply. */
    private static final class ReplyStopped extends RuntimeException {
        ReplyStopped() {
            super("reply stopped by the safety filter", null, false, false);
        }
    }
}
