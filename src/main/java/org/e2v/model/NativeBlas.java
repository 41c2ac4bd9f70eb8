package org.e2v.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small matrix products as direct OpenBLAS calls (decision 0135). The GRU recurrences multiply by
 * W_h once per time step: 75 products per utterance or episode. Through ND4J each call costs about
 * 100 us of dispatch, more than the arithmetic of a [40, 256] x [256, 768] product and far more than
 * that of the single utterance's [256] x [256, 768] (75 of them: 7-9 ms through ND4J, 3.7-5 ms as
 * Java loops, 0.7-0.9 ms as direct gemv calls).
 *
 * <p>OpenBLAS is reached through the JavaCPP preset that ND4J's CPU backend itself loads, looked up
 * reflectively: the CUDA build has no such classes (and device arrays no host pointer), so there
 * {@link #gemm} goes through ND4J and {@link #gemv} returns null (callers keep their Java loop).
 */
final class NativeBlas implements AutoCloseable {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final MethodHandle SGEMV;
    private static final MethodHandle DGEMV;
    private static final MethodHandle SGEMM;
    private static final MethodHandle DGEMM;

    static {
        MethodHandle s = null;
        MethodHandle d = null;
        MethodHandle sm = null;
        MethodHandle dm = null;
        try {
            if (Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu")) {
                Class<?> blas = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                s = lookup.findStatic(blas, "cblas_sgemv", MethodType.methodType(void.class, int.class, int.class,
                        int.class, int.class, float.class, FloatPointer.class, int.class, FloatPointer.class, int.class,
                        float.class, FloatPointer.class, int.class));
                d = lookup.findStatic(blas, "cblas_dgemv", MethodType.methodType(void.class, int.class, int.class,
                        int.class, int.class, double.class, DoublePointer.class, int.class, DoublePointer.class,
                        int.class, double.class, DoublePointer.class, int.class));
                sm = lookup.findStatic(blas, "cblas_sgemm", MethodType.methodType(void.class, int.class, int.class,
                        int.class, int.class, int.class, int.class, float.class, FloatPointer.class, int.class,
                        FloatPointer.class, int.class, float.class, FloatPointer.class, int.class));
                dm = lookup.findStatic(blas, "cblas_dgemm", MethodType.methodType(void.class, int.class, int.class,
                        int.class, int.class, int.class, int.class, double.class, DoublePointer.class, int.class,
                        DoublePointer.class, int.class, double.class, DoublePointer.class, int.class));
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            s = null;
            d = null;
            sm = null;
            dm = null;
        }
        SGEMV = s;
        DGEMV = d;
        SGEMM = sm;
        DGEMM = dm;
    }

    private final int k;
    private final int n;
    private final boolean single;
    private final Pointer w;
    private final Pointer in;
    private final Pointer out;
    private final float[] stage;

    private NativeBlas(INDArray matrix, boolean single) {
        this.k = (int) matrix.size(0);
        this.n = (int) matrix.size(1);
        this.single = single;
        if (single) {
            w = HostCopy.floatsAt(matrix, 0);
            in = new FloatPointer(k);
            out = new FloatPointer(n);
        } else {
            w = HostCopy.doublesAt(matrix, 0);
            in = new DoublePointer(k);
            out = new DoublePointer(n);
        }
        stage = new float[Math.max(k, n)];
    }

    /** Whether OpenBLAS is reachable here (the CPU backend). */
    static boolean available() {
        return SGEMV != null && DGEMV != null && SGEMM != null && DGEMM != null;
    }

    /**
     * Vector products with {@code matrix} ([K, N], float or double, contiguous c order; it must stay
     * open and unchanged while this is used), or null where OpenBLAS cannot be reached.
     */
    static NativeBlas gemv(INDArray matrix) {
        if (!available() || !plain(matrix)) {
            return null;
        }
        return new NativeBlas(matrix, matrix.dataType() == DataType.FLOAT);
    }

    /** {@code c = a' b'}: {@link #gemm(INDArray, INDArray, INDArray, boolean, boolean, double)} with beta 0. */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        gemm(a, b, c, transA, transB, 0);
    }

    /**
     * {@code c = a' b' + beta c} (' = transposed where asked) for rank-2 arrays; one OpenBLAS call
     * when all three are contiguous c-ordered arrays of one type (float or double), else
     * {@code Nd4j.gemm}.
     */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double beta) {
        DataType dt = c.dataType();
        if (!available() || !plain(a) || !plain(b) || !plain(c) || a.dataType() != dt || b.dataType() != dt) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, beta);
            return;
        }
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(0) : b.size(1)) != n
                || (transB ? b.size(1) : b.size(0)) != k) {
            throw new IllegalArgumentException("gemm shapes do not fit: " + java.util.Arrays.toString(a.shape()) + " x "
                    + java.util.Arrays.toString(b.shape()) + " -> " + java.util.Arrays.toString(c.shape()));
        }
        gemm(transA, transB, m, n, k, 1.0, HostCopy.pointerAt(a, 0), (int) a.size(1), HostCopy.pointerAt(b, 0),
                (int) b.size(1), beta, HostCopy.pointerAt(c, 0), n);
    }

    /**
     * {@code c = alpha a' b' + beta c} on raw pointers (float or double, all of one type), each
     * positioned at its operand's first element with its own leading dimension: sub-matrices of
     * larger row-major arrays (the attention's per-head blocks, decision 0136). Needs
     * {@link #available()}.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a, int lda,
                     Pointer b, int ldb, double beta, Pointer c, int ldc) {
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        try {
            if (c instanceof FloatPointer cf) {
                SGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, (float) alpha, (FloatPointer) a, lda, (FloatPointer) b, ldb,
                        (float) beta, cf, ldc);
            } else {
                DGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, alpha, (DoublePointer) a, lda, (DoublePointer) b, ldb,
                        beta, (DoublePointer) c, ldc);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("OpenBLAS gemm failed", e);
        }
    }

    /**
     * {@code y = a' x} for a row-major [rows, cols] float matrix at {@code a} (leading dimension
     * lda), ' = transposed where asked. Needs {@link #available()}.
     */
    static void sgemv(boolean transA, int rows, int cols, FloatPointer a, int lda, FloatPointer x, FloatPointer y) {
        try {
            SGEMV.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, rows, cols, 1f, a, lda, x, 1, 0f, y, 1);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("OpenBLAS gemv failed", e);
        }
    }

    private static boolean plain(INDArray x) {
        DataType dt = x.dataType();
        return x.rank() == 2 && x.ordering() == 'c' && x.elementWiseStride() == 1 && x.stride(1) == 1
                && x.stride(0) == x.size(1) && (dt == DataType.FLOAT || dt == DataType.DOUBLE);
    }

    /** {@code result[0..N) = h[0..K) W} (float models multiply in float, as ND4J would). */
    void multiply(double[] h, double[] result) {
        try {
            if (single) {
                FloatPointer x = (FloatPointer) in;
                FloatPointer y = (FloatPointer) out;
                for (int i = 0; i < k; i++) {
                    stage[i] = (float) h[i];
                }
                x.put(stage, 0, k);
                sgemv(true, k, n, (FloatPointer) w, n, x, y);
                y.get(stage, 0, n);
                for (int j = 0; j < n; j++) {
                    result[j] = stage[j];
                }
            } else {
                DoublePointer x = (DoublePointer) in;
                DoublePointer y = (DoublePointer) out;
                x.put(h, 0, k);
                DGEMV.invokeExact(ROW_MAJOR, TRANS, k, n, 1.0, (DoublePointer) w, n, x, 1, 0.0, y, 1);
                y.get(result, 0, n);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("OpenBLAS gemv failed", e);
        }
    }

    @Override
    public void close() {
        in.close();
        out.close();
    }
}
