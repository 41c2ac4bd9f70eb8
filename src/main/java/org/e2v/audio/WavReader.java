package org.e2v.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.e2v.common.InputException;

/**
 * e2v's own RIFF/WAVE parser and streaming decoder (javax.sound reads neither 24-bit nor
 * WAVE_FORMAT_EXTENSIBLE reliably, and reads whole files into memory).
 *
 * <p>Reads RIFF and RF64 files: PCM 8-bit unsigned, 16/24/32-bit signed, 32/64-bit IEEE float,
 * A-law and mu-law, plain or WAVE_FORMAT_EXTENSIBLE, any channel count (averaged to mono), any rate.
 * Unknown chunks are skipped, odd-sized chunks honour their pad byte. A data chunk whose size was
 * never filled in (0xFFFFFFFF, or 0 inside a RIFF whose size is also unset) runs to the end of the
 * file, as written by streaming recorders and {@code ffmpeg ... -f wav -}. A data chunk that claims more
 * bytes than the file holds is read up to the last whole frame and logged as truncated (decision 0040).
 */
final class WavReader {
    private static final System.Logger LOG = System.getLogger(WavReader.class.getName());
    private static final long UNSET_32 = 0xFFFFFFFFL;
    private static final int BLOCK_FRAMES = 16_384;

    private WavReader() {
    }

    /**
     * The parsed header.
     *
     * @param formatTag     WAVE format tag (the sub-format's for WAVE_FORMAT_EXTENSIBLE)
     * @param sampleFormat  decodable sample format, or null when e2v cannot decode the encoding itself
     * @param extensible    whether the fmt chunk was WAVE_FORMAT_EXTENSIBLE
     * @param channels      channel count
     * @param sampleRateHz  sample rate
     * @param bitsPerSample valid bits per sample as declared
     * @param blockAlign    bytes per frame
     * @param dataOffset    file offset of the first data byte
     * @param frames        whole frames readable from the file
     * @param declaredFrames frames the header declares (-1 for a streamed file)
     */
    record Header(int formatTag, SampleFormat sampleFormat, boolean extensible, int channels, int sampleRateHz,
                  int bitsPerSample, int blockAlign, long dataOffset, long frames, long declaredFrames) {

        boolean truncated() {
            return declaredFrames >= 0 && frames < declaredFrames;
        }

        String encodingName() {
            return sampleFormat != null ? sampleFormat.label() : codecName(formatTag);
        }
    }

    static Header readHeader(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, ch);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    static Header readHeader(Path file, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize == 0) {
            throw new InputException(file, "is empty (0 bytes)");
        }
        ByteBuffer head = read(ch, 0, 12);
        if (head.remaining() < 4) {
            throw new InputException(file, "is truncated: only " + fileSize + " bytes, too short for a WAV header");
        }
        String magic = fourCc(head, 0);
        boolean rf64 = magic.equals("RF64") || magic.equals("BW64");
        if (magic.equals("RIFX")) {
            throw new InputException(file, "is a big-endian RIFX file, which e2v does not read; "
                    + "convert it with: ffmpeg -i in.wav out.wav");
        }
        if (!magic.equals("RIFF") && !rf64) {
            throw new InputException(file, "is not a WAV file: it starts with " + printable(head, 4)
                    + " instead of \"RIFF\"");
        }
        if (head.remaining() < 12) {
            throw new InputException(file, "is truncated: the WAV header ends after " + fileSize + " bytes");
        }
        long riffSize = Integer.toUnsignedLong(head.getInt(4));
        String type = fourCc(head, 8);
        if (!type.equals("WAVE")) {
            throw new InputException(file, "is a RIFF file of type " + printable(head.position(8), 4)
                    + ", not WAVE audio");
        }
        long ds64Data = -1;
        ByteBuffer fmt = null;
        long pos = 12;
        while (true) {
            ByteBuffer chunk = read(ch, pos, 8);
            if (chunk.remaining() < 8) {
                if (fmt == null) {
                    throw new InputException(file, chunk.remaining() == 0 && pos >= fileSize
                            ? "has no fmt chunk (not a valid WAV file)"
                            : "is truncated: the WAV header ends after " + fileSize + " bytes");
                }
                throw new InputException(file, "has no data chunk (no audio samples)");
            }
            String id = fourCc(chunk, 0);
            long size = Integer.toUnsignedLong(chunk.getInt(4));
            long body = pos + 8;
            if (id.equals("ds64")) {
                ByteBuffer ds = read(ch, body, 16);
                if (ds.remaining() < 16) {
                    throw new InputException(file, "is truncated inside its RF64 ds64 chunk");
                }
                ds64Data = ds.getLong(8);
            } else if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new InputException(file, "has a malformed fmt chunk (" + size + " bytes, at least 16 needed)");
                }
                fmt = read(ch, body, (int) Math.min(size, 64));
                if (fmt.remaining() < 16) {
                    throw new InputException(file, "is truncated: the WAV header ends inside the fmt chunk");
                }
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw new InputException(file, "has no fmt chunk before its data chunk");
                }
                long declaredBytes = size;
                boolean streamed;
                if (rf64 && size == UNSET_32 && ds64Data >= 0) {
                    declaredBytes = ds64Data;
                    streamed = false;
                } else {
                    streamed = size == UNSET_32 || (size == 0 && (riffSize == 0 || riffSize == UNSET_32)
                            && fileSize > body);
                }
                return header(file, fmt, body, streamed ? -1 : declaredBytes, fileSize - body);
            }
            pos = body + size + (size & 1); // chunks are padded to even length
        }
    }

    private static Header header(Path file, ByteBuffer fmt, long dataOffset, long declaredBytes, long availableBytes) {
        int tag = fmt.getShort(0) & 0xffff;
        int channels = fmt.getShort(2) & 0xffff;
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = fmt.getShort(12) & 0xffff;
        int bits = fmt.getShort(14) & 0xffff;
        boolean extensible = tag == 0xFFFE;
        if (extensible) {
            if (fmt.remaining() < 40) {
                throw new InputException(file, "has a WAVE_FORMAT_EXTENSIBLE fmt chunk of " + fmt.remaining()
                        + " bytes (40 needed)");
            }
            tag = fmt.getShort(24) & 0xffff; // the first two bytes of the sub-format GUID
        }
        if (channels == 0) {
            throw new InputException(file, "has a WAV header declaring 0 channels");
        }
        if (rate == 0 || rate > 1_000_000) {
            throw new InputException(file, "has a WAV header declaring an impossible sample rate of " + rate + " Hz");
        }
        if (blockAlign == 0 || blockAlign % channels != 0) {
            throw new InputException(file, "has an inconsistent WAV header: " + blockAlign
                    + " bytes per frame for " + channels + " channels");
        }
        int container = blockAlign / channels;
        SampleFormat format = sampleFormat(tag, container);
        if (format == null && (tag == 1 || tag == 3 || tag == 6 || tag == 7)) {
            throw new InputException(file, "uses " + codecName(tag) + " with " + (container * 8)
                    + "-bit samples, which e2v does not read");
        }
        if (format != null && bits > container * 8) {
            throw new InputException(file, "has an inconsistent WAV header: " + bits + " bits per sample in "
                    + container + "-byte containers");
        }
        long availableFrames = availableBytes / blockAlign;
        long declaredFrames = declaredBytes < 0 ? -1 : declaredBytes / blockAlign;
        long frames = declaredFrames < 0 ? availableFrames : Math.min(declaredFrames, availableFrames);
        Header h = new Header(tag, format, extensible, channels, (int) rate, bits, blockAlign, dataOffset,
                frames, declaredFrames);
        if (h.truncated()) {
            LOG.log(System.Logger.Level.WARNING, () -> String.format(Locale.ROOT,
                    "%s: data chunk declares %.3f s but the file holds only %.3f s; reading what is there",
                    file, declaredFrames / (double) rate, frames / (double) rate));
        }
        return h;
    }

    private static SampleFormat sampleFormat(int tag, int container) {
        return switch (tag) {
            case 1 -> switch (container) {
                case 1 -> SampleFormat.PCM_U8;
                case 2 -> SampleFormat.PCM_S16;
                case 3 -> SampleFormat.PCM_S24;
                case 4 -> SampleFormat.PCM_S32;
                default -> null;
            };
            case 3 -> container == 4 ? SampleFormat.FLOAT_32 : container == 8 ? SampleFormat.FLOAT_64 : null;
            case 6 -> container == 1 ? SampleFormat.ALAW : null;
            case 7 -> container == 1 ? SampleFormat.MULAW : null;
            default -> null;
        };
    }

    /** A readable name for a WAVE format tag. */
    static String codecName(int tag) {
        String name = switch (tag) {
            case 0x0001 -> "PCM";
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0003 -> "IEEE float";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0040 -> "G.721 ADPCM";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MPEG Layer 3 (MP3)";
            case 0x0160, 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x2000 -> "AC-3";
            case 0xF1AC -> "FLAC";
            default -> "an unknown codec";
        };
        return String.format(Locale.ROOT, "%s encoding (WAV format tag 0x%04X)", name, tag);
    }

    /**
     * Streams frames {@code [fromFrame, toFrame)} as mono floats (channels averaged) into
     * {@code sink}, {@link #BLOCK_FRAMES} frames at a time. Non-finite float samples are an error
     * naming their time; out-of-range float samples are clamped to [-1, 1].
     */
    static void decode(Path file, Header h, long fromFrame, long toFrame, Resampler.Sink sink) {
        if (h.sampleFormat() == null) {
            throw new IllegalArgumentException("undecodable encoding " + h.encodingName());
        }
        int frameBytes = h.blockAlign();
        int blockFrames = (int) Math.min(BLOCK_FRAMES, Math.max(1, toFrame - fromFrame));
        ByteBuffer buf = ByteBuffer.allocate(blockFrames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] mono = new float[blockFrames];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long frame = fromFrame;
            ch.position(h.dataOffset() + fromFrame * frameBytes);
            while (frame < toFrame) {
                int n = (int) Math.min(blockFrames, toFrame - frame);
                buf.clear().limit(n * frameBytes);
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        break;
                    }
                }
                int got = buf.position() / frameBytes;
                if (got == 0) {
                    return; // the file shrank while being read
                }
                toMono(file, h, buf.flip(), got, frame, mono);
                sink.accept(mono, 0, got);
                frame += got;
            }
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    private static void toMono(Path file, Header h, ByteBuffer b, int frames, long firstFrame, float[] mono) {
        int channels = h.channels();
        int stride = h.blockAlign() / channels;
        float scale = 1f / channels;
        SampleFormat f = h.sampleFormat();
        int p = 0;
        for (int i = 0; i < frames; i++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++, p += stride) {
                float v;
                switch (f) {
                    case PCM_U8 -> v = ((b.get(p) & 0xff) - 128) / 128f;
                    case PCM_S16 -> v = b.getShort(p) / 32768f;
                    case PCM_S24 -> v = (((b.get(p + 2) << 16) | ((b.get(p + 1) & 0xff) << 8) | (b.get(p) & 0xff)))
                            / 8_388_608f;
                    case PCM_S32 -> v = (float) (b.getInt(p) / 2_147_483_648.0);
                    case FLOAT_32 -> v = checkFinite(file, b.getFloat(p), firstFrame + i, c, h);
                    case FLOAT_64 -> v = checkFinite(file, (float) b.getDouble(p), firstFrame + i, c, h);
                    case ALAW -> v = alaw(b.get(p)) / 32768f;
                    case MULAW -> v = mulaw(b.get(p)) / 32768f;
                    default -> throw new IllegalStateException(f.name());
                }
                sum += v;
            }
            mono[i] = channels == 1 ? sum : sum * scale;
        }
    }

    private static float checkFinite(Path file, float v, long frame, int channel, Header h) {
        if (!Float.isFinite(v)) {
            throw new InputException(file, String.format(Locale.ROOT,
                    "holds a non-finite sample (%s) at %.4f s (frame %d, channel %d); e2v does not guess a "
                            + "replacement, fix or re-export the file", Float.isNaN(v) ? "NaN" : "infinity",
                    frame / (double) h.sampleRateHz(), frame, channel + 1));
        }
        return Math.max(-1f, Math.min(1f, v));
    }

    /** G.711 A-law to 16-bit linear. */
    static int alaw(byte code) {
        int a = (code ^ 0x55) & 0xff;
        int exponent = (a & 0x70) >> 4;
        int mantissa = a & 0x0f;
        int linear = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? linear : -linear;
    }

    /** G.711 mu-law to 16-bit linear. */
    static int mulaw(byte code) {
        int u = ~code & 0xff;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0f;
        int linear = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -linear : linear;
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }

    private static String fourCc(ByteBuffer b, int at) {
        if (b.limit() < at + 4) {
            return "";
        }
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = b.get(at + i);
        }
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** The first bytes, quoted if printable ASCII, else as hex. */
    static String printable(ByteBuffer b, int n) {
        int from = b.position();
        int to = Math.min(b.limit(), from + n);
        StringBuilder text = new StringBuilder();
        StringBuilder hex = new StringBuilder();
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            int c = b.get(i) & 0xff;
            ascii &= c >= 0x20 && c < 0x7f;
            text.append((char) c);
            hex.append(String.format(Locale.ROOT, "%s%02X", hex.length() == 0 ? "" : " ", c));
        }
        return ascii ? "\"" + text + "\"" : "bytes " + hex;
    }
}
