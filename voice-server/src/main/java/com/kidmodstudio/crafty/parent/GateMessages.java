package com.kidmodstudio.crafty.parent;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.kidmodstudio.crafty.protocol.ErrorCode;
import com.kidmodstudio.crafty.protocol.ServerMessage;
import com.kidmodstudio.crafty.turn.Texts;

/**
 * What the child is sent when the {@link TurnGate} refuses a turn or suggests a break.
 */
public final class GateMessages {
    private GateMessages() {
    }

    /**
     * The typed error of a refused turn: {@code quiet_hours} or {@code time_limit}, with
     * {@code opensAt} and a kid-friendly text naming that time.
     *
     * @param texts     the words in the configured language
     * @param admission the refusal
     * @param clock     the gate's clock
     * @param requestId the refused request
     * @return the error message
     */
    public static ServerMessage.Error refusal(Texts texts, TurnGate.Admission admission, Clock clock,
                                              String requestId) {
        ErrorCode code = admission.verdict().reason();
        ZonedDateTime opens = admission.verdict().opensAt();
        String at = opens.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String detail = (code == ErrorCode.QUIET_HOURS ? "quiet hours" : "daily limit reached") + " until " + at;
        return ServerMessage.Error.closed(code, texts.closed(code, opens, ZonedDateTime.now(clock)), detail, at,
                                          requestId);
    }

    /**
     * The break reminder, when one is due.
     *
     * @param texts     the words in the configured language
     * @param admission the admission that made it due
     * @param requestId the request whose turn it precedes
     * @return the reminder
     */
    public static ServerMessage breakReminder(Texts texts, TurnGate.Admission admission, String requestId) {
        long minutes = admission.breakReminder().toMinutes();
        return new ServerMessage.Reminder("break", texts.breakReminder(minutes), minutes, requestId,
                                          System.currentTimeMillis());
    }
}
