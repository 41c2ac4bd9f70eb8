package org.e2v.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.e2v.common.InputException;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Non-WAV formats through the system ffmpeg; fixtures are made by ffmpeg itself at test time. */
class FfmpegDecodingTest {
    @TempDir
    Path dir;

    private static final double SECONDS = 1.5;

    /** Encodes a 1.5 s 440 Hz sine (amplitude 1/8, ffmpeg's default) at 44.1 kHz stereo with the given codec. */
    private Path fixture(String name, String... codecArgs) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(Ffmpeg.find().orElseThrow().toString(), "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + SECONDS, "-ac", "2"));
        cmd.addAll(List.of(codecArgs));
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone.flac, -c:a flac, 0.002", "tone.mp3, -c:a libmp3lame -b:a 128k, 0.08",
        "tone.m4a, -c:a aac -b:a 128k, 0.08", "tone.ogg, -c:a libvorbis, 0.08",
        "adpcm.wav, -c:a adpcm_ms, 0.05"})
    // Lossy codecs and ADPCM pad to whole frames/blocks, hence the per-format duration slack.
    void compressedFormatsDecodeToThe440HzToneAt16k(String name, String codec, double durationSlackSeconds)
            throws Exception {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg not installed");
        Path f = fixture(name, codec.split(" "));

        AudioClip clip = AudioFiles.load(f);

        assertThat(clip.sampleRateHz()).isEqualTo(16_000);
        assertThat(clip.durationSeconds()).isCloseTo(SECONDS, within(durationSlackSeconds + 0.001));
        assertThat(Signals.dominantHz(clip.samples(), 4_000, 16_000, 16_000, 100, 2_000, 5)).isEqualTo(440.0);
        assertThat(Signals.toneAmplitude(clip.samples(), 4_000, 16_000, 440, 16_000)).isCloseTo(0.125, within(0.01));
    }

    @Test
    void probeReportsRateChannelsAndDuration() throws Exception {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg not installed");
        Path f = fixture("tone.flac", "-c:a", "flac");

        AudioInfo info = AudioFiles.probe(f);

        assertThat(info.format()).isEqualTo("ffmpeg flac");
        assertThat(info.sampleRateHz()).isEqualTo(44_100);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.bitsPerSample()).isEqualTo(16);
        assertThat(info.durationSeconds()).isCloseTo(SECONDS, within(1e-3));
        assertThat(info.frames()).isEqualTo(66_150);
    }

    @Test
    void segmentOfAFlacFileIsCutByFfmpeg() throws Exception {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg not installed");
        Path f = fixture("tone.flac", "-c:a", "flac");

        AudioClip part = AudioFiles.load(f, new Segment(0.5, 1.0));

        assertThat(part.samples()).hasSize(8_000);
        assertThat(Signals.toneAmplitude(part.samples(), 400, 6_400, 440, 16_000)).isCloseTo(0.125, within(0.002));
    }

    @Test
    void textFileIsReportedWithFfmpegsReason() throws Exception {
        assumeTrue(Ffmpeg.find().isPresent(), "ffmpeg not installed");
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "just some words, no audio here\n".repeat(20));

        InputException e = assertThrows(InputException.class, () -> AudioFiles.load(f));

        assertThat(e.file()).isEqualTo(f);
        assertThat(e.problem()).startsWith("TXT audio could not be decoded by ffmpeg: ")
                .doesNotContain(f.toAbsolutePath().toString());
    }

    @Test
    void missingFfmpegGivesTheInstallCommand() throws IOException {
        Path f = dir.resolve("song.flac");
        Files.write(f, new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 34});
        String old = System.getProperty("e2v.ffmpeg");
        System.setProperty("e2v.ffmpeg", dir.resolve("does/not/exist/ffmpeg").toString());
        try {
            assertThat(Ffmpeg.find()).isEmpty();
            assertThat(Ffmpeg.versionLine()).isEmpty();
            InputException e = assertThrows(InputException.class, () -> AudioFiles.load(f));
            assertThat(e.getMessage()).isEqualTo(f + ": FLAC needs ffmpeg; install it with: apt-get install ffmpeg");
            assertThat(assertThrows(InputException.class, () -> AudioFiles.probe(f)).problem())
                    .isEqualTo("FLAC needs ffmpeg; install it with: apt-get install ffmpeg");
        } finally {
            WavDecodingTest.restore(old);
        }
    }

    @Test
    void ffmpegErrorTextReachesTheMessage() throws IOException {
        Path fake = script("fake-ffmpeg", "echo \"$0: Invalid data found when processing input\" >&2\nexit 1\n");
        Path f = dir.resolve("x.mp3");
        Files.write(f, new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0});
        String old = System.getProperty("e2v.ffmpeg");
        System.setProperty("e2v.ffmpeg", fake.toString());
        try {
            assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                    .startsWith("MP3 could not be decoded by ffmpeg: ")
                    .endsWith("Invalid data found when processing input");
        } finally {
            WavDecodingTest.restore(old);
        }
    }

    @Test
    void hangingFfmpegIsKilledAtTheTimeout() throws IOException {
        Path fake = script("slow-ffmpeg", "exec sleep 30\n");
        Path f = dir.resolve("x.ogg");
        Files.write(f, new byte[] {'O', 'g', 'g', 'S', 0, 2});
        String old = System.getProperty("e2v.ffmpeg");
        System.setProperty("e2v.ffmpeg", fake.toString());
        System.setProperty("e2v.ffmpeg.timeoutSeconds", "1");
        try {
            long t0 = System.nanoTime();
            assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                    .startsWith("ffmpeg did not finish within 1 s");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        } finally {
            WavDecodingTest.restore(old);
            System.clearProperty("e2v.ffmpeg.timeoutSeconds");
        }
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
