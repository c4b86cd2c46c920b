package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * When a starting sidecar is ready: the first {@code 200} from {@code GET /status}, asked every
 * 2 ms over a plain socket, so no client library warms up inside the measurement.
 */
final class Readiness {
    private Readiness() {
    }

    /**
     * Waits for the first {@code 200}.
     *
     * @param process  the sidecar, watched for an early exit
     * @param port     its port
     * @param token    its token
     * @param deadline {@link System#nanoTime()} to give up at
     * @return {@link System#nanoTime()} when the {@code 200} arrived
     * @throws IOException when it exits first or the deadline passes
     */
    static long await(Process process, int port, String token, long deadline) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        byte[] request = ("GET /status HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the sidecar exited with status " + process.exitValue() + " before it was ready");
            }
            if (statusLine(address, request).startsWith("HTTP/1.1 200")) {
                return System.nanoTime();
            }
            Sidecar.pause(2);
        }
        throw new IOException("the sidecar did not answer /status in time");
    }

    /**
     * Sends one request over a plain socket (no client library warming up in the measurement)
     * and returns the status line, or {@code ""} when nothing listens yet.
     */
    private static String statusLine(InetSocketAddress address, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 200);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request);
            StringBuilder line = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        } catch (IOException notYet) {
            return "";
        }
    }
}
