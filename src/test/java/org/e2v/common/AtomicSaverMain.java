package org.e2v.common;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process for {@link AtomicFilesKillTest}: saves generation 1, 2, 3 ... of a large file in a
 * loop through {@link AtomicFiles} and prints "saved N" after each save returns. Generation N is
 * {@code sizeBytes} bytes: an 8-byte big-endian N followed by the byte (N mod 251) repeated, so any
 * torn or mixed file is detectable.
 */
public final class AtomicSaverMain {
    private AtomicSaverMain() {
    }

    public static void main(String[] args) {
        Path target = Path.of(args[0]);
        int sizeBytes = Integer.parseInt(args[1]);
        for (long gen = 1; ; gen++) {
            AtomicFiles.writeBytes(target, content(gen, sizeBytes));
            System.out.println("saved " + gen);
            System.out.flush();
        }
    }

    /** The bytes of generation {@code gen}. */
    static byte[] content(long gen, int sizeBytes) {
        byte[] b = new byte[sizeBytes];
        Arrays.fill(b, (byte) (gen % 251));
        ByteBuffer.wrap(b).putLong(0, gen);
        return b;
    }
}
