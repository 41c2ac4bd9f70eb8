package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test corpora: the committed IEMOCAP/MELD fixtures and tiny WAV files written on the fly. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * The fixtures folder in the source tree (not target/test-classes: Maven's resource copy skips
     * macOS "._" files by default, and the loaders must be tested against them).
     */
    static Path root() {
        Path p = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/fixtures");
        assertThat(p).isDirectory();
        return p;
    }

    static Path iemocap() {
        return root().resolve("iemocap/IEMOCAP_full_release");
    }

    static Path meld() {
        return root().resolve("meld");
    }

    static Path copyTree(Path source, Path target) {
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.toList()) {
                Path dst = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a 16 kHz mono 16-bit PCM WAV of {@code samples} samples (a quiet ramp). */
    static Path wav(Path file, int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (i % 100));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
