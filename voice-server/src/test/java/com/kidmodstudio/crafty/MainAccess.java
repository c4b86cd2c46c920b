package com.kidmodstudio.crafty;

import java.util.Map;

import com.kidmodstudio.crafty.testing.TestServer;

/**
 * Lets tests in other packages run what {@code java -jar voice-server.jar --reset-parent-pin} runs.
 */
public final class MainAccess {
    private MainAccess() {
    }

    /**
     * Resets the parent PIN as the command line does.
     *
     * @param overrides configuration keys, e.g. {@code store.path}
     * @return the exit status
     */
    public static int resetParentPin(Map<String, String> overrides) {
        return Main.resetParentPin(TestServer.config(overrides));
    }
}
