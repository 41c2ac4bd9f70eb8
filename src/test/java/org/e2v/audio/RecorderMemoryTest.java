package org.e2v.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #8: a 10-minute recording streams to disk; the heap does not grow with its length. */
class RecorderMemoryTest {
    @TempDir
    Path dir;

    private static double heapAfterGcMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    @Test
    void tenMinutesOfAudioKeepTheHeapFlatAndSaveEverySample() throws Exception {
        ToneCaptureSource source = new ToneCaptureSource(600, false);
        AtomicLong levels = new AtomicLong();
        double before = heapAfterGcMb();
        double during;
        Path wav = dir.resolve("ten minutes.wav");
        try (Recorder recorder = new Recorder(source, level -> levels.incrementAndGet())) {
            recorder.start();
            while (recorder.recordedSeconds() < 300) {
                Thread.sleep(10);
            }
            during = heapAfterGcMb();
            while (recorder.recordedSeconds() < 600) {
                Thread.sleep(10);
            }
            assertThat(recorder.stop()).isCloseTo(600.0, within(1e-9));
            double after = heapAfterGcMb();
            // 10 minutes of 16-bit audio are 18.3 MiB: were they kept in memory, the heap would show it
            assertThat(during - before).as("heap growth at 5 minutes, MiB").isLessThan(4.0);
            assertThat(after - before).as("heap growth at 10 minutes, MiB").isLessThan(4.0);
            recorder.save(wav);
        }
        assertThat(Files.size(wav)).isEqualTo(44 + 2L * 600 * 16_000);
        // one level update per 50 ms block
        assertThat(levels.get()).isEqualTo(600 * 20);
        AudioInfo info = AudioFiles.probe(wav);
        assertThat(info.durationSeconds()).isCloseTo(600.0, within(1e-6));
    }

    @Test
    void theToneLooksLikeAVoiceAtSpeakingLevel() {
        double sumSquares = 0;
        double peak = 0;
        for (long n = 0; n < 16_000; n++) {
            double s = ToneCaptureSource.sample(n);
            sumSquares += s * s;
            peak = Math.max(peak, Math.abs(s));
        }
        double rmsDbfs = 20 * Math.log10(Math.sqrt(sumSquares / 16_000));
        assertThat(peak).isLessThan(0.41).isGreaterThan(0.3);
        assertThat(rmsDbfs).isBetween(-20.0, -10.0);
    }

    @Test
    void aRealTimeLineDeliversNoFasterThanAMicrophone() throws Exception {
        CaptureLine line = new ToneCaptureSource(10, true).open();
        line.start();
        long start = System.nanoTime();
        byte[] buf = new byte[64_000];
        long bytes = 0;
        while (System.nanoTime() - start < 200_000_000L) {
            bytes += line.read(buf, 0, buf.length);
        }
        double deliveredSeconds = bytes / 2 / 16_000.0;
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertThat(deliveredSeconds).isLessThanOrEqualTo(elapsed + 0.01).isGreaterThan(0.05);
        line.stop();
        assertThat(line.read(buf, 0, buf.length)).isZero();
    }
}
