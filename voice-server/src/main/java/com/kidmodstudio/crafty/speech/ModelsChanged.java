package com.kidmodstudio.crafty.speech;

/**
 * The hook the model manager calls after it has installed a speech model into the models
 * directory ({@code models.dir}, by default {@code models/} in the user data directory) or
 * deleted one from it. The speech engines are chosen again for each role; a role whose choice
 * changed gets its new engine, which loads its model in the background while the old one keeps
 * serving, and the old one is closed once its last running request has ended. Returns at once.
 */
@FunctionalInterface
public interface ModelsChanged {
    /** Chooses the speech engines again from the models now installed. */
    void modelsChanged();
}
