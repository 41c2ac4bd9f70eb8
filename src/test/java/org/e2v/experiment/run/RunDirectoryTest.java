package org.e2v.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void runFoldersAreNeverReused() {
        LocalDateTime t = LocalDateTime.of(2026, 11, 24, 10, 30, 5);
        RunDirectory a = RunDirectory.create(dir, "demo task/1", t);
        RunDirectory b = RunDirectory.create(dir, "demo task/1", t);
        assertThat(a.path().getFileName().toString()).isEqualTo("demo-task-1-20261124-103005");
        assertThat(b.path().getFileName().toString()).isEqualTo("demo-task-1-20261124-103005-1");
    }

    @Test
    void csvFieldsWithCommasQuotesAndNewlinesAreQuoted() throws IOException {
        RunDirectory run = RunDirectory.create(dir, "x", LocalDateTime.now());
        run.writeCsv("p.csv", List.of("id", "text"), List.of(List.of("a", "he said \"hi\", then\nleft"), List.of("b", 3)));
        assertThat(Files.readString(run.resolve("p.csv")))
                .isEqualTo("id,text\na,\"he said \"\"hi\"\", then\nleft\"\nb,3\n");
    }

    @Test
    void npyHeaderIsAlignedAndDataIsLittleEndianFloat32() throws IOException {
        Path f = dir.resolve("e.npy");
        NpyWriter.write(f, new float[][] {{1f, -2.5f, 3f}, {4f, 5f, 6.25f}});
        byte[] b = Files.readAllBytes(f);
        assertThat(b[0] & 0xff).isEqualTo(0x93);
        assertThat(new String(b, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLen = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'").contains("'shape': (2, 3)").endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.length - 10 - headerLen).isEqualTo(24);
        assertThat(data.getFloat()).isEqualTo(1f);
        assertThat(data.getFloat()).isEqualTo(-2.5f);
        data.position(data.position() + 12);
        assertThat(data.getFloat()).isEqualTo(6.25f);
    }
}
