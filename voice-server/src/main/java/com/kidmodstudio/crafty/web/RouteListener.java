package com.kidmodstudio.crafty.web;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import com.kidmodstudio.crafty.observe.Telemetry;
import com.kidmodstudio.crafty.observe.TurnTrace;
import com.kidmodstudio.crafty.parent.GateMessages;
import com.kidmodstudio.crafty.parent.TurnGate;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.Inbound;
import com.kidmodstudio.crafty.protocol.Outbound;
import com.kidmodstudio.crafty.protocol.ProtocolException;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.turn.Texts;
import com.kidmodstudio.crafty.turn.Turn;
import com.kidmodstudio.crafty.turn.TurnSlot;
import com.kidmodstudio.crafty.turn.TurnWork;
import com.kidmodstudio.crafty.ws.SocketListener;

/**
 * What every Crafty WebSocket route does the same way, in one place: the access check on the
 * upgrade, an optional {@code ?sessionId=}, decoding with the route's {@link Inbound}, typed
 * errors that leave the socket usable (a message over its limit included), {@code stop} and
 * {@code ping}, and cancelling the running turn when the socket closes, whoever closes it.
 * A route supplies its actions in {@link #handle}, a {@code switch} over its sealed set of
 * messages that the compiler checks is complete, and, if it takes audio, {@link #binary}.
 * The connection underneath ({@code com.kidmodstudio.crafty.ws}) delivers whole, valid messages
 * within the limits, answers pings, and closes dead, idle and slow sockets. One instance per
 * connection; its callbacks never run concurrently.
 *
 * @param <T> the messages the route takes
 */
abstract class RouteListener<T extends ClientMessage> implements SocketListener {
    private static final Logger LOGGER = Logger.getLogger(RouteListener.class.getName());

    /** Words errors and the welcome in the configured language. */
    protected final Texts texts;
    /** The one turn this socket may run. */
    protected final TurnSlot turns;
    /** The sending side; set when the socket opens. */
    protected Outbound out;
    /** The session id given in the URL, or {@code null}. */
    protected String requestedSession;

    private final AccessGuard guard;
    private final TurnGate gate;
    private final Inbound<T> inbound;
    private final Telemetry telemetry;
    private final String route;
    private Telemetry.Connection connection;
    private String origin;

    RouteListener(String route, Inbound<T> inbound, RouteContext context) {
        this.texts = context.texts();
        this.guard = context.guard();
        this.gate = context.gate();
        this.telemetry = context.telemetry();
        this.inbound = inbound;
        this.route = route;
        this.turns = new TurnSlot(route.substring(1).replace('/', '-'));
    }

    /** Called once the socket is open and {@link #out} is set. */
    abstract void opened();

    /**
     * Handles a decoded message; {@code stop} and {@code ping} go to {@link #stop} and {@link #pong}.
     *
     * @param message the message
     * @throws ProtocolException to answer with a typed error
     */
    abstract void handle(T message) throws ProtocolException;

    /**
     * Cancels the running turn and answers with {@code stopped}, naming the request it cancelled.
     *
     * @param stop the message
     */
    void stop(ClientMessage.Stop stop) {
        out.send(new ServerMessage.Stopped(stop.requestId(), turns.cancel("stop")));
    }

    /**
     * Answers a {@code ping} with {@code pong}.
     *
     * @param ping the message
     */
    void pong(ClientMessage.Ping ping) {
        out.send(new ServerMessage.Pong(ping.requestId(), ping.t(), System.currentTimeMillis()));
    }

    /**
     * Handles one complete binary message; by default binary data is refused.
     *
     * @param bytes the message
     * @throws ProtocolException to answer with a typed error
     */
    void binary(byte[] bytes) throws ProtocolException {
        throw new ProtocolException(ErrorCode.UNEXPECTED_BINARY, "this route takes JSON text messages only", null);
    }

    /** Called when the socket is gone, after the running turn was cancelled. */
    void closed() {
    }

    /**
     * The conversation the socket speaks in, for the log lines; routes with a conversation say which.
     *
     * @return the session id, or {@code null}
     */
    String sessionId() {
        return requestedSession;
    }

    /**
     * Starts tracing a turn: logs {@code turn.started} with the connection's ids.
     *
     * @param kind      e.g. {@code chat}, {@code speak}, {@code audio}
     * @param requestId the request's id, or {@code null}
     * @return the trace, to be finished by the turn
     */
    TurnTrace trace(String kind, String requestId) {
        return connection.turn(kind, requestId, sessionId());
    }

    /**
     * Starts a turn, superseding the running one, with its trace; every route's turns start
     * here. The parent's {@link TurnGate} decides first: in quiet hours or over the daily limit
     * the request gets a typed error ({@code quiet_hours}, {@code time_limit}) and the running
     * turn is left alone; a due break reminder precedes the turn's first message. The turn ends
     * with exactly one final message, whatever its work throws (see {@link TurnSlot}).
     *
     * @param kind      e.g. {@code chat}, {@code speak}, {@code audio}, {@code tts}, {@code stt}
     * @param requestId the request's id, or {@code null}
     * @param work      the turn
     */
    void startTurn(String kind, String requestId, TurnWork work) {
        TurnGate.Admission admission = gate.admit();
        if (!admission.open()) {
            ServerMessage.Error refusal = GateMessages.refusal(texts, admission, gate.clock(), requestId);
            out.send(refusal);
            connection.error(refusal.code(), requestId, sessionId());
            return;
        }
        turns.start(new Turn(requestId, out, trace(kind, requestId), texts), turn -> {
            try {
                if (admission.breakReminder() != null) {
                    turn.send(GateMessages.breakReminder(texts, admission, requestId));
                }
                work.run(turn);
            } finally {
                gate.finished();
            }
        });
    }

    /**
     * Sends a typed error outside a turn and logs its code.
     *
     * @param e what was wrong with the client's message
     */
    void reject(ProtocolException e) {
        out.send(texts.error(e.code(), e.getMessage(), e.requestId()));
        connection.error(e.code().wire(), e.requestId(), sessionId());
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<Headers> response = guard.upgrade(prologue, headers);
        origin = headers.first(HeaderNames.ORIGIN).orElse(null);
        requestedSession = prologue.query().first("sessionId").filter(Inbound::validSessionId).orElse(null);
        return response;
    }

    @Override
    public void onOpen(WsSession session) {
        out = new Outbound(session);
        connection = telemetry.opened(route, origin);
        opened();
    }

    @Override
    public void onMessage(WsSession session, String message, boolean last) {
        T decoded;
        try {
            decoded = inbound.decode(message);
        } catch (ProtocolException e) {
            reject(e);
            return;
        }
        try {
            handle(decoded);
        } catch (ProtocolException e) {
            reject(e);
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "message failed unexpectedly", e);
            reject(new ProtocolException(ErrorCode.INTERNAL, e.getClass().getSimpleName(), decoded.requestId()));
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        byte[] message = new byte[buffer.available()];
        buffer.read(message);
        try {
            binary(message);
        } catch (ProtocolException e) {
            reject(e);
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "binary message failed unexpectedly", e);
            reject(new ProtocolException(ErrorCode.INTERNAL, e.getClass().getSimpleName(), null));
        }
    }

    @Override
    public void onTooLarge(WsSession session, boolean text, long bytes, int limit) {
        reject(new ProtocolException(ErrorCode.TOO_LARGE, (text ? "text" : "binary") + " message of " + bytes
                + " bytes is over the limit of " + limit + " bytes", null));
    }

    @Override
    public boolean busy() {
        return turns.busy();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        gone(status, reason);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        gone(1011, t.getClass().getSimpleName());
    }

    private void gone(int status, String reason) {
        if (out != null) {
            out.closed();
        }
        turns.close();
        closed();
        if (connection != null) {
            connection.closed(status, reason);
            connection = null;
        }
    }

    /**
     * What the routes share.
     *
     * @param texts     errors and the welcome in the configured language
     * @param guard     checks upgrades
     * @param telemetry where connections, turns and errors are reported
     * @param gate      the parent's time rules, asked before every turn
     */
    record RouteContext(Texts texts, AccessGuard guard, Telemetry telemetry, TurnGate gate) {
    }
}
