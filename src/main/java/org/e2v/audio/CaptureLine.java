package org.e2v.audio;

/**
 * The part of a {@link javax.sound.sampled.TargetDataLine} the {@link Recorder} uses, so tests can
 * drive the recorder with a synthetic line. Delivers 16 kHz 16-bit signed little-endian mono PCM
 * ({@link Microphone#CAPTURE_FORMAT}).
 */
public interface CaptureLine extends AutoCloseable {
    /** Starts capturing. */
    void start();

    /**
     * Blocks until some bytes are available (or the line is stopped) and copies up to {@code length}
     * of them; returns the count (0 when stopped and drained).
     */
    int read(byte[] buffer, int offset, int length);

    /** Stops capturing; a blocked {@link #read} returns. */
    void stop();

    /** Releases the device. */
    @Override
    void close();
}
