package org.e2v.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.e2v.common.AtomicFiles;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.domain.AudioClip;

/**
 * Records 16 kHz 16-bit mono from a {@link CaptureLine} (the microphone by default).
 *
 * <p>{@link #start} opens the line and starts one internal capture thread; {@link #stop} stops the
 * line and joins that thread, so no thread outlives a recording. Captured PCM streams to a temporary
 * file rather than a growing array: a 10-minute recording costs 19 MB of disk and a few kilobytes of
 * heap. Every {@value #LEVEL_BLOCK_SAMPLES} samples (50 ms) the {@link LevelListener} receives the
 * block's RMS and peak in dBFS, on the capture thread. After {@link #stop}, {@link #save} writes the
 * recording as a 16 kHz WAV atomically and {@link #clip} returns it as samples. {@link #close} deletes
 * the temporary file. One recorder records once at a time; it is safe to call from any thread.
 */
public final class Recorder implements AutoCloseable {
    /** Samples per level-meter block: 50 ms at 16 kHz. */
    public static final int LEVEL_BLOCK_SAMPLES = 800;
    private static final int RATE_HZ = AudioFiles.TARGET_RATE_HZ;

    private final CaptureLineSource source;
    private final LevelListener listener;

    private CaptureLine line;
    private Thread captureThread;
    private volatile boolean running;
    private volatile long samplesCaptured;
    private volatile Throwable captureError;
    private Path pcmFile;
    private long recordedSamples = -1; // -1: nothing stopped yet

    /** Records from the system microphone. */
    public Recorder(LevelListener listener) {
        this(new JavaSoundLineSource(), listener);
    }

    /** Records from {@code source} (tests pass a synthetic line). */
    public Recorder(CaptureLineSource source, LevelListener listener) {
        this.source = source;
        this.listener = listener == null ? LevelListener.NONE : listener;
    }

    /**
     * Opens the line and starts capturing; a previous unsaved recording is discarded.
     *
     * @throws E2vException "no microphone found ..." when there is no capture device
     */
    public synchronized void start() {
        if (running) {
            throw new E2vException("already recording; stop the current recording first");
        }
        deleteTemp();
        recordedSamples = -1;
        samplesCaptured = 0;
        captureError = null;
        CaptureLine opened = source.open();
        Path tmp;
        OutputStream out;
        try {
            tmp = Files.createTempFile("e2v-recording-", ".pcm");
            out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        } catch (IOException e) {
            opened.close();
            throw new E2vException("could not create a temporary file for the recording: " + e.getMessage(), e);
        }
        line = opened;
        pcmFile = tmp;
        running = true;
        opened.start();
        captureThread = new Thread(() -> capture(opened, out), "e2v-recorder");
        captureThread.setDaemon(true);
        captureThread.start();
    }

    /** Whether a recording is in progress. */
    public boolean isRecording() {
        return running;
    }

    /** Seconds captured so far (while recording) or in total (after stop). */
    public double recordedSeconds() {
        return (recordedSamples >= 0 ? recordedSamples : samplesCaptured) / (double) RATE_HZ;
    }

    /**
     * Stops capturing, waits for the capture thread, and returns the recording's length in seconds.
     *
     * @throws E2vException when nothing is being recorded, or capturing failed (e.g. disk full)
     */
    public synchronized double stop() {
        if (!running) {
            throw new E2vException("nothing is being recorded; start a recording first");
        }
        running = false;
        line.stop();
        line.close();
        try {
            captureThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        captureThread = null;
        line = null;
        recordedSamples = samplesCaptured;
        if (captureError != null) {
            throw new E2vException("recording failed: " + captureError.getMessage(), captureError);
        }
        return recordedSeconds();
    }

    /** Saves the stopped recording as a 16 kHz 16-bit mono WAV, atomically. */
    public synchronized void save(Path wavFile) {
        save(wavFile, Long.MAX_VALUE);
    }

    /**
     * Saves at most the first {@code maxSamples} of the stopped recording (a timed recording stops
     * a few milliseconds late; this keeps exactly the asked-for length).
     */
    public synchronized void save(Path wavFile, long maxSamples) {
        Path pcm = stoppedRecording();
        long bytes = Math.min(recordedSamples, Math.max(1, maxSamples)) * 2;
        AtomicFiles.write(wavFile, out -> WavWriter.writePcm16Mono(out, bytes, body -> {
            try (InputStream in = Files.newInputStream(pcm)) {
                byte[] buf = new byte[1 << 16];
                long left = bytes;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw new IOException("the recording's temporary file ended early");
                    }
                    body.write(buf, 0, n);
                    left -= n;
                }
            }
        }));
    }

    /** The stopped recording as samples. */
    public synchronized AudioClip clip() {
        Path pcm = stoppedRecording();
        try {
            byte[] bytes = Files.readAllBytes(pcm);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[bytes.length / 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = b.getShort(2 * i) / 32768f;
            }
            return new AudioClip(x, RATE_HZ);
        } catch (IOException e) {
            throw new InputException(pcm, "the recording could not be read back: " + e.getMessage(), e);
        }
    }

    /** Stops a running recording (discarding errors) and deletes the temporary file. */
    @Override
    public synchronized void close() {
        if (running) {
            try {
                stop();
            } catch (E2vException ignored) {
                // closing discards the recording anyway
            }
        }
        deleteTemp();
    }

    private Path stoppedRecording() {
        if (running) {
            throw new E2vException("still recording; stop the recording first");
        }
        if (pcmFile == null || recordedSamples < 0) {
            throw new E2vException("nothing has been recorded yet");
        }
        if (recordedSamples == 0) {
            throw new E2vException("the recording is empty (the microphone delivered no sound)");
        }
        return pcmFile;
    }

    private void capture(CaptureLine from, OutputStream out) {
        byte[] buf = new byte[LEVEL_BLOCK_SAMPLES * 2];
        LevelMeter meter = new LevelMeter();
        try (out) {
            while (true) {
                int n = from.read(buf, 0, buf.length);
                if (n > 0) {
                    int whole = n & ~1; // a line delivers whole 2-byte frames
                    out.write(buf, 0, whole);
                    meter.add(buf, whole);
                    samplesCaptured += whole / 2;
                } else if (!running) {
                    break;
                } else {
                    LockSupport.parkNanos(2_000_000); // a line with nothing yet: do not spin
                }
            }
        } catch (IOException | RuntimeException e) {
            captureError = e;
            running = false;
        }
    }

    private void deleteTemp() {
        if (pcmFile != null) {
            try {
                Files.deleteIfExists(pcmFile);
            } catch (IOException ignored) {
                // a leftover temp file is harmless; the OS cleans its temp directory
            }
            pcmFile = null;
        }
    }

    /** Accumulates samples into 50 ms blocks and reports each block's RMS and peak. */
    private final class LevelMeter {
        private double sumSquares;
        private int peak;
        private int count;
        private long blocks;

        void add(byte[] pcm, int bytes) {
            for (int i = 0; i + 1 < bytes; i += 2) {
                int s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
                sumSquares += (double) s * s;
                peak = Math.max(peak, Math.abs(s));
                if (++count == LEVEL_BLOCK_SAMPLES) {
                    blocks++;
                    double rms = Math.sqrt(sumSquares / count) / 32768.0;
                    listener.onLevel(new Level(blocks * LEVEL_BLOCK_SAMPLES / (double) RATE_HZ,
                            Level.dbfs(rms), Level.dbfs(Math.min(peak, 32767) == 32767 ? 1.0 : peak / 32768.0)));
                    sumSquares = 0;
                    peak = 0;
                    count = 0;
                }
            }
        }
    }
}
