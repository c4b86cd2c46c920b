package com.kidmodstudio.crafty.chat;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.engine.CancelledException;
import com.kidmodstudio.crafty.llm.ChatModel;
import com.kidmodstudio.crafty.llm.LlmException;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * Answers the child: asks the language model with the conversation's context, streams the reply,
 * and remembers the exchange. A reply cut short by a stop is remembered as far as it got; a failed
 * one is not remembered, so the child can simply ask again.
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
     * Generates a reply, handing each delta to {@code onDelta}; remembers the exchange.
     *
     * @param conversation the conversation
     * @param question     the child's message
     * @param onDelta      receives each delta as it arrives
     * @param cancel       cancels the generation
     * @return the whole reply
     * @throws LlmException       when the model fails
     * @throws CancelledException when cancelled; what was generated is remembered
     */
    public String reply(Conversation conversation, String question, Consumer<String> onDelta, Cancellation cancel)
            throws LlmException {
        StringBuilder sofar = new StringBuilder();
        try {
            String answer = model.stream(conversation.context(Persona.systemPrompt(language), history, question),
                                         delta -> {
                                             sofar.append(delta);
                                             onDelta.accept(delta);
                                         },
                                         cancel);
            conversation.record(question, answer);
            return answer;
        } catch (CancelledException e) {
            if (!sofar.isEmpty()) {
                conversation.record(question, sofar.toString());
            }
            throw new PartialReplyException(e.getMessage(), sofar.toString());
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
     */
    public void respond(Conversation conversation, String question, String requestId, Outbound out, Cancellation cancel) {
        long started = System.currentTimeMillis();
        try {
            String answer = reply(conversation, question,
                                  delta -> out.send(ServerMessage.Assistant.delta(delta, started, requestId)), cancel);
            out.send(ServerMessage.Assistant.done(answer, started, requestId, conversation.id()));
        } catch (PartialReplyException e) {
            out.send(new ServerMessage.Cancelled(requestId, e.getMessage(), e.partial().isEmpty() ? null : e.partial()));
        } catch (LlmException e) {
            ErrorCode code = ErrorCode.fromWire(e.kind().code());
            LOGGER.log(Level.WARNING, () -> "chat turn failed: " + code.wire() + ": " + e.getMessage());
            out.send(error(code, e.getMessage(), requestId));
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "chat turn failed unexpectedly", e);
            out.send(error(ErrorCode.INTERNAL, e.getClass().getSimpleName(), requestId));
        }
    }

    /**
     * An error message in the configured language.
     *
     * @param code      the error
     * @param detail    technical detail
     * @param requestId the message it answers
     * @return the message
     */
    public ServerMessage.Error error(ErrorCode code, String detail, String requestId) {
        return ServerMessage.Error.of(code, Texts.error(language, code, modelName), detail, requestId);
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
