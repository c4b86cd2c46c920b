package com.kidmodstudio.crafty.voice;

import com.kidmodstudio.crafty.chat.ChatResponder;
import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.observe.TurnTrace;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * One voice request in flight: its id, where its messages go, its cancellation and its trace.
 * Sends only while the turn is not cancelled, and ends it exactly once — done, cancelled or
 * failed — finishing the trace with that outcome.
 *
 * @param requestId the request's id, or {@code null}
 * @param out       the socket's sender
 * @param cancel    the turn's cancellation
 * @param trace     the turn's timings and log lines
 */
public record Turn(String requestId, Outbound out, Cancellation cancel, TurnTrace trace) {

    /**
     * Sends a message of the turn unless it was cancelled.
     *
     * @param message the message
     * @return whether it went out
     */
    boolean send(ServerMessage message) {
        return out.send(message, cancel);
    }

    /**
     * Ends the turn with its final message; if a stop came first, with {@code cancelled}.
     *
     * @param last    the final message
     * @param partial what to report as already produced when it was cancelled, or {@code null}
     */
    void done(ServerMessage last, String partial) {
        if (out.send(last, cancel)) {
            trace.finish("done");
        } else if (cancel.isCancelled()) {
            cancelled(partial);
        } else {
            trace.finish("done");
        }
    }

    /**
     * Ends the turn as cancelled.
     *
     * @param partial what had been produced, or {@code null}
     */
    void cancelled(String partial) {
        out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), partial));
        trace.finish("cancelled");
    }

    /**
     * Ends the turn with a typed error.
     *
     * @param chat   makes the error message in the configured language
     * @param code   the error
     * @param detail technical detail
     */
    void fail(ChatResponder chat, ErrorCode code, String detail) {
        out.send(chat.error(code, detail, requestId));
        trace.finish(code.wire());
    }
}
