package org.e2v.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import org.e2v.common.AtomicFiles;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Segment;

/**
 * On-disk cache of raw (unnormalised) features. An entry's key is the SHA-256 of the cache format
 * version, the audio file's content hash, the segment and the canonical JSON of the spec without
 * its normalisation ({@link FeatureSpecs#cacheJson}); so editing a spec field or the audio gives a
 * new key, while a renamed or moved file still hits.
 *
 * <p>Entry file {@code <dir>/<key[0..2]>/<key>.e2vf}, little-endian: magic "E2VF", int32 format
 * version (1), int32 frames T, int32 dims D, int64 audio samples analysed, int32 sample rate,
 * T*D float32 row-major, int32 CRC-32 of the float bytes. Written atomically; an entry that is
 * unreadable, truncated or fails its checksum counts as a miss and is rewritten.
 */
public final class FeatureCache {
    static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x46563245; // "E2VF" read as little-endian int
    private static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 8 + 4;

    private final Path directory;

    public FeatureCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** A cached entry: features plus the audio length they were computed from. */
    public record Entry(FeatureMatrix features, long samples, int sampleRateHz) {
        public double audioSeconds() {
            return samples / (double) sampleRateHz;
        }
    }

    /** The cache key of (audio content, segment, spec). */
    public static String key(String audioSha256, Segment segment, AudioFeatureSpec spec) {
        String text = "e2v-features-cache/" + FORMAT_VERSION + "\n" + audioSha256 + "\n"
                + (segment == null ? "whole" : segment.startSeconds() + "-" + segment.endSeconds()) + "\n"
                + FeatureSpecs.cacheJson(spec);
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 hex of a file's bytes. */
    public static String contentHash(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    Path pathOf(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".e2vf");
    }

    /** The entry for {@code key}, or empty on a miss (including a damaged entry). */
    public Optional<Entry> get(String key, String utteranceId) {
        Path file = pathOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // An unreadable entry is recomputed and rewritten, like a damaged one.
            return Optional.empty();
        }
        if (bytes.length < HEADER_BYTES + 4) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC || b.getInt() != FORMAT_VERSION) {
            return Optional.empty();
        }
        int frames = b.getInt();
        int dims = b.getInt();
        long samples = b.getLong();
        int rate = b.getInt();
        if (frames < 0 || dims <= 0 || rate <= 0 || bytes.length != HEADER_BYTES + 4L * frames * dims + 4) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, HEADER_BYTES, 4 * frames * dims);
        float[] data = new float[frames * dims];
        b.asFloatBuffer().get(data);
        b.position(HEADER_BYTES + 4 * frames * dims);
        if (b.getInt() != (int) crc.getValue()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(new FeatureMatrix(utteranceId, frames, dims, data), samples, rate));
    }

    /** Stores an entry atomically (replacing any older one). */
    public void put(String key, Entry entry) {
        FeatureMatrix m = entry.features();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * m.data().length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(m.frames()).putInt(m.dims()).putLong(entry.samples())
                .putInt(entry.sampleRateHz());
        for (float v : m.data()) {
            b.putFloat(v);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), HEADER_BYTES, 4 * m.data().length);
        b.putInt((int) crc.getValue());
        AtomicFiles.writeBytes(pathOf(key), b.array());
    }
}
