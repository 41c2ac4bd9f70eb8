package org.e2v.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between native arrays and Java {@code double[]} for the loops that run in Java
 * ({@link GruBptt}'s gates, {@link RowKernels}' row-wise layer norm and softmax): one native
 * memcpy each way instead of one ND4J call per elementwise step. Float arrays go through a float
 * staging buffer kept here. The arrays' own pointers are never moved (each copy works on a
 * positioned duplicate), so two {@code HostCopy}s on two threads may read one buffer at once.
 * One owner, one thread.
 */
final class HostCopy {
    private float[] stage = new float[0];

    /** Copies the first {@code count} elements of {@code src} (in c order) into {@code dst}. */
    void read(INDArray src, double[] dst, int count) {
        read(src, dst, 0, count);
    }

    /** Copies the first {@code count} elements of {@code src} (in c order) into {@code dst[at..]}. */
    void read(INDArray src, double[] dst, int at, int count) {
        Pointer p = src.data().pointer();
        if (isContiguous(src) && (p instanceof DoublePointer || p instanceof FloatPointer)) {
            readRange(src, 0, dst, at, count);
        } else {
            INDArray copy = src.dup('c');
            double[] all = copy.data().asDouble();
            copy.close();
            System.arraycopy(all, 0, dst, at, count);
        }
    }

    /**
     * Copies elements {@code [from, from + count)} of a contiguous c-ordered array (positions in c
     * order from its first element) into {@code dst[at..]}.
     */
    void readRange(INDArray src, long from, double[] dst, int at, int count) {
        if (contiguous(src).data().pointer() instanceof DoublePointer) {
            doublesAt(src, from).get(dst, at, count);
        } else {
            float[] tmp = stage(count);
            readRange(src, from, tmp, count);
            for (int i = 0; i < count; i++) {
                dst[at + i] = tmp[i];
            }
        }
    }

    /** Copies {@code src[at, at + count)} into elements {@code [from, from + count)} of a contiguous c-ordered array. */
    void writeRange(double[] src, int at, INDArray dst, long from, int count) {
        if (contiguous(dst).data().pointer() instanceof DoublePointer) {
            doublesAt(dst, from).put(src, at, count);
        } else {
            float[] tmp = stage(count);
            for (int i = 0; i < count; i++) {
                tmp[i] = (float) src[at + i];
            }
            writeRange(tmp, dst, from, count);
        }
    }

    /** As {@link #readRange} for float arrays into a float buffer (no widening). */
    static void readRange(INDArray src, long from, float[] dst, int count) {
        floatsAt(src, from).get(dst, 0, count);
    }

    /** As {@link #writeRange} for float arrays from a float buffer. */
    static void writeRange(float[] src, INDArray dst, long from, int count) {
        floatsAt(dst, from).put(src, 0, count);
    }

    /**
     * A duplicate of a contiguous float array's pointer positioned at element {@code from}: the
     * array's own pointer never moves, so threads (and native calls) may share the array.
     */
    static FloatPointer floatsAt(INDArray a, long from) {
        if (contiguous(a).data().pointer() instanceof FloatPointer fp) {
            return new FloatPointer(fp).position(a.offset() + from);
        }
        throw new IllegalArgumentException("unsupported data type " + a.dataType() + " (float or double expected)");
    }

    /** {@link #floatsAt} or {@link #doublesAt}, whichever the array's type needs. */
    static Pointer pointerAt(INDArray a, long from) {
        return a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? doublesAt(a, from) : floatsAt(a, from);
    }

    /** As {@link #floatsAt} for a double array. */
    static DoublePointer doublesAt(INDArray a, long from) {
        if (contiguous(a).data().pointer() instanceof DoublePointer dp) {
            return new DoublePointer(dp).position(a.offset() + from);
        }
        throw new IllegalArgumentException("unsupported data type " + a.dataType() + " (float or double expected)");
    }

    /** Whether the array's elements lie one after the other in c order (range copies need that). */
    static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1;
    }

    private static INDArray contiguous(INDArray a) {
        if (!isContiguous(a)) {
            throw new IllegalArgumentException("range copies need a contiguous c-ordered array");
        }
        return a;
    }

    /**
     * Reads a contiguous c-ordered {@code [B*T, width]} array whose rows are batch-major (row
     * {@code i*T + s} = item i, step s) into {@code dst} time-major (row {@code s*B + i}): the
     * recurrences walk time steps, and a step's rows spread over the whole batch-major array
     * (40 short streams 460 KB apart at paper sizes) read three to four times slower than one
     * contiguous block (decision 0140).
     */
    void readTimeMajor(INDArray src, double[] dst, int b, int t, int width) {
        checkRows(src, b, t, width);
        if (contiguous(src).data().pointer() instanceof DoublePointer) {
            DoublePointer p = doublesAt(src, 0);
            long base = p.position();
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    p.position(base + (long) (i * t + s) * width).get(dst, (s * b + i) * width, width);
                }
            }
        } else {
            FloatPointer p = floatsAt(src, 0);
            long base = p.position();
            float[] row = stage(width);
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    p.position(base + (long) (i * t + s) * width).get(row, 0, width);
                    int o = (s * b + i) * width;
                    for (int j = 0; j < width; j++) {
                        dst[o + j] = row[j];
                    }
                }
            }
        }
    }

    /** The inverse of {@link #readTimeMajor}: time-major rows of {@code src} into a batch-major {@code [B*T, width]} array. */
    void writeBatchMajor(double[] src, INDArray dst, int b, int t, int width) {
        checkRows(dst, b, t, width);
        if (contiguous(dst).data().pointer() instanceof DoublePointer) {
            DoublePointer p = doublesAt(dst, 0);
            long base = p.position();
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    p.position(base + (long) (i * t + s) * width).put(src, (s * b + i) * width, width);
                }
            }
        } else {
            FloatPointer p = floatsAt(dst, 0);
            long base = p.position();
            float[] row = stage(width);
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    int o = (s * b + i) * width;
                    for (int j = 0; j < width; j++) {
                        row[j] = (float) src[o + j];
                    }
                    p.position(base + (long) (i * t + s) * width).put(row, 0, width);
                }
            }
        }
    }

    private static void checkRows(INDArray a, int b, int t, int width) {
        if (a.length() != (long) b * t * width) {
            throw new IllegalArgumentException("array of " + a.length() + " elements is not " + b + " x " + t + " rows of "
                    + width);
        }
    }

    /** Copies {@code count} values from {@code src[from..]} into the first elements of a contiguous c-ordered array. */
    void write(double[] src, int from, INDArray dst, int count) {
        writeRange(src, from, dst, 0, count);
    }

    void write(double[] src, INDArray dst, int count) {
        write(src, 0, dst, count);
    }

    private float[] stage(int count) {
        if (stage.length < count) {
            stage = new float[count];
        }
        return stage;
    }
}
