package org.e2v.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.e2v.common.E2vException;
import org.junit.jupiter.api.Test;

class EnrollmentSessionTest {
    /** Queries on the unit circle at 0, 45, 90 and 180 degrees. */
    private static final float[][] QUERIES = {{1, 0}, {1, 1}, {0, 2}, {-1, 0}};
    private static final List<String> IDS = List.of("q0", "q45", "q90", "q180");

    private static EnrollmentSession session() {
        EnrollmentSession s = new EnrollmentSession(IDS, QUERIES, List.of("neutral", "neutral", "angry", "angry"));
        s.addClass("neutral");
        s.addClass("angry");
        return s;
    }

    @Test
    void queryGoesToTheNearestPrototypeByCosineDistance() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {3, 0});
        VerificationResult r = s.enroll("angry", "a1", new float[] {0, 5});
        assertThat(r.classNames()).containsExactly("neutral", "angry");
        // q0: D = (0, 1); q45: D = (1 - 1/sqrt2) to both -> tie -> lower index; q90: (1, 0); q180: (2, 1)
        assertThat(r.predicted()).containsExactly(0, 0, 1, 1);
        assertThat(r.distance(0, 1)).isCloseTo(1f, within(1e-6f));
        assertThat(r.distance(3, 0)).isCloseTo(2f, within(1e-6f));
        assertThat(r.distance(1, 0)).isCloseTo((float) (1 - Math.sqrt(0.5)), within(1e-6f));
        assertThat(r.predictedLabel(2)).isEqualTo("angry");
    }

    @Test
    void polarAngleFollowsSection51() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {1, 0});
        VerificationResult r = s.enroll("angry", "a1", new float[] {0, 1});
        assertThat(r.polarClassA()).isEqualTo("neutral");
        // q0: D_neu = 0 -> 0 deg; q45: equal -> 90; q90 -> 180; q180: D = (2, 1) -> 120
        assertThat(r.polarAnglesDeg()).containsExactly(new double[] {0, 90, 180, 120}, within(1e-4));
        s.setPolarPair("angry", "neutral");
        assertThat(s.result().polarAnglesDeg()[0]).isCloseTo(180, within(1e-4));
    }

    @Test
    void prototypeIsTheMeanOfTheEnrolledSamplesAndFollowsAddsAndRemoves() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {1, 0});
        s.enroll("angry", "a1", new float[] {-1, 0});
        // the mean of (1,0) and (0,4) points along (1,4): q90 (0,2) comes closer to neutral
        VerificationResult r = s.enroll("neutral", "n2", new float[] {0, 4});
        double cos = 4 / Math.sqrt(17);
        assertThat(r.distance(2, 0)).isCloseTo((float) (1 - cos), within(1e-6f));
        r = s.unenroll("n2");
        assertThat(r.distance(2, 0)).isCloseTo(1f, within(1e-6f));
        assertThat(s.enrolledIds("neutral")).containsExactly("n1");
        assertThat(s.classOf("n2")).isNull();
    }

    @Test
    void emptyBinsTakeNoPartInVerification() {
        EnrollmentSession s = session();
        s.addClass("sad");
        VerificationResult r = s.enroll("angry", "a1", new float[] {0, 1});
        assertThat(r.classNames()).containsExactly("angry");
        assertThat(r.predicted()).containsOnly(0);
        assertThat(r.hasPolarAngles()).isFalse();
        r = s.unenroll("a1");
        assertThat(r.classNames()).isEmpty();
        assertThat(r.predicted()).containsOnly(CosineVerifier.UNKNOWN_INDEX);
        assertThat(r.hasMetrics()).isFalse();
    }

    @Test
    void thresholdAnswersUnknownWhenEveryPrototypeIsTooFar() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {1, 0});
        s.enroll("angry", "a1", new float[] {0, 1});
        s.setMaxDistance(0.5);
        VerificationResult r = s.result();
        // q45 is at 0.29 from both, q180 at 1 from angry: rejected
        assertThat(r.predicted()).containsExactly(0, 0, 1, CosineVerifier.UNKNOWN_INDEX);
        assertThat(r.predictedLabel(3)).isEqualTo(VerificationResult.UNKNOWN_LABEL);
        assertThat(r.metrics().labels()).containsExactly("angry", "neutral", "unknown");
        // angry: q90 right, q180 unknown -> 0.5; neutral: both right -> 1
        assertThat(r.metrics().uar()).isCloseTo(0.75, within(1e-12));
        assertThatThrownBy(() -> s.setMaxDistance(-1)).isInstanceOf(E2vException.class);
    }

    @Test
    void renameAndRemoveClassKeepTheBinsConsistent() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {1, 0});
        s.enroll("angry", "a1", new float[] {0, 1});
        s.setPolarPair("neutral", "angry");
        s.renameClass("angry", "frustrated");
        VerificationResult r = s.result();
        assertThat(r.classNames()).containsExactly("neutral", "frustrated");
        assertThat(r.polarClassB()).isEqualTo("frustrated");
        assertThat(s.classOf("a1")).isEqualTo("frustrated");
        s.removeClass("neutral");
        assertThat(s.classNames()).containsExactly("frustrated");
        assertThat(s.classOf("n1")).isNull();
        s.enroll("frustrated", "n1", new float[] {1, 0}); // the id is free again
        assertThatThrownBy(() -> s.renameClass("frustrated", "unknown")).hasMessageContaining("reserved");
    }

    @Test
    void misuseGivesClearErrors() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {1, 0});
        assertThatThrownBy(() -> s.enroll("angry", "n1", new float[] {1, 0}))
                .isInstanceOf(E2vException.class).hasMessageContaining("already enrolled in class \"neutral\"");
        assertThatThrownBy(() -> s.enroll("angry", "x", new float[] {1, 0, 0})).hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> s.enroll("sad", "x", new float[] {1, 0})).hasMessageContaining("no class \"sad\"");
        assertThatThrownBy(() -> s.unenroll("nobody")).hasMessageContaining("not enrolled");
        assertThatThrownBy(() -> s.addClass("neutral")).hasMessageContaining("already exists");
    }

    @Test
    void incrementalUpdatesAgreeWithTheDoubleReferenceAfterRandomEdits() {
        Random rng = new Random(7);
        int queries = 300;
        int dims = 16;
        float[][] q = randomMatrix(rng, queries, dims);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            ids.add("q" + i);
        }
        EnrollmentSession s = new EnrollmentSession(ids, q, null);
        String[] classes = {"a", "b", "c"};
        for (String c : classes) {
            s.addClass(c);
        }
        Map<String, List<float[]>> enrolled = new HashMap<>();
        Map<String, float[]> byId = new HashMap<>();
        VerificationResult r = null;
        for (int step = 0; step < 60; step++) {
            String cls = classes[rng.nextInt(classes.length)];
            List<float[]> list = enrolled.computeIfAbsent(cls, k -> new ArrayList<>());
            if (list.size() > 2 && rng.nextInt(3) == 0) {
                float[] gone = list.remove(rng.nextInt(list.size()));
                String id = byId.entrySet().stream().filter(e -> e.getValue() == gone).findFirst().orElseThrow().getKey();
                byId.remove(id);
                r = s.unenroll(id);
            } else {
                float[] v = randomMatrix(rng, 1, dims)[0];
                list.add(v);
                byId.put("e" + step, v);
                r = s.enroll(cls, "e" + step, v);
            }
        }
        double[][] protos = new double[r.classCount()][];
        for (int c = 0; c < r.classCount(); c++) {
            protos[c] = CosineVerifier.prototype(toDouble(enrolled.get(r.classNames().get(c)).toArray(new float[0][])));
        }
        double[][] d = CosineVerifier.cosineDistances(toDouble(q), protos);
        int[] expected = CosineVerifier.nearest(d, Double.POSITIVE_INFINITY);
        assertThat(r.predicted()).isEqualTo(expected);
        for (int i = 0; i < queries; i++) {
            for (int c = 0; c < r.classCount(); c++) {
                assertThat((double) r.distance(i, c)).isCloseTo(d[i][c], within(1e-5));
            }
        }
    }

    @Test
    void resultIsASnapshotUnaffectedByLaterEdits() {
        EnrollmentSession s = session();
        s.enroll("neutral", "n1", new float[] {1, 0});
        VerificationResult before = s.enroll("angry", "a1", new float[] {0, 1});
        s.enroll("angry", "a2", new float[] {-1, 0});
        assertThat(before.distance(3, 1)).isCloseTo(1f, within(1e-6f));
        before.predicted()[0] = 7;
        assertThat(before.predictedIndex(0)).isZero();
    }

    @Test
    void enrollmentSetRoundTripRestoresBinsAndThreshold() {
        EnrollmentSession s = session();
        Map<String, float[]> store = Map.of("n1", new float[] {1, 0}, "a1", new float[] {0, 1}, "a2", new float[] {-1, 1});
        s.enroll("neutral", "n1", store.get("n1"));
        s.enroll("angry", "a1", store.get("a1"));
        s.enroll("angry", "a2", store.get("a2"));
        s.setMaxDistance(0.8);
        EnrollmentSet set = s.toEnrollmentSet("namp", "sha256:abc");
        assertThat(set.enrolled()).containsEntry("angry", List.of("a1", "a2"));
        EnrollmentSession other = new EnrollmentSession(IDS, QUERIES, null);
        VerificationResult restored = other.restore(set, store::get);
        assertThat(restored.predicted()).isEqualTo(s.result().predicted());
        assertThat(other.maxDistance()).isEqualTo(0.8);
        assertThatThrownBy(() -> other.restore(set, id -> id.equals("a2") ? null : store.get(id)))
                .hasMessageContaining("a2").hasMessageContaining("no embedding");
        assertThat(other.enrolledIds("angry")).containsExactly("a1", "a2");
    }

    private static float[][] randomMatrix(Random rng, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return m;
    }

    private static double[][] toDouble(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                d[i][j] = m[i][j];
            }
        }
        return d;
    }
}
