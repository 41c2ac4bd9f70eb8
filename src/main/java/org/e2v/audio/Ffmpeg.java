package org.e2v.audio;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Locates the system's ffmpeg. e2v never downloads ffmpeg (TarsosDSP's pipe decoder would try to):
 * formats other than WAV need it installed ({@code apt-get install ffmpeg}).
 */
public final class Ffmpeg {
    private Ffmpeg() {
    }

    /** The ffmpeg executable: system property {@code e2v.ffmpeg}, else the first on PATH. */
    public static Optional<Path> find() {
        String prop = System.getProperty("e2v.ffmpeg");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The ffprobe executable beside the ffmpeg that {@link #find()} returns (Debian's ffmpeg package
     * ships both), else the first on PATH when ffmpeg itself came from PATH.
     */
    public static Optional<Path> findProbe() {
        Optional<Path> ffmpeg = find();
        if (ffmpeg.isEmpty()) {
            return Optional.empty();
        }
        Path dir = ffmpeg.get().toAbsolutePath().getParent();
        String name = ffmpeg.get().getFileName().toString().replace("ffmpeg", "ffprobe");
        Path sibling = dir == null ? null : dir.resolve(name);
        if (sibling != null && !sibling.equals(ffmpeg.get().toAbsolutePath()) && Files.isExecutable(sibling)
                && !Files.isDirectory(sibling)) {
            return Optional.of(sibling);
        }
        return Optional.empty();
    }

    /** The message for a file that needs ffmpeg when none is installed. */
    public static String missingMessage(String formatName) {
        return formatName + " needs ffmpeg; install it with: apt-get install ffmpeg";
    }

    /** The first line of {@code ffmpeg -version}, or empty when ffmpeg is missing or broken. */
    public static Optional<String> versionLine() {
        Optional<Path> exe = find();
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(exe.get().toString(), "-hide_banner", "-version")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return p.exitValue() == 0 && !text.isEmpty() ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
