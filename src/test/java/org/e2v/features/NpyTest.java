package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.e2v.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads fixtures written by NumPy itself (src/test/resources/npy/make_fixtures.py). */
class NpyTest {
    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }

    /** a[t, d] = t + d / 10, as make_fixtures.py writes it. */
    static void assertGrid(NpyArray a, int frames, int dims, double offset) {
        assertThat(a.shape()).containsExactly(frames, dims);
        for (int t = 0; t < frames; t++) {
            for (int d = 0; d < dims; d++) {
                assertThat(a.data()[t * dims + d]).isEqualTo((float) (t + d / 10.0 + offset));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1_f4.npy", "v2_f4.npy", "v3_f4.npy", "be_f4.npy", "fortran_f4.npy"})
    void float32InEveryVersionByteOrderAndLayoutReadsTheSameGrid(String file) {
        assertGrid(Npy.read(fixture(file)), 3, 4, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8.npy", "be_f8.npy"})
    void float64IsNarrowedToFloat(String file) {
        assertGrid(Npy.read(fixture(file)), 3, 4, 0);
    }

    @Test
    void float16IsWidenedExactlyWhereRepresentable() {
        NpyArray a = Npy.read(fixture("f2.npy"));
        assertThat(a.dtype()).isEqualTo("<f2");
        // 2.3 is not representable in binary16: the nearest half is 2.30078125
        assertThat(a.data()[2 * 4 + 3]).isEqualTo(2.30078125f);
        assertThat(a.data()[0]).isEqualTo(0f);
        assertThat(a.data()[1 * 4 + 0]).isEqualTo(1f);
    }

    @Test
    void integersBecomeFloats() {
        NpyArray signed = Npy.read(fixture("i2.npy"));
        assertThat(signed.data()).containsExactly(-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6);
        NpyArray unsigned = Npy.read(fixture("u1.npy"));
        assertThat(unsigned.data()[11]).isEqualTo(11f);
    }

    @Test
    void fortranOrderOfThreeDimensionsIsTransposedToCOrder() {
        NpyArray a = Npy.read(fixture("fortran_3d.npy"));
        assertThat(a.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(a.data()[(i * 3 + j) * 4 + k]).isEqualTo(100f * i + 10f * j + k);
                }
            }
        }
    }

    @Test
    void npzStoredAndDeflatedArchivesGiveTheirMembers() {
        for (String file : new String[] {"stored.npz", "deflated.npz"}) {
            Map<String, NpyArray> arrays = Npy.readNpz(fixture(file));
            assertThat(arrays).containsOnlyKeys("utt_a", "utt_b");
            assertGrid(arrays.get("utt_a"), 3, 4, 0);
            assertGrid(arrays.get("utt_b"), 2, 4, 100);
        }
    }

    @Test
    void unsupportedDtypesAreNamed() {
        InputException complex = assertThrows(InputException.class, () -> Npy.read(fixture("complex.npy")));
        assertThat(complex.problem()).contains("unsupported dtype '<c8'");
        InputException structured = assertThrows(InputException.class, () -> Npy.read(fixture("structured.npy")));
        assertThat(structured.problem()).contains("unsupported dtype: a structured");
    }

    @Test
    void brokenFilesGiveClearMessages() {
        assertThat(assertThrows(InputException.class, () -> Npy.read(fixture("truncated.npy"))).problem())
                .contains("truncated").contains("12 values (48 bytes)").contains("43 bytes");
        assertThat(assertThrows(InputException.class, () -> Npy.read(fixture("bad_magic.npy"))).problem())
                .contains("wrong magic");
        assertThat(assertThrows(InputException.class, () -> Npy.read(fixture("bad_version.npy"))).problem())
                .contains("version 9.0");
        assertThat(assertThrows(InputException.class, () -> Npy.read(fixture("bad_header.npy"))).problem())
                .contains("malformed .npy header");
        InputException zip = assertThrows(InputException.class, () -> Npy.readNpz(fixture("not_a_zip.npz")));
        assertThat(zip.file()).isEqualTo(fixture("not_a_zip.npz"));
        assertThat(zip.problem()).contains("not a valid .npz");
    }

    @Test
    void writerOutputIsAlignedAndReadsBack(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        byte[] bytes = Npy.toBytes(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        // NumPy pads the header so that the data starts on a 64-byte boundary.
        assertThat((bytes.length - 6 * 4) % 64).isZero();
        Path file = dir.resolve("x.npy");
        java.nio.file.Files.write(file, bytes);
        NpyArray a = Npy.read(file);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.data()).containsExactly(1, 2, 3, 4, 5, 6);
    }
}
