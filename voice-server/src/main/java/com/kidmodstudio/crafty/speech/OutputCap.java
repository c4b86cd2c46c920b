package com.kidmodstudio.crafty.speech;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An engine's output stream with a ceiling: an engine that prints more than it ever should (a
 * recogniser stuck in a loop printing hundreds of megabytes) is stopped when it passes the cap,
 * and the read fails with an {@link IOException} that says so, which the engine reports as its
 * typed failure. Without it the sidecar kept everything in memory and sent it on.
 */
final class OutputCap extends FilterInputStream {
    /** What an engine may print as text, on stdout or stderr: 1 MiB. */
    static final long TEXT = 1L << 20;

    private final long limit;
    private final String what;
    private final Runnable stop;
    private long read;

    /**
     * Caps a stream.
     *
     * @param in    the engine's stream
     * @param limit most bytes it may deliver
     * @param what  e.g. "pocketsphinx's standard output", for the message
     * @param stop  kills the engine when the cap is passed
     */
    OutputCap(InputStream in, long limit, String what, Runnable stop) {
        super(in);
        this.limit = limit;
        this.what = what;
        this.stop = stop;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            stop.run();
            throw new IOException(what + " passed " + limit + " bytes; the engine was stopped");
        }
    }
}
