package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.audio.SampleFormat;
import org.e2v.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad user files through the real command line: exit code 2 and a message naming the file, no stack trace. */
class BadInputCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int e2v(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runWithAnUnknownTaskKeyExitsTwoNamingFileAndKey() throws Exception {
        Path task = Files.writeString(dir.resolve("my task.yaml"), "name: x\npretrain:\n  trainig:\n    epochs: 3\n");
        assertThat(e2v("run", task.toString(), "--out", dir.resolve("runs").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("my task.yaml").contains("unknown key 'trainig'").doesNotContain("\tat ");
    }

    @Test
    void runWithAMarginOutOfRangeAndAMissingCorpusExitsTwo() throws Exception {
        Path task = Files.writeString(dir.resolve("t.yaml"), "name: x\ncorpus:\n  path: " + dir.resolve("nowhere")
                + "\n  format: manifest\n");
        assertThat(e2v("run", task.toString(), "--out", dir.resolve("runs").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nowhere").doesNotContain("\tat ");
    }

    @Test
    void corpusListsEveryDamagedWavFileAsAProblem() throws Exception {
        Path root = Files.createDirectories(dir.resolve("corpus").resolve("angry"));
        Files.write(root.resolve("empty.wav"), new byte[0]);
        Files.write(root.resolve("not-audio.wav"), "hello, this is text".getBytes());
        byte[] good = wav(root.resolve("tmp.wav"));
        Files.delete(root.resolve("tmp.wav"));
        Files.write(root.resolve("truncated.wav"), java.util.Arrays.copyOf(good, 30));
        Path nanFile = root.resolve("nan-\u00e9t\u00e9.wav");
        WavWriter.write(nanFile, new float[][] {new float[1600]}, 16_000, SampleFormat.FLOAT_32);
        byte[] f = Files.readAllBytes(nanFile);
        int data = new String(f, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("data") + 8;
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putFloat(data + 4 * 800, Float.NaN);
        Files.write(nanFile, f);
        int code = e2v("corpus", root.getParent().toString());
        String all = out + "\n" + err;
        assertThat(all).doesNotContain("\tat ").doesNotContain("internal error");
        // the NaN file has a sound header (its samples are checked when decoded), so one usable
        // utterance remains and the corpus loads, listing the three damaged files as problems
        assertThat(code).as(all).isZero();
        assertThat(all).contains("empty.wav").contains("not-audio.wav").contains("truncated.wav");
    }

    private static byte[] wav(Path file) throws Exception {
        float[] tone = new float[1600];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(i * 0.1);
        }
        WavWriter.write16kMono(file, tone);
        byte[] b = Files.readAllBytes(file);
        assertThat(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(24)).isEqualTo(16_000);
        return b;
    }
}
