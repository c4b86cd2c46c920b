package com.kidmodstudio.crafty.turn;

import com.kidmodstudio.crafty.engine.EngineException;

/**
 * What a turn does: sends its messages through the {@link Turn} and ends it with
 * {@link Turn#done}. It need not catch anything: {@link TurnSlot} ends the turn with
 * {@code cancelled} or {@code error} for whatever it throws.
 */
@FunctionalInterface
public interface TurnWork {
    /**
     * Runs the turn on its own virtual thread.
     *
     * @param turn the request, where to send, its cancellation and trace
     * @throws EngineException when an engine fails; the turn ends with the exception's code
     */
    void run(Turn turn) throws EngineException;
}
