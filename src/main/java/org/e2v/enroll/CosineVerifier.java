package org.e2v.enroll;

/**
 * Enroll-to-verify in double precision on plain arrays (Sec. 3.3.3, Algorithm 1): the prototype of
 * a class is the mean of its enrolled embeddings, a query is assigned to the prototype at the
 * smallest cosine distance {@code D = 1 - cos}. This is the reference used by tests and batch
 * experiments; {@link EnrollmentSession} is the incremental float version for interactive use.
 */
public final class CosineVerifier {
    /** Predicted index of a query rejected by the open-set threshold. */
    public static final int UNKNOWN_INDEX = -1;

    private CosineVerifier() {
    }

    /** Algorithm 1, Enroll: the mean of the enrolled embeddings (rows). */
    public static double[] prototype(double[][] enrolled) {
        if (enrolled.length == 0) {
            throw new IllegalArgumentException("a prototype needs at least one enrolled embedding");
        }
        int dims = enrolled[0].length;
        double[] mean = new double[dims];
        for (double[] row : enrolled) {
            if (row.length != dims) {
                throw new IllegalArgumentException("enrolled embeddings differ in dimension: " + row.length + " vs " + dims);
            }
            for (int e = 0; e < dims; e++) {
                mean[e] += row[e];
            }
        }
        for (int e = 0; e < dims; e++) {
            mean[e] /= enrolled.length;
        }
        return mean;
    }

    /**
     * Cosine similarity {@code u.v / (|u| |v|)}; 0 when either vector is zero (a zero vector has
     * no direction, so it is equally far from everything).
     */
    public static double cosine(double[] u, double[] v) {
        if (u.length != v.length) {
            throw new IllegalArgumentException("vectors differ in dimension: " + u.length + " vs " + v.length);
        }
        double dot = 0;
        double uu = 0;
        double vv = 0;
        for (int e = 0; e < u.length; e++) {
            dot += u[e] * v[e];
            uu += u[e] * u[e];
            vv += v[e] * v[e];
        }
        return uu == 0 || vv == 0 ? 0.0 : dot / (Math.sqrt(uu) * Math.sqrt(vv));
    }

    /** Cosine distances {@code D[q][c] = 1 - cos(query_q, prototype_c)}, in [0, 2]. */
    public static double[][] cosineDistances(double[][] queries, double[][] prototypes) {
        double[][] d = new double[queries.length][prototypes.length];
        for (int q = 0; q < queries.length; q++) {
            for (int c = 0; c < prototypes.length; c++) {
                d[q][c] = 1.0 - cosine(queries[q], prototypes[c]);
            }
        }
        return d;
    }

    /**
     * Algorithm 1, Verify: the index of the smallest distance per row (ties go to the lower
     * index), or {@link #UNKNOWN_INDEX} when that distance exceeds {@code maxDistance} (open-set
     * rejection; pass {@code Double.POSITIVE_INFINITY} for the closed-set rule of the paper).
     */
    public static int[] nearest(double[][] distances, double maxDistance) {
        int[] predicted = new int[distances.length];
        for (int q = 0; q < distances.length; q++) {
            double[] row = distances[q];
            int best = UNKNOWN_INDEX;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < row.length; c++) {
                if (row[c] < bestD) {
                    bestD = row[c];
                    best = c;
                }
            }
            predicted[q] = best >= 0 && bestD > maxDistance ? UNKNOWN_INDEX : best;
        }
        return predicted;
    }

    /**
     * Polar angle of Sec. 5.1 / Fig. 3: {@code 180 * D_a / (D_a + D_b)} degrees, class a at 0 and
     * class b at 180; below 90 exactly when the query is closer to a. When both distances are 0
     * (both prototypes point along the query) the query is undecided and gets 90.
     */
    public static double polarAngleDeg(double distanceA, double distanceB) {
        double sum = distanceA + distanceB;
        return sum == 0 ? 90.0 : 180.0 * distanceA / sum;
    }
}
