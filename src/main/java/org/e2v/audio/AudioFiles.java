package org.e2v.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.e2v.common.InputException;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Segment;

/**
 * Entry point for reading audio: every file becomes 16 kHz mono float samples in [-1, 1].
 *
 * <p>The container is recognised by its first bytes, not its name. WAV (RIFF/RF64) goes through
 * e2v's own {@link WavReader} and the streaming {@link Resampler}; everything else (FLAC, Ogg, MP3,
 * MP4/M4A, AIFF, WebM, and WAV files with compressed encodings such as ADPCM) goes through the
 * system's ffmpeg when it is installed, and otherwise fails with a message saying how to install it.
 * e2v never downloads ffmpeg. All failures are {@link InputException}s naming the file and the problem.
 */
public final class AudioFiles {
    /** The rate every clip is converted to. */
    public static final int TARGET_RATE_HZ = 16_000;

    private AudioFiles() {
    }

    /** Reads the whole file as 16 kHz mono. */
    public static AudioClip load(Path file) {
        return load(file, null);
    }

    /**
     * Reads {@code segment} of the file (null = whole file) as 16 kHz mono. For WAV only the frames the
     * segment needs (plus the resampling kernel's context) are read, and the samples equal those of the
     * whole file's decode cut to the segment; a segment reaching past the end is cut at the end.
     */
    public static AudioClip load(Path file, Segment segment) {
        Kind kind = detect(file);
        if (kind.wav) {
            WavReader.Header h = WavReader.readHeader(file);
            if (h.sampleFormat() != null) {
                return decodeWav(file, h, segment);
            }
            return FfmpegDecoder.decode(file, segment, "WAV with " + h.encodingName());
        }
        return FfmpegDecoder.decode(file, segment, kind.name);
    }

    /** Reads the header only (for non-WAV formats: asks ffprobe). */
    public static AudioInfo probe(Path file) {
        Kind kind = detect(file);
        if (kind.wav) {
            WavReader.Header h = WavReader.readHeader(file);
            int bits = h.sampleFormat() != null && h.bitsPerSample() == 0 ? 8 * h.sampleFormat().bytesPerSample()
                    : h.bitsPerSample();
            return new AudioInfo(file, "wav " + (h.sampleFormat() != null ? h.sampleFormat().label()
                    : String.format(Locale.ROOT, "tag 0x%04X", h.formatTag())), h.sampleRateHz(), h.channels(),
                    bits, h.frames(), h.frames() / (double) h.sampleRateHz());
        }
        return FfmpegDecoder.probe(file, kind.name);
    }

    private static AudioClip decodeWav(Path file, WavReader.Header h, Segment segment) {
        if (h.frames() == 0) {
            throw new InputException(file, h.truncated()
                    ? "is truncated: its data chunk declares " + h.declaredFrames() + " frames but none are present"
                    : "contains no audio samples (its data chunk is empty)");
        }
        Resampler r = new Resampler(h.sampleRateHz(), TARGET_RATE_HZ);
        long up = TARGET_RATE_HZ / gcd(h.sampleRateHz(), TARGET_RATE_HZ);
        long down = h.sampleRateHz() / gcd(h.sampleRateHz(), TARGET_RATE_HZ);
        long totalOut = r.outputLength(h.frames());
        long from = 0;
        long to = totalOut;
        if (segment != null) {
            from = Math.round(segment.startSeconds() * TARGET_RATE_HZ);
            to = Math.min(totalOut, Math.round(segment.endSeconds() * TARGET_RATE_HZ));
            if (from >= to) {
                throw new InputException(file, String.format(Locale.ROOT,
                        "segment %s-%s s lies outside the recording (%.2f s)", segment.startSeconds(),
                        segment.endSeconds(), totalOut / (double) TARGET_RATE_HZ));
            }
        }
        if (to - from > Integer.MAX_VALUE - 16) {
            throw new InputException(file, "is too long to hold in memory at 16 kHz ("
                    + (to - from) / TARGET_RATE_HZ / 3600 + " h); cut it into parts first");
        }
        // Start on a multiple of M input frames: output n0 = s0 * L / M is then an integer and every
        // output keeps the phase it has in the whole-file decode, so segment samples match exactly.
        int context = r.halfKernelSamples() + 2;
        long firstNeeded = Math.max(0, from * down / up - context);
        long startFrame = firstNeeded / down * down;
        long endFrame = Math.min(h.frames(), (to - 1) * down / up + context + 1);
        long firstOut = startFrame / down * up;
        float[] out = new float[(int) (to - from)];
        long[] next = {firstOut};
        long wantFrom = from;
        long wantTo = to;
        Resampler.Sink sink = (s, off, len) -> {
            long blockStart = next[0];
            long a = Math.max(blockStart, wantFrom);
            long b = Math.min(blockStart + len, wantTo);
            for (long i = a; i < b; i++) {
                float v = s[off + (int) (i - blockStart)];
                out[(int) (i - wantFrom)] = v > 1f ? 1f : (v < -1f ? -1f : v);
            }
            next[0] += len;
        };
        WavReader.decode(file, h, startFrame, endFrame, (s, off, len) -> r.process(s, off, len, sink));
        r.finish(sink);
        return new AudioClip(out, TARGET_RATE_HZ);
    }

    /** The container, from the magic bytes; a file named .wav that is no RIFF goes to the WAV parser's error. */
    private record Kind(boolean wav, String name) {
    }

    private static Kind detect(Path file) {
        if (file == null) {
            throw new InputException(null, "no audio file given");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file, "is a directory, not an audio file");
        }
        if (!Files.exists(file)) {
            throw new InputException(file, "does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file, "is not readable (check its permissions)");
        }
        ByteBuffer b = ByteBuffer.allocate(16);
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill the sniffing buffer
            }
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new InputException(file, "is empty (0 bytes)");
        }
        b.flip();
        byte[] head = new byte[b.remaining()];
        b.get(head);
        String ascii = new String(head, StandardCharsets.ISO_8859_1);
        String ext = extension(file);
        if (ascii.startsWith("RIFF") || ascii.startsWith("RF64") || ascii.startsWith("BW64")
                || ascii.startsWith("RIFX")) {
            return new Kind(true, "WAV");
        }
        String name = null;
        if (ascii.startsWith("fLaC")) {
            name = "FLAC";
        } else if (ascii.startsWith("OggS")) {
            name = "Ogg";
        } else if (ascii.startsWith("ID3") || (head.length >= 2 && (head[0] & 0xff) == 0xff
                && (head[1] & 0xe0) == 0xe0)) {
            name = ext.equals("aac") ? "AAC" : "MP3";
        } else if (head.length >= 8 && ascii.startsWith("ftyp", 4)) {
            name = "MP4/M4A";
        } else if (ascii.startsWith("FORM")) {
            name = "AIFF";
        } else if (head.length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45
                && (head[2] & 0xff) == 0xdf && (head[3] & 0xff) == 0xa3) {
            name = "WebM/Matroska";
        } else if (ascii.startsWith("#!AMR")) {
            name = "AMR";
        } else if (ascii.startsWith("caff")) {
            name = "CAF";
        } else if (ascii.startsWith(".snd")) {
            name = "AU";
        }
        if (name != null) {
            return new Kind(false, name);
        }
        if (ext.equals("wav") || ext.equals("wave")) {
            return new Kind(true, "WAV"); // the WAV parser names the wrong magic
        }
        if (Ffmpeg.find().isEmpty()) {
            throw new InputException(file, "is not a recognised audio file (it starts with "
                    + WavReader.printable(ByteBuffer.wrap(head), 4) + "); e2v reads WAV itself and "
                    + Ffmpeg.missingMessage("other formats"));
        }
        return new Kind(false, ext.isEmpty() ? "this file" : ext.toUpperCase(Locale.ROOT) + " audio");
    }

    private static String extension(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Cuts an already decoded clip to a segment (used by callers holding whole clips). */
    static AudioClip cut(Path file, AudioClip clip, Segment segment) {
        int from = (int) Math.round(segment.startSeconds() * clip.sampleRateHz());
        int to = (int) Math.min(clip.samples().length, Math.round(segment.endSeconds() * clip.sampleRateHz()));
        if (from >= to) {
            throw new InputException(file, String.format(Locale.ROOT,
                    "segment %s-%s s lies outside the recording (%.2f s)", segment.startSeconds(),
                    segment.endSeconds(), clip.durationSeconds()));
        }
        float[] part = new float[to - from];
        System.arraycopy(clip.samples(), from, part, 0, part.length);
        return new AudioClip(part, clip.sampleRateHz());
    }
}
