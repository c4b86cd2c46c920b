package com.kidmodstudio.crafty.turn;

import java.util.concurrent.atomic.AtomicBoolean;

import com.kidmodstudio.crafty.engine.Cancellation;
import com.kidmodstudio.crafty.observe.TurnTrace;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ServerMessage;

/**
 * One request in flight on a socket: its id, where its messages go, its cancellation and its
 * trace. Sends only while the turn is not cancelled, and ends exactly once — done, cancelled or
 * failed — finishing the trace with that outcome; whichever end comes first wins, later ones do
 * nothing. Thread-safe: a voice turn sends from the model's thread and the speech thread.
 */
public final class Turn {
    private final String requestId;
    private final Outbound out;
    private final Cancellation cancel = new Cancellation();
    private final TurnTrace trace;
    private final Texts texts;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * Creates a turn that has not started yet.
     *
     * @param requestId the request's id, or {@code null}
     * @param out       the socket's sender
     * @param trace     the turn's timings and log lines
     * @param texts     words the error for the child
     */
    public Turn(String requestId, Outbound out, TurnTrace trace, Texts texts) {
        this.requestId = requestId;
        this.out = out;
        this.trace = trace;
        this.texts = texts;
    }

    /**
     * The request's id.
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The turn's cancellation: a {@code stop}, a newer request or a closed socket.
     *
     * @return the cancellation
     */
    public Cancellation cancel() {
        return cancel;
    }

    /**
     * The turn's timings and log lines.
     *
     * @return the trace
     */
    public TurnTrace trace() {
        return trace;
    }

    /**
     * Sends a message of the turn unless it was cancelled.
     *
     * @param message the message
     * @return whether it went out
     */
    public boolean send(ServerMessage message) {
        return out.send(message, cancel);
    }

    /**
     * Sends a binary audio frame of the turn unless it was cancelled.
     *
     * @param pcm the frame
     * @return whether it went out
     */
    public boolean sendAudio(byte[] pcm) {
        return out.sendAudio(pcm, cancel);
    }

    /**
     * Ends the turn with its final message; if a stop came first, with {@code cancelled}.
     *
     * @param last    the final message
     * @param partial what to report as already produced when it was cancelled, or {@code null}
     */
    public void done(ServerMessage last, String partial) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (!out.send(last, cancel) && cancel.isCancelled()) {
            out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), partial));
            trace.finish("cancelled");
        } else {
            trace.finish("done");
        }
    }

    /**
     * Ends the cancelled turn with {@code cancelled} and the cancellation's reason.
     *
     * @param partial what had been produced, or {@code null}
     */
    public void cancelled(String partial) {
        if (ended.compareAndSet(false, true)) {
            out.send(new ServerMessage.Cancelled(requestId, cancel.reason(), partial));
            trace.finish("cancelled");
        }
    }

    /**
     * Ends the turn with a typed error, worded for the child.
     *
     * @param code   the error
     * @param detail technical detail
     */
    public void fail(ErrorCode code, String detail) {
        if (ended.compareAndSet(false, true)) {
            out.send(texts.error(code, detail, requestId));
            trace.finish(code.wire());
        }
    }

    /**
     * Whether the turn has sent its final message (or had it dropped by a closed socket).
     *
     * @return true once ended
     */
    public boolean ended() {
        return ended.get();
    }
}
