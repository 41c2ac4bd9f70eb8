package org.e2v.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.common.E2vException;
import org.e2v.domain.AudioClip;

/**
 * Measures WAV decoding speed and memory on a generated file (for {@code e2v bench decode}): writes
 * a 440 Hz sine of the requested length, rate, channels and sample format to a temporary file block
 * by block, decodes it with {@link AudioFiles#load(Path)}, and deletes it.
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {
    }

    /**
     * What was measured.
     *
     * @param audioSeconds     length of the generated audio
     * @param fileMegabytes    size of the WAV file
     * @param decodeSeconds    wall time of {@code AudioFiles.load} (including resampling to 16 kHz)
     * @param realtimeFactor   audio seconds decoded per wall second
     * @param outputMegabytes  size of the 16 kHz float result
     * @param heapGrowthMegabytes heap in use after decoding minus before (after GC), result included
     * @param amplitude440     measured 440 Hz amplitude of the result's first second (0.5 expected)
     */
    public record Result(double audioSeconds, double fileMegabytes, double decodeSeconds, double realtimeFactor,
                         double outputMegabytes, double heapGrowthMegabytes, double amplitude440) {
    }

    public static Result run(double seconds, int rateHz, int channels, SampleFormat format) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("e2v-bench-", ".wav");
            long frames = Math.round(seconds * rateHz);
            long dataBytes = frames * channels * format.bytesPerSample();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                out.write(WavWriter.header(channels, rateHz, format, false, dataBytes));
                ByteBuffer b = ByteBuffer.allocate(4096 * channels * format.bytesPerSample())
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (long start = 0; start < frames; start += 4096) {
                    b.clear();
                    long end = Math.min(frames, start + 4096);
                    for (long i = start; i < end; i++) {
                        float v = (float) (0.5 * Math.sin(2 * Math.PI * 440 * (i % rateHz) / rateHz));
                        for (int c = 0; c < channels; c++) {
                            WavWriter.put(b, format, v);
                        }
                    }
                    out.write(b.array(), 0, b.position());
                }
            }
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long t0 = System.nanoTime();
            AudioClip clip = AudioFiles.load(tmp);
            double wall = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            float[] x = clip.samples();
            int n = Math.min(x.length, AudioFiles.TARGET_RATE_HZ);
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                double ph = 2 * Math.PI * 440 * i / AudioFiles.TARGET_RATE_HZ;
                re += x[i] * Math.cos(ph);
                im += x[i] * Math.sin(ph);
            }
            return new Result(seconds, Files.size(tmp) / 1e6, wall, seconds / wall, x.length * 4 / 1e6,
                    (after - before) / 1e6, 2 * Math.hypot(re, im) / n);
        } catch (IOException e) {
            throw new E2vException("benchmark file could not be written: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // temp directory clean-up is best effort
                }
            }
        }
    }
}
