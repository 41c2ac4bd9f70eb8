package org.e2v;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A dynamic class-data-sharing archive for the workbench's JVM (decision 0123): the first start
 * records the classes it loaded ({@code -XX:ArchiveClassesAtExit}), later starts map them
 * ({@code -XX:SharedArchiveFile}) instead of loading and verifying ~8,000 classes of JavaFX, ND4J
 * and e2v from jars, which cut the time to the window by about a third on the 2-core machine.
 *
 * <p>The archive is named by a hash of the Java runtime and every class-path entry's path, size
 * and modification time, so a rebuilt jar or another JDK gets a new archive rather than a stale
 * one (the JVM would refuse a stale one anyway, with a warning). It is written under a temporary
 * name by the child JVM at exit and moved into place by the launcher only after a clean exit, so a
 * crash never leaves a half-written archive. {@code E2V_NO_CDS=1} or {@code -De2v.noCds=true}
 * turns it off.
 */
final class ClassDataArchive {
    private final Path archive;
    private final Path pending;

    private ClassDataArchive(Path archive, Path pending) {
        this.archive = archive;
        this.pending = pending;
    }

    /** The archive for this runtime and class path in {@code folder}, or null when switched off. */
    static ClassDataArchive forClassPath(Path folder, String javaHome, String javaVersion, String classPath, long pid) {
        if (System.getenv("E2V_NO_CDS") != null || Boolean.getBoolean("e2v.noCds") || classPath == null || classPath.isBlank()) {
            return null;
        }
        String key = key(javaHome, javaVersion, List.of(classPath.split(File.pathSeparator)));
        Path archive = folder.resolve("e2v-" + key + ".jsa");
        return new ClassDataArchive(archive, folder.resolve("e2v-" + key + "." + pid + ".jsa.tmp"));
    }

    /** A short hash of the runtime and of each class-path entry's path, size and modification time. */
    static String key(String javaHome, String javaVersion, List<String> classPath) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((javaHome + "\n" + javaVersion + "\n").getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath) {
                String stamp;
                try {
                    BasicFileAttributes a = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
                    stamp = a.size() + ":" + a.lastModifiedTime().toMillis();
                } catch (IOException | RuntimeException e) {
                    stamp = "missing";
                }
                md.update((entry + "=" + stamp + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JVM options for the child: use the archive when it exists, otherwise record one at exit. */
    List<String> jvmOptions() {
        if (Files.isRegularFile(archive)) {
            // -Xlog off: a refused archive (e.g. after a JDK update in place) only costs speed, so it
            // must not print warnings into the user's terminal
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * After the child exited: keeps a recorded archive after an orderly exit (0, or 143 for a JVM
     * stopped by SIGTERM, which still runs its shutdown and writes the archive), discards it after
     * anything else (a crash may leave it half-written). Idempotent.
     */
    synchronized void childExited(int exitCode) {
        try {
            if ((exitCode == 0 || exitCode == 143) && Files.isRegularFile(pending) && Files.size(pending) > 0 && !Files.exists(archive)) {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException ignored) {
            // no archive: the next start records one again
        } finally {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    Path archive() {
        return archive;
    }

    Path pending() {
        return pending;
    }
}
