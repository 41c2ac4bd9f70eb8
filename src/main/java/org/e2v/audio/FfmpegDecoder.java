package org.e2v.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.e2v.common.InputException;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Segment;

/**
 * Decodes non-WAV audio (FLAC, Ogg, MP3, MP4/M4A, ...) through the system's ffmpeg, streaming its
 * 32-bit float output from stdout ({@code -f f32le -ac 1 -ar 16000}). ffmpeg's diagnostics go to a
 * temporary file rather than a pipe, so no reader thread is needed and a chatty ffmpeg cannot block;
 * a watchdog kills a process that runs past the timeout (system property
 * {@code e2v.ffmpeg.timeoutSeconds}, default {@value #DEFAULT_TIMEOUT_SECONDS} s).
 */
final class FfmpegDecoder {
    static final long DEFAULT_TIMEOUT_SECONDS = 600;
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern AUDIO = Pattern.compile(
            "Audio: ([\\w-]+)[^,]*, (\\d+) Hz, ([^,]+)");

    private FfmpegDecoder() {
    }

    static long timeoutSeconds() {
        String prop = System.getProperty("e2v.ffmpeg.timeoutSeconds");
        if (prop == null || prop.isBlank()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            return Math.max(1, Long.parseLong(prop.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
    }

    /** Decodes {@code segment} (null = all) of {@code file}, described as {@code formatName} in errors. */
    static AudioClip decode(Path file, Segment segment, String formatName) {
        Path exe = Ffmpeg.find().orElseThrow(() -> new InputException(file, Ffmpeg.missingMessage(formatName)));
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-nostdin", "-hide_banner", "-v", "error"));
        if (segment != null) {
            cmd.addAll(List.of("-ss", seconds(segment.startSeconds())));
        }
        cmd.addAll(List.of("-i", file.toAbsolutePath().toString()));
        if (segment != null) {
            cmd.addAll(List.of("-t", seconds(segment.durationSeconds())));
        }
        cmd.addAll(List.of("-map", "0:a:0", "-vn", "-f", "f32le", "-ac", "1",
                "-ar", Integer.toString(AudioFiles.TARGET_RATE_HZ), "-"));
        Run run = run(file, cmd, true);
        if (run.exitCode != 0) {
            throw new InputException(file, formatName + " could not be decoded by ffmpeg: " + run.errorText(file));
        }
        if (run.samples.length == 0) {
            throw new InputException(file, segment == null ? "contains no audio samples"
                    : "segment " + segment.startSeconds() + "-" + segment.endSeconds()
                    + " s lies outside the recording");
        }
        return new AudioClip(run.samples, AudioFiles.TARGET_RATE_HZ);
    }

    /** Rate, channels and duration from ffprobe (or from {@code ffmpeg -i} when ffprobe is absent). */
    static AudioInfo probe(Path file, String formatName) {
        Path exe = Ffmpeg.find().orElseThrow(() -> new InputException(file, Ffmpeg.missingMessage(formatName)));
        var probe = Ffmpeg.findProbe();
        if (probe.isPresent()) {
            Run run = run(file, List.of(probe.get().toString(), "-v", "error", "-select_streams", "a:0",
                    "-show_entries", "stream=codec_name,sample_rate,channels,bits_per_raw_sample,bits_per_sample,"
                            + "duration:format=duration",
                    "-of", "default=noprint_wrappers=1", file.toAbsolutePath().toString()), false);
            if (run.exitCode != 0) {
                throw new InputException(file, formatName + " could not be read by ffprobe: " + run.errorText(file));
            }
            Map<String, String> kv = new HashMap<>();
            double duration = Double.NaN; // the stream's, else the container's (ffprobe prints both as "duration")
            for (String line : run.stdoutText.split("\\R")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    String key = line.substring(0, eq).strip();
                    String value = line.substring(eq + 1).strip();
                    kv.putIfAbsent(key, value);
                    if (key.equals("duration") && Double.isNaN(duration)) {
                        duration = parseDouble(value);
                    }
                }
            }
            if (!kv.containsKey("sample_rate")) {
                throw new InputException(file, "has no audio stream");
            }
            int rate = parseInt(kv.get("sample_rate"));
            int bits = Math.max(parseInt(kv.get("bits_per_raw_sample")), parseInt(kv.get("bits_per_sample")));
            return info(file, "ffmpeg " + kv.getOrDefault("codec_name", "unknown"), rate,
                    parseInt(kv.get("channels")), bits, duration);
        }
        Run run = run(file, List.of(exe.toString(), "-nostdin", "-hide_banner", "-i",
                file.toAbsolutePath().toString()), false);
        String text = run.stderrText;
        Matcher audio = AUDIO.matcher(text);
        if (!audio.find()) {
            throw new InputException(file, formatName + " could not be read by ffmpeg: " + run.errorText(file));
        }
        String layout = audio.group(3).strip();
        int channels = switch (layout) {
            case "mono" -> 1;
            case "stereo" -> 2;
            default -> layout.matches("\\d+ channels") ? Integer.parseInt(layout.split(" ")[0]) : 0;
        };
        double duration = Double.NaN;
        Matcher d = DURATION.matcher(text);
        if (d.find()) {
            duration = Integer.parseInt(d.group(1)) * 3600.0 + Integer.parseInt(d.group(2)) * 60.0
                    + Double.parseDouble(d.group(3));
        }
        return info(file, "ffmpeg " + audio.group(1), Integer.parseInt(audio.group(2)), channels, 0, duration);
    }

    private static AudioInfo info(Path file, String format, int rate, int channels, int bits, double duration) {
        long frames = Double.isNaN(duration) || rate <= 0 ? -1 : Math.round(duration * rate);
        return new AudioInfo(file, format, rate, channels, bits, frames, duration);
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    /** Outcome of one ffmpeg/ffprobe process. */
    private static final class Run {
        int exitCode;
        float[] samples = new float[0];
        String stdoutText = "";
        String stderrText = "";

        /** ffmpeg's own message, without the file path it repeats, at most a few lines. */
        String errorText(Path file) {
            String text = stderrText.replace(file.toAbsolutePath().toString() + ": ", "")
                    .replace(file.toAbsolutePath().toString(), "<file>").strip();
            if (text.isEmpty()) {
                return "exit code " + exitCode;
            }
            String[] lines = text.split("\\R");
            return String.join("; ", Arrays.copyOf(lines, Math.min(lines.length, 4)));
        }
    }

    /** Runs a process; stdout is decoded as f32le samples when {@code pcm}, else kept as text. */
    private static Run run(Path file, List<String> cmd, boolean pcm) {
        long timeout = timeoutSeconds();
        Path errFile = null;
        Process p = null;
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = null;
        try {
            errFile = Files.createTempFile("e2v-ffmpeg-", ".log");
            p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            Process proc = p;
            watchdog = CompletableFuture.runAsync(() -> {
                if (proc.isAlive()) {
                    timedOut.set(true);
                    proc.destroyForcibly();
                }
            }, CompletableFuture.delayedExecutor(timeout, TimeUnit.SECONDS));
            Run run = new Run();
            try (InputStream in = p.getInputStream()) {
                if (pcm) {
                    run.samples = readFloats(file, in);
                } else {
                    run.stdoutText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
                timedOut.set(true);
                p.destroyForcibly();
            }
            if (timedOut.get()) {
                throw new InputException(file, "ffmpeg did not finish within " + timeout
                        + " s (set -De2v.ffmpeg.timeoutSeconds=... for very long files)");
            }
            run.exitCode = p.exitValue();
            run.stderrText = Files.readString(errFile, StandardCharsets.UTF_8);
            return run;
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new InputException(file, "ffmpeg did not finish within " + timeout + " s", e);
            }
            throw new InputException(file, "could not run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(file, "decoding was interrupted", e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException ignored) {
                    // a leftover log in the temp directory is harmless
                }
            }
        }
    }

    private static float[] readFloats(Path file, InputStream in) throws IOException {
        byte[] bytes = new byte[1 << 16];
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[1 << 16];
        int n = 0;
        int carry = 0; // bytes of an incomplete float kept from the previous read
        while (true) {
            int r = in.read(bytes, carry, bytes.length - carry);
            if (r < 0) {
                break;
            }
            int have = carry + r;
            int floats = have / 4;
            if (n + floats > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + floats));
            }
            for (int i = 0; i < floats; i++) {
                float v = view.getFloat(4 * i);
                if (!Float.isFinite(v)) {
                    throw new InputException(file, String.format(Locale.ROOT,
                            "decodes to a non-finite sample at %.4f s", (n + i) / (double) AudioFiles.TARGET_RATE_HZ));
                }
                out[n + i] = Math.max(-1f, Math.min(1f, v));
            }
            n += floats;
            carry = have - floats * 4;
            System.arraycopy(bytes, floats * 4, bytes, 0, carry);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
