package org.e2v.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file replacement: write to a temporary file in the target's directory, fsync it, then
 * rename it over the target. A crash at any point leaves either the old file or the new one,
 * never a torn mix. Every save in e2v (models, checkpoints, workspaces, caches) goes through here.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes whatever {@code body} produces; the stream is closed by this method. */
    public static void write(Path target, IoConsumer<OutputStream> body) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                body.accept(out);
                out.flush();
                channel.force(true);
            }
            makeReadable(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new InputException(target, "could not be saved: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temp file is hidden and harmless; the original error matters more
                }
            }
        }
    }

    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Temp files are created owner-only (0600); saved files get the permissions of the file they
     * replace, or rw-r--r-- for a new one, like any file the user writes.
     */
    private static void makeReadable(Path tmp, Path target) {
        try {
            var view = Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class);
            if (view == null) {
                return;
            }
            var perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            view.setPermissions(perms);
        } catch (IOException | UnsupportedOperationException ignored) {
            // non-POSIX file systems keep their default permissions
        }
    }

    private static void fsyncDirectory(Path dir) {
        // Makes the rename itself durable on Linux; not supported everywhere, so best effort.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UncheckedIOException ignored) {
            // directories cannot be opened on some platforms; the data file itself is synced
        }
    }

    /** A consumer that may throw IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}
