package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.audio.AudioFiles;
import org.e2v.audio.CaptureLine;
import org.e2v.common.E2vException;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Corpus;
import org.e2v.domain.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCommandTest {
    @TempDir
    Path dir;

    /** Two seconds of a 0.25-amplitude 500 Hz sine, then nothing. */
    private static CaptureLine sine() {
        return new CaptureLine() {
            private int pos;

            @Override
            public void start() {
            }

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int n = Math.min(length / 2, 32_000 - pos);
                for (int i = 0; i < n; i++, pos++) {
                    int v = (int) Math.round(0.25 * 32767 * Math.sin(2 * Math.PI * 500 * pos / 16_000.0));
                    buffer[offset + 2 * i] = (byte) v;
                    buffer[offset + 2 * i + 1] = (byte) (v >> 8);
                }
                return 2 * n;
            }

            @Override
            public void stop() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void recordsTheRequestedSecondsAndListsTheLabelledFileInTheManifestBesideIt() throws Exception {
        RecordCommand command = new RecordCommand();
        command.source = RecordCommandTest::sine;
        CommandRunner runner = new CommandRunner();
        Path out = dir.resolve("takes/happy-1.wav");
        Files.createDirectories(out.getParent());
        int code = runner.run(command, "--seconds", "0.5", "--out", out.toString(), "--label", "Happy",
                "--speaker", "kim", "--split", "test", "--quiet");
        assertThat(code).as(runner.err.toString()).isZero();
        assertThat(AudioFiles.load(out, null).samples().length).isEqualTo(8_000);
        String json = runner.out.toString();
        assertThat(json).contains("\"seconds\" : 0.5", "\"samples\" : 8000", "\"clipped\" : false", "\"id\" : \"happy-1\"");
        // a 0.25 sine peaks at 20 log10(0.25) = -12.0 dBFS
        assertThat(json).contains("\"peak_dbfs\" : -12.0");
        Corpus c = CorpusLoaders.load(dir.resolve("takes/manifest.csv"), "manifest", LoaderOptions.defaults());
        assertThat(c.utterances()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("happy-1");
            assertThat(u.label().name()).isEqualTo("happy");
            assertThat(u.speaker().id()).isEqualTo("kim");
            assertThat(u.split()).isEqualTo(Split.TEST);
        });
        assertThat(runner.err.toString()).isEmpty();
    }

    @Test
    void withoutAMicrophoneItExitsWithTheClearMessage() {
        RecordCommand command = new RecordCommand();
        command.source = () -> {
            throw new E2vException("no microphone found: the system has no audio input that records 16 kHz 16-bit mono");
        };
        CommandRunner runner = new CommandRunner();
        Path out = dir.resolve("x.wav");
        int code = runner.run(command, "--seconds", "1", "--out", out.toString());
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(runner.err.toString()).isEqualTo("e2v: no microphone found: the system has no audio input that "
                + "records 16 kHz 16-bit mono" + System.lineSeparator());
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void refusesToReplaceAFileOrRecordNonsenseDurations() throws Exception {
        Path existing = Files.writeString(dir.resolve("there.wav"), "x");
        CommandRunner runner = new CommandRunner();
        RecordCommand command = new RecordCommand();
        command.source = RecordCommandTest::sine;
        assertThat(runner.run(command, "--seconds", "1", "--out", existing.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(runner.err.toString()).contains("already exists");
        assertThat(new CommandRunner().run(new RecordCommand(), "--seconds", "0", "--out", dir.resolve("a.wav").toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
    }
}
