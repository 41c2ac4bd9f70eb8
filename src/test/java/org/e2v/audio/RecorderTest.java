package org.e2v.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.LineUnavailableException;
import org.e2v.common.E2vException;
import org.e2v.domain.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    @TempDir
    Path dir;

    /** A line that delivers a fixed number of samples of a 400 Hz sine, then nothing. */
    static final class SineLine implements CaptureLine {
        private final short[] pcm;
        private int pos;
        volatile boolean started;
        volatile boolean closed;

        SineLine(double amplitude, int samples) {
            pcm = new short[samples];
            for (int i = 0; i < samples; i++) {
                pcm[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * 400 * i / 16_000.0));
            }
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int n = Math.min(length / 2, pcm.length - pos);
            if (n <= 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                short s = pcm[pos++];
                buffer[offset + 2 * i] = (byte) s;
                buffer[offset + 2 * i + 1] = (byte) (s >> 8);
            }
            return 2 * n;
        }

        synchronized boolean drained() {
            return pos == pcm.length;
        }

        @Override
        public void stop() {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static void awaitDrained(SineLine line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!line.drained() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void levelsMatchTheSinesRmsAndPeakInDbfs() throws Exception {
        SineLine line = new SineLine(0.5, 16_000);
        List<Level> levels = new CopyOnWriteArrayList<>();
        try (Recorder r = new Recorder(() -> line, levels::add)) {
            r.start();
            awaitDrained(line);
            assertThat(r.stop()).isCloseTo(1.0, within(1e-9));
        }
        // 800 samples = 20 whole periods of 400 Hz: RMS = A / sqrt(2), and the peak sample is A.
        assertThat(levels).hasSize(20);
        for (Level l : levels) {
            assertThat(l.rmsDbfs()).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.01));
            assertThat(l.peakDbfs()).isCloseTo(20 * Math.log10(0.5), within(0.01));
            assertThat(l.clipping()).isFalse();
        }
        assertThat(levels.get(0).endSeconds()).isCloseTo(0.05, within(1e-12));
        assertThat(levels.get(19).endSeconds()).isCloseTo(1.0, within(1e-12));
        assertThat(line.closed).isTrue();
    }

    @Test
    void silenceReadsAsTheFloorAndFullScaleAsClipping() throws Exception {
        SineLine silent = new SineLine(0, 800);
        List<Level> levels = new CopyOnWriteArrayList<>();
        try (Recorder r = new Recorder(() -> silent, levels::add)) {
            r.start();
            awaitDrained(silent);
            r.stop();
        }
        assertThat(levels).singleElement().satisfies(l -> assertThat(l.rmsDbfs()).isEqualTo(Level.FLOOR_DBFS));

        SineLine loud = new SineLine(1.0, 800);
        levels.clear();
        try (Recorder r = new Recorder(() -> loud, levels::add)) {
            r.start();
            awaitDrained(loud);
            r.stop();
        }
        assertThat(levels.get(0).clipping()).isTrue();
        assertThat(levels.get(0).rmsDbfs()).isCloseTo(-3.01, within(0.01));
    }

    @Test
    void savingALimitedLengthKeepsExactlyTheFirstSamples() throws Exception {
        SineLine line = new SineLine(0.3, 12_345);
        Path wav = dir.resolve("first.wav");
        try (Recorder r = new Recorder(() -> line, LevelListener.NONE)) {
            r.start();
            awaitDrained(line);
            r.stop();
            r.save(wav, 4_000);
            float[] all = r.clip().samples();
            float[] saved = AudioFiles.load(wav).samples();
            assertThat(saved.length).isEqualTo(4_000);
            assertThat(saved).containsExactly(java.util.Arrays.copyOf(all, 4_000));
            r.save(wav, 1_000_000); // more than recorded: everything
            assertThat(AudioFiles.load(wav).samples().length).isEqualTo(12_345);
        }
    }

    @Test
    void savedWavRoundTripsTheCapturedSamples() throws Exception {
        SineLine line = new SineLine(0.3, 12_345);
        Path wav = dir.resolve("take 1.wav");
        try (Recorder r = new Recorder(() -> line, LevelListener.NONE)) {
            r.start();
            awaitDrained(line);
            r.stop();
            r.save(wav);
            AudioClip captured = r.clip();
            AudioClip loaded = AudioFiles.load(wav);
            assertThat(loaded.samples()).hasSize(12_345).containsExactly(captured.samples());
            assertThat(loaded.samples()[10]).isEqualTo(line.pcm[10] / 32768f);
        }
        AudioInfo info = AudioFiles.probe(wav);
        assertThat(info.sampleRateHz()).isEqualTo(16_000);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.bitsPerSample()).isEqualTo(16);
        assertThat(Files.list(dir)).containsExactly(wav); // no temp file left beside it
    }

    @Test
    void stopWithoutStartIsAClearError() {
        try (Recorder r = new Recorder(() -> new SineLine(0.1, 10), LevelListener.NONE)) {
            assertThat(assertThrows(E2vException.class, r::stop).getMessage())
                    .isEqualTo("nothing is being recorded; start a recording first");
            assertThat(assertThrows(E2vException.class, () -> r.save(dir.resolve("x.wav"))).getMessage())
                    .isEqualTo("nothing has been recorded yet");
        }
    }

    @Test
    void secondStartWhileRecordingIsRefused() throws Exception {
        SineLine line = new SineLine(0.1, 1_600);
        try (Recorder r = new Recorder(() -> line, LevelListener.NONE)) {
            r.start();
            assertThat(r.isRecording()).isTrue();
            assertThrows(E2vException.class, r::start);
            awaitDrained(line);
            r.stop();
            assertThat(r.isRecording()).isFalse();
            assertThat(r.recordedSeconds()).isCloseTo(0.1, within(1e-9));
        }
    }

    @Test
    void noInputDeviceBecomesNoMicrophoneFound() {
        JavaSoundLineSource none = new JavaSoundLineSource(format -> {
            throw new IllegalArgumentException("No line matching interface TargetDataLine supporting format "
                    + format + " is supported.");
        });
        E2vException e = assertThrows(E2vException.class, () -> new Recorder(none, LevelListener.NONE).start());
        assertThat(e.getMessage()).startsWith("no microphone found");

        JavaSoundLineSource busy = new JavaSoundLineSource(format -> {
            throw new LineUnavailableException("device busy");
        });
        assertThat(assertThrows(E2vException.class, busy::open).getMessage())
                .isEqualTo("the microphone could not be opened (is another program using it?): device busy");
    }

    @Test
    void longRecordingStreamsToDiskNotTheHeap() throws Exception {
        // 10 minutes of audio pass through; the recorder's heap use must not grow with the length.
        SineLine line = new SineLine(0.2, 10 * 60 * 16_000);
        Runtime rt = Runtime.getRuntime();
        try (Recorder r = new Recorder(() -> line, LevelListener.NONE)) {
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            r.start();
            awaitDrained(line);
            r.stop();
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            assertThat(r.recordedSeconds()).isCloseTo(600, within(1e-9));
            // 10 min as float[] would be 38 MB; as the fake line's own short[] it already is 19 MB.
            assertThat(after - before).isLessThan(8L << 20);
        }
    }
}
