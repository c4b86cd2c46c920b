package com.kidmodstudio.crafty.chat;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.llm.ChatMessage;
import com.kidmodstudio.crafty.llm.ChatModel;
import com.kidmodstudio.crafty.llm.LlmException;
import com.kidmodstudio.crafty.observe.Telemetry;
import com.kidmodstudio.crafty.observe.TurnTrace;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * Answers the child: asks the language model with the conversation's context, streams the reply,
 * and stores the exchange. A reply cut short by a stop is kept as far as it got, marked partial;
 * a failed one is not kept, so the child can simply ask again.
 */
public final class ChatResponder {
    private static final Logger LOGGER = Logger.getLogger(ChatResponder.class.getName());

    private final ChatModel model;
    private final String modelName;
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
        this.modelName = model.unprobed().model();
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
     * @throws LlmException       when the model fails
     * @throws CancelledException when cancelled; what was generated is remembered
     */
    public String reply(Conversation conversation, String question, Medium medium, Consumer<String> onDelta,
                        Cancellation cancel, TurnTrace trace) throws LlmException {
        trace.content("question", question);
        List<ChatMessage> context = conversation.context(Persona.systemPrompt(language), history, question);
        PendingReply pending = conversation.begin(question, medium);
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
            throw new PartialReplyException(e.getMessage(), sofar.toString());
        } catch (LlmException | RuntimeException e) {
            pending.discard();
            throw e;
        }
    }

    /**
     * One {@code /chat} turn: streams the reply as {@code assistant} deltas and ends it with
     * exactly one of {@code assistant done}, {@code cancelled} or {@code error}.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param requestId    the chat message's id
     * @param out          where to send
     * @param cancel       cancels the turn
     * @param trace        the turn's trace, finished here with its outcome
     */
    public void respond(Conversation conversation, String question, String requestId, Outbound out, Cancellation cancel,
                        TurnTrace trace) {
        long started = System.currentTimeMillis();
        try {
            String answer = reply(conversation, question, Medium.TEXT, delta -> {
                out.send(ServerMessage.Assistant.delta(delta, started, requestId), cancel);
                trace.mark(Telemetry.Stage.FIRST_CHUNK);
            }, cancel, trace);
            if (!out.send(ServerMessage.Assistant.done(answer, started, requestId, conversation.id()), cancel)
                    && cancel.isCancelled()) {
                out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), answer));
                trace.finish("cancelled");
                return;
            }
            trace.finish("done");
        } catch (PartialReplyException e) {
            out.send(new ServerMessage.Cancelled(requestId, e.getMessage(), e.partial().isEmpty() ? null : e.partial()));
            trace.finish("cancelled");
        } catch (LlmException e) {
            ErrorCode code = ErrorCode.fromWire(e.kind().code());
            LOGGER.log(Level.WARNING, () -> "chat turn failed: " + code.wire() + ": " + e.getMessage());
            out.send(error(code, e.getMessage(), requestId));
            trace.finish(code.wire());
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "chat turn failed unexpectedly", e);
            out.send(error(ErrorCode.INTERNAL, e.getClass().getSimpleName(), requestId));
            trace.finish(ErrorCode.INTERNAL.wire());
        }
    }

    /**
     * An error message in the configured language: {@code error}, or {@code session:error} for
     * the codes of the {@code session:*} requests.
     *
     * @param code      the error
     * @param detail    technical detail
     * @param requestId the message it answers
     * @return the message
     */
    public ServerMessage error(ErrorCode code, String detail, String requestId) {
        return ServerMessage.error(code, Texts.error(language, code, modelName), detail, requestId);
    }

    /**
     * The language Crafty speaks.
     *
     * @return the language
     */
    public Language language() {
        return language;
    }

    /**
     * A reply cancelled before it was complete.
     */
    public static final class PartialReplyException extends CancelledException {
        private final String partial;

        PartialReplyException(String reason, String partial) {
            super(reason);
            this.partial = partial;
        }

        /**
         * What had been generated.
         *
         * @return the partial reply, possibly empty
         */
        public String partial() {
            return partial;
        }
    }
}
