package org.e2v.experiment.run;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.e2v.common.AtomicFiles;

/**
 * Writes NumPy {@code .npy} files (format 1.0, little-endian float32, C order) so embeddings and
 * prototypes open directly with {@code numpy.load}.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    /** Writes a rows x cols float32 matrix; every row must have the same length. */
    public static void write(Path file, float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            }
        }
        AtomicFiles.writeBytes(file, encode(rows, cols));
    }

    static byte[] encode(float[][] rows, int cols) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + cols + "), }";
        // Header: magic (6) + version (2) + length (2) + dict padded with spaces and '\n' to a multiple of 64.
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        StringBuilder header = new StringBuilder(dict);
        header.append(" ".repeat(padded - unpadded)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.allocate(rows.length * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                data.putFloat(v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(padded + data.capacity());
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(h.length & 0xff);
        out.write((h.length >>> 8) & 0xff);
        out.writeBytes(h);
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
