package com.kidmodstudio.crafty.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests. */
final class Ports {
    private Ports() {
    }

    /**
     * A loopback port nothing listens on: bound to find a free one, then closed, so connecting
     * to it is refused.
     *
     * @return the port
     */
    static int closed() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
