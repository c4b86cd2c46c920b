package com.kidmodstudio.crafty.parent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.kidmodstudio.crafty.chat.SessionRequests;
import com.kidmodstudio.crafty.protocol.ClientMessage;
import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ParentActions;
import com.kidmodstudio.crafty.protocol.ParentReplies;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.store.StoreException;
import com.kidmodstudio.crafty.turn.Texts;

/**
 * Answers the parent area's requests. Only {@code parent:state}, {@code parent:set_pin} and
 * {@code parent:unlock} work without a parent session; every other request needs the live
 * session a right PIN opened on this socket, else it gets {@code parent_locked}.
 */
public final class ParentRequests {
    private static final int EVENTS = 200;

    private final ParentArea area;
    private final Texts texts;

    /**
     * Creates the handler.
     *
     * @param area      the parent area
     * @param texts errors in the configured language
     */
    public ParentRequests(ParentArea area, Texts texts) {
        this.area = area;
        this.texts = texts;
    }

    /**
     * Answers one request.
     *
     * @param request the request
     * @param session the socket's parent session, or {@code null}
     * @return the reply, and the socket's parent session afterwards
     */
    public Outcome handle(ClientMessage.ToParent request, String session) {
        String id = request.requestId();
        try {
            return switch (request) {
                case ParentActions.State state -> new Outcome(new ParentReplies.State(
                        area.pin().isSet(), area.sessions().valid(session), epochMillis(area.pin()), id), session);
                case ParentActions.SetPin set -> setPin(set, session);
                case ParentActions.Unlock unlock -> unlock(unlock, session);
                case ParentActions.Lock lock -> {
                    area.sessions().close(session);
                    yield new Outcome(new ParentReplies.Locked(id), null);
                }
                default -> area.sessions().valid(session) ? new Outcome(unlocked(request), session)
                        : new Outcome(error(ErrorCode.PARENT_LOCKED, "no live parent session on this socket", id), null);
            };
        } catch (StoreException e) {
            return new Outcome(error(ErrorCode.STORE_FAILED, e.getMessage(), id), session);
        }
    }

    private Outcome setPin(ParentActions.SetPin set, String session) {
        try {
            area.pin().set(set.pin());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Outcome(error(ErrorCode.PIN_REFUSED, e.getMessage(), set.requestId()), session);
        }
        return opened(set.requestId(), session);
    }

    private Outcome unlock(ParentActions.Unlock unlock, String session) {
        ParentPin.Check check = area.pin().check(unlock.pin());
        return switch (check.outcome()) {
            case OK -> opened(unlock.requestId(), session);
            case WRONG -> new Outcome(ParentReplies.Failure.of(ErrorCode.WRONG_PIN, text(ErrorCode.WRONG_PIN), "wrong PIN",
                                                               check.triesLeft(), null, unlock.requestId()), session);
            case LOCKED -> new Outcome(ParentReplies.Failure.of(ErrorCode.PIN_LOCKED, text(ErrorCode.PIN_LOCKED),
                                                                "locked after too many wrong tries", null,
                                                                check.lockedUntil().toEpochMilli(), unlock.requestId()),
                                       session);
            case NOT_SET -> new Outcome(error(ErrorCode.PARENT_LOCKED, "no PIN is set yet: send parent:set_pin",
                                              unlock.requestId()), session);
        };
    }

    private Outcome opened(String requestId, String previous) {
        area.sessions().close(previous);
        String session = area.sessions().open();
        return new Outcome(new ParentReplies.Unlocked(area.sessions().ttl().toMillis(), requestId), session);
    }

    private ServerMessage unlocked(ClientMessage.ToParent request) {
        String id = request.requestId();
        return switch (request) {
            case ParentActions.Overview overview -> overview(id);
            case ParentActions.Conversation conversation -> area.store().find(conversation.sessionId())
                    .<ServerMessage>map(found -> new ParentReplies.Conversation(SessionRequests.summary(found),
                                                                               SessionRequests.allMessages(area.store(), found.id()), id))
                    .orElseGet(() -> error(ErrorCode.NO_CONVERSATION, "no conversation " + conversation.sessionId(), id));
            case ParentActions.UpdateSettings update -> {
                ParentSettings changed;
                try {
                    changed = area.settings().current().with(update.settings());
                } catch (IllegalArgumentException e) {
                    yield error(ErrorCode.BAD_SETTINGS, e.getMessage(), id);
                }
                area.settings().update(changed);
                yield new ParentReplies.SettingsChanged(view(changed), id);
            }
            case ParentActions.Delete delete -> area.store().delete(delete.sessionId())
                    ? new ParentReplies.Deleted(delete.sessionId(), id)
                    : error(ErrorCode.NO_CONVERSATION, "no conversation " + delete.sessionId(), id);
            default -> throw new IllegalStateException("not a parent request: " + request.getClass().getSimpleName());
        };
    }

    private ServerMessage overview(String id) {
        ParentSettings settings = area.settings().current();
        List<ServerMessage.SessionSummary> sessions = area.store().listAll().stream().map(SessionRequests::summary).toList();
        List<ParentReplies.SafetyEvent> events = area.store().safetyEvents(Instant.EPOCH).stream().limit(EVENTS)
                .map(e -> new ParentReplies.SafetyEvent(e.category(), e.at().toEpochMilli())).toList();
        Duration used = area.gate().usedToday();
        ParentReplies.Usage usage = new ParentReplies.Usage(LocalDate.now(area.gate().clock()).toString(), used.toMillis(),
                                                            settings.dailyLimit().toMinutes());
        return new ParentReplies.Overview(view(settings), usage, sessions, events, id);
    }

    /**
     * The settings as they go on the wire.
     *
     * @param settings the settings
     * @return the wire record
     */
    public static ParentReplies.Settings view(ParentSettings settings) {
        return new ParentReplies.Settings(settings.language(), settings.dailyLimit().toMinutes(),
                                          settings.quietFrom() == null ? null : settings.quietFrom().toString(),
                                          settings.quietUntil() == null ? null : settings.quietUntil().toString(),
                                          settings.breakAfter().toMinutes(), settings.guard(), settings.helplineCountry(),
                                          settings.retention().toDays());
    }

    /**
     * Ends the parent session of a socket that closed.
     *
     * @param session its session, or {@code null}
     */
    public void closed(String session) {
        area.sessions().close(session);
    }

    private ServerMessage error(ErrorCode code, String detail, String requestId) {
        return texts.error(code, detail, requestId);
    }

    private String text(ErrorCode code) {
        return texts.explain(code);
    }

    private static Long epochMillis(ParentPin pin) {
        return pin.lockedUntil() == null ? null : pin.lockedUntil().toEpochMilli();
    }

    /**
     * A reply and the socket's parent session afterwards.
     *
     * @param reply   the message to send
     * @param session the parent session, or {@code null} when the socket has none
     */
    public record Outcome(ServerMessage reply, String session) {
    }
}
