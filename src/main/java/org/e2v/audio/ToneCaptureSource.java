package org.e2v.audio;

import java.util.concurrent.locks.LockSupport;

/**
 * A capture source without a device: a syllable-like 150-300 Hz tone with a 4 Hz envelope, at
 * 16 kHz 16-bit mono like {@link Microphone#CAPTURE_FORMAT}. It delivers {@code seconds} of audio
 * (then nothing, like a silent line) either as fast as it is read or paced at real time. Used by
 * {@code e2v bench record} to measure the recorder's memory over long recordings without waiting
 * for them, and by tests.
 */
public final class ToneCaptureSource implements CaptureLineSource {
    private static final int RATE_HZ = AudioFiles.TARGET_RATE_HZ;
    private final long totalSamples;
    private final boolean realTime;

    /**
     * @param seconds  length of the audio the line delivers
     * @param realTime true: deliver no faster than a microphone would; false: as fast as read
     */
    public ToneCaptureSource(double seconds, boolean realTime) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be a finite number >= 0, got " + seconds);
        }
        this.totalSamples = Math.round(seconds * RATE_HZ);
        this.realTime = realTime;
    }

    /** Samples one opened line delivers in all. */
    public long totalSamples() {
        return totalSamples;
    }

    @Override
    public CaptureLine open() {
        return new Line();
    }

    /** Sample {@code n} of the tone, in [-1, 1). */
    static double sample(long n) {
        double t = n / (double) RATE_HZ;
        double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t);
        // f0(t) = 225 + 75 sin(2 pi 0.3 t) Hz; the phase is its integral over time
        double phase = 2 * Math.PI * (225 * t - 75 / (2 * Math.PI * 0.3) * (Math.cos(2 * Math.PI * 0.3 * t) - 1));
        return 0.4 * envelope * Math.sin(phase);
    }

    private final class Line implements CaptureLine {
        private long position;
        private long startNanos;
        private volatile boolean stopped;

        @Override
        public void start() {
            startNanos = System.nanoTime();
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            if (stopped) {
                return 0;
            }
            long available = totalSamples - position;
            if (realTime) {
                long due = (System.nanoTime() - startNanos) * RATE_HZ / 1_000_000_000L;
                while (due <= position && !stopped && position < totalSamples) {
                    LockSupport.parkNanos(5_000_000);
                    due = (System.nanoTime() - startNanos) * RATE_HZ / 1_000_000_000L;
                }
                available = Math.min(available, due - position);
            }
            int n = (int) Math.max(0, Math.min(length / 2, available));
            for (int i = 0; i < n; i++) {
                int s = (int) Math.round(sample(position++) * 32767);
                buffer[offset + 2 * i] = (byte) s;
                buffer[offset + 2 * i + 1] = (byte) (s >> 8);
            }
            return 2 * n;
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public void close() {
            stopped = true;
        }
    }
}
