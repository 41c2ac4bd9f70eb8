package org.e2v.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.e2v.common.AtomicFiles;

/**
 * Writes WAV files (RIFF, little-endian) atomically through {@link AtomicFiles}: a crash leaves the
 * old file or the new one, never half a recording. Samples are clamped to [-1, 1] (non-finite ones are
 * refused); integer formats
 * scale by 2^(bits-1) and round, so {@code k / 32768} survives a 16-bit round trip exactly.
 */
public final class WavWriter {
    private static final int BLOCK_FRAMES = 8192;

    private WavWriter() {
    }

    /** Writes 16 kHz mono 16-bit PCM, e2v's recording and export format. */
    public static void write16kMono(Path file, float[] samples) {
        write(file, new float[][] {samples}, AudioFiles.TARGET_RATE_HZ, SampleFormat.PCM_S16, false);
    }

    /** Writes one array per channel (all the same length) in a plain (non-extensible) fmt chunk. */
    public static void write(Path file, float[][] channels, int sampleRateHz, SampleFormat format) {
        write(file, channels, sampleRateHz, format, false);
    }

    /**
     * Writes one array per channel (all the same length).
     *
     * @param extensible write a WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes, sub-format GUID) instead of
     *                   the 16-byte PCM / 18-byte float one
     */
    public static void write(Path file, float[][] channels, int sampleRateHz, SampleFormat format,
                             boolean extensible) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("at least one channel needed");
        }
        int frames = channels[0].length;
        for (float[] c : channels) {
            if (c.length != frames) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
        int frameBytes = channels.length * format.bytesPerSample();
        AtomicFiles.write(file, out -> {
            out.write(header(channels.length, sampleRateHz, format, extensible, (long) frames * frameBytes));
            ByteBuffer buf = ByteBuffer.allocate(BLOCK_FRAMES * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < frames; start += BLOCK_FRAMES) {
                int n = Math.min(BLOCK_FRAMES, frames - start);
                buf.clear();
                for (int i = start; i < start + n; i++) {
                    for (float[] c : channels) {
                        put(buf, format, c[i]);
                    }
                }
                out.write(buf.array(), 0, buf.position());
            }
            if ((((long) frames * frameBytes) & 1) != 0) {
                out.write(0); // pad byte of an odd-sized data chunk
            }
        });
    }

    /** Copies raw 16-bit mono PCM from {@code pcm} into a 16 kHz WAV body after writing its header. */
    static void writePcm16Mono(OutputStream out, long dataBytes, IoBody body) throws IOException {
        out.write(header(1, AudioFiles.TARGET_RATE_HZ, SampleFormat.PCM_S16, false, dataBytes));
        body.copyTo(out);
    }

    /** Writes a data body. */
    @FunctionalInterface
    interface IoBody {
        void copyTo(OutputStream out) throws IOException;
    }

    /** The RIFF header up to and including the data chunk's size field. */
    static byte[] header(int channels, int sampleRateHz, SampleFormat format, boolean extensible, long dataBytes) {
        if (format == SampleFormat.ALAW || format == SampleFormat.MULAW) {
            throw new IllegalArgumentException("e2v writes PCM and float WAV only, not " + format.label());
        }
        int fmtSize = extensible ? 40 : format.formatTag() == 3 ? 18 : 16;
        int blockAlign = channels * format.bytesPerSample();
        long riffSize = 4 + (8 + fmtSize) + (8 + dataBytes + (dataBytes & 1));
        if (riffSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("WAV files are limited to 4 GiB; " + dataBytes + " bytes of audio given");
        }
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) riffSize).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(fmtSize);
        b.putShort((short) (extensible ? 0xFFFE : format.formatTag())).putShort((short) channels)
                .putInt(sampleRateHz).putInt(sampleRateHz * blockAlign).putShort((short) blockAlign)
                .putShort((short) (8 * format.bytesPerSample()));
        if (extensible) {
            int mask = channels == 1 ? 0x4 : channels == 2 ? 0x3 : 0;
            b.putShort((short) 22).putShort((short) (8 * format.bytesPerSample())).putInt(mask);
            // KSDATAFORMAT_SUBTYPE_{PCM,IEEE_FLOAT}: the format tag followed by the fixed GUID tail
            b.putShort((short) format.formatTag()).put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
                    (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        } else if (fmtSize == 18) {
            b.putShort((short) 0);
        }
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return b.array();
    }

    static void put(ByteBuffer b, SampleFormat format, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("cannot write a non-finite sample (" + value + ")");
        }
        double v = Math.max(-1.0, Math.min(1.0, value));
        switch (format) {
            case PCM_U8 -> b.put((byte) (Math.min(255, Math.round(v * 128) + 128)));
            case PCM_S16 -> b.putShort((short) Math.min(32767, Math.round(v * 32768)));
            case PCM_S24 -> {
                int s = (int) Math.min(8_388_607, Math.round(v * 8_388_608));
                b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
            }
            case PCM_S32 -> b.putInt((int) Math.min(Integer.MAX_VALUE, Math.round(v * 2_147_483_648.0)));
            case FLOAT_32 -> b.putFloat((float) v);
            case FLOAT_64 -> b.putDouble(v);
            default -> throw new IllegalArgumentException(format.label());
        }
    }
}
