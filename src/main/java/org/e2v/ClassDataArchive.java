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
 * Class-data sharing for the workbench's JVM (decision 0123). Preferred: the static archive
 * {@code mvn package} dumps beside the jar from the shipped class list ({@code target/e2v.jsa}), so
 * even the first start maps ~6,500 classes of the JDK, JavaFX, Jackson and e2v instead of loading
 * and verifying them from jars. Without it (or when the JVM refused it, which the child reports
 * with a marker file), a dynamic archive: the first start records the classes it loaded
 * ({@code -XX:ArchiveClassesAtExit}), later starts map them.
 *
 * <p>The archive is named by a hash of the Java runtime and every class-path entry's path, size
 * and modification time, so a rebuilt jar or another JDK gets a new archive rather than a stale
 * one (the JVM would refuse a stale one anyway, with a warning). It is written under a temporary
 * name by the child JVM at exit and moved into place by the launcher only after a clean exit, so a
 * crash never leaves a half-written archive. {@code E2V_NO_CDS=1} or {@code -De2v.noCds=true}
 * turns it off.
 */
final class ClassDataArchive {
    /** Environment variable naming the marker file the child writes when the build's archive was refused. */
    static final String CHECK_ENV = "E2V_CDS_CHECK";
    private final Path archive;
    private final Path pending;
    private final Path buildArchive;
    private final Path rejectedMarker;

    private ClassDataArchive(Path archive, Path pending, Path buildArchive, Path rejectedMarker) {
        this.archive = archive;
        this.pending = pending;
        this.buildArchive = buildArchive;
        this.rejectedMarker = rejectedMarker;
    }

    /** The archive for this runtime and class path in {@code folder}, or null when switched off. */
    static ClassDataArchive forClassPath(Path folder, String javaHome, String javaVersion, String classPath, long pid) {
        if (System.getenv("E2V_NO_CDS") != null || Boolean.getBoolean("e2v.noCds") || classPath == null || classPath.isBlank()) {
            return null;
        }
        List<String> entries = List.of(classPath.split(File.pathSeparator));
        String key = key(javaHome, javaVersion, entries);
        Path archive = folder.resolve("e2v-" + key + ".jsa");
        return new ClassDataArchive(archive, folder.resolve("e2v-" + key + "." + pid + ".jsa.tmp"),
                buildArchiveBeside(entries.get(0)), folder.resolve("build-archive-refused-" + key));
    }

    /**
     * The archive {@code mvn package} dumps beside the jar ({@code e2v.jar} -> {@code e2v.jsa}),
     * when it exists and is not older than the jar; else null.
     */
    static Path buildArchiveBeside(String firstClassPathEntry) {
        if (!firstClassPathEntry.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(firstClassPathEntry);
        Path jsa = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        try {
            if (Files.isRegularFile(jsa) && Files.isRegularFile(jar)
                    && Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return jsa;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Whether the child maps the build's archive (present, and not refused by an earlier start). */
    boolean usesBuildArchive() {
        return buildArchive != null && !Files.exists(rejectedMarker);
    }

    /** Environment for the child: where to report a refused build archive. */
    java.util.Map<String, String> childEnvironment() {
        return usesBuildArchive() ? java.util.Map.of(CHECK_ENV, rejectedMarker.toString()) : java.util.Map.of();
    }

    /**
     * In the child: when the launcher gave it the build's archive ({@code markerPath} set) but the
     * JVM runs without sharing ({@code vmInfo} lacks "sharing": another JDK, a moved class path),
     * leave a marker so that later starts record an archive of their own instead.
     *
     * @return whether the marker was written
     */
    static boolean reportIfNotMapped(String markerPath, String vmInfo) {
        if (markerPath == null || markerPath.isBlank() || (vmInfo != null && vmInfo.contains("sharing"))) {
            return false;
        }
        try {
            Path marker = Path.of(markerPath);
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "the build's class-data archive was refused by " + vmInfo + "\n");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
        if (usesBuildArchive()) {
            return List.of("-XX:SharedArchiveFile=" + buildArchive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
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
