package org.e2v.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Drops the debugging line "Added differentiated op ..." that SameDiff 1.0.0-M2.1 prints
 * unconditionally to standard output for every op when it builds a gradient graph (thousands of
 * lines for an unrolled encoder), which would otherwise corrupt JSON written to stdout. Every
 * other line passes through unchanged. Install once at start-up; installing again is a no-op.
 */
public final class SameDiffNoiseFilter extends OutputStream {
    static final String NOISE = "Added differentiated op ";

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private SameDiffNoiseFilter(PrintStream target) {
        this.target = target;
    }

    /** Wraps {@code System.out} with the filter unless it is already wrapped. */
    public static synchronized void install() {
        if (System.out instanceof Filtered) {
            return;
        }
        System.setOut(new Filtered(new SameDiffNoiseFilter(System.out), Charset.defaultCharset()));
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void flush() {
        // A partial line is held back until its end is known: it may be the start of noise.
        target.flush();
    }

    private void flushLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        String text = new String(bytes, Charset.defaultCharset());
        if (!text.startsWith(NOISE)) {
            target.write(bytes, 0, bytes.length);
            target.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            byte[] bytes = line.toByteArray();
            target.write(bytes, 0, bytes.length);
        }
        target.flush();
    }

    /** Marker type so that {@link #install()} is idempotent. */
    private static final class Filtered extends PrintStream {
        Filtered(OutputStream out, Charset charset) {
            super(out, true, charset);
        }
    }
}
