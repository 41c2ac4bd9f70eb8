package org.e2v.enroll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.e2v.common.E2vException;
import org.e2v.metrics.ClassificationReport;

/**
 * Interactive enroll-to-verify (Algorithm 1) over a fixed query set: the user drops utterances
 * into class bins and sees the verification of every query update at once.
 *
 * <p>The query embeddings are normalised once, into one flat row-major {@code float[]}. Each class
 * keeps a running sum of its enrolled embeddings (in double, so removals do not drift) and a
 * cached column of query distances. Adding or removing a sample changes one prototype, so only
 * that class's column is recomputed ({@code Q x E} multiply-adds), then every query takes the
 * argmin over the cached columns. Nothing is re-embedded.
 *
 * <p>Classes are ordered bins: they can be added, renamed and removed. A bin with no enrolled
 * sample has no prototype and takes no part in verification (it is absent from
 * {@link VerificationResult#classNames()}). The mean of Algorithm 1 and the running sum point in
 * the same direction, and the cosine ignores length, so the sum is used directly.
 *
 * <p>Not thread-safe: one thread (e.g. the GUI's background worker) owns a session; the
 * {@link VerificationResult}s it returns are immutable and may be handed to any thread.
 */
public final class EnrollmentSession {
    private final List<String> queryIds;
    private final List<String> queryTrueLabels;
    /** Sorted distinct true labels, and per query the index of its true label in that list (metrics in O(Q)). */
    private final List<String> distinctTrueLabels;
    private final int[] trueCodes;
    private final int queryCount;
    private final int dims;
    /** Unit-length query rows, row-major queryCount x dims. */
    private final float[] unitQueries;
    private final List<ClassBin> classes = new ArrayList<>();
    /** Utterance id -> bin holding it (an utterance is enrolled in at most one class). */
    private final Map<String, ClassBin> binOfUtterance = new HashMap<>();
    private double maxDistance = Double.POSITIVE_INFINITY;
    private String polarClassA;
    private String polarClassB;

    /**
     * @param queryIds        query utterance ids, one per row of {@code queryEmbeddings}
     * @param queryEmbeddings query embeddings (rows), all of one dimension; copied and normalised
     * @param queryTrueLabels true class name per query for live metrics, or null when unknown
     */
    public EnrollmentSession(List<String> queryIds, float[][] queryEmbeddings, List<String> queryTrueLabels) {
        Objects.requireNonNull(queryIds, "queryIds");
        Objects.requireNonNull(queryEmbeddings, "queryEmbeddings");
        if (queryIds.size() != queryEmbeddings.length) {
            throw new IllegalArgumentException(queryIds.size() + " query ids for " + queryEmbeddings.length + " embeddings");
        }
        if (queryTrueLabels != null && queryTrueLabels.size() != queryIds.size()) {
            throw new IllegalArgumentException(queryTrueLabels.size() + " true labels for " + queryIds.size() + " queries");
        }
        if (queryEmbeddings.length == 0) {
            throw new IllegalArgumentException("an enrollment session needs at least one query");
        }
        this.queryIds = List.copyOf(queryIds);
        this.queryTrueLabels = queryTrueLabels == null ? null : List.copyOf(queryTrueLabels);
        this.queryCount = queryEmbeddings.length;
        if (queryTrueLabels == null) {
            this.distinctTrueLabels = List.of();
            this.trueCodes = null;
        } else {
            this.distinctTrueLabels = List.copyOf(new TreeSet<>(this.queryTrueLabels));
            Map<String, Integer> code = new HashMap<>();
            for (int i = 0; i < distinctTrueLabels.size(); i++) {
                code.put(distinctTrueLabels.get(i), i);
            }
            this.trueCodes = new int[queryCount];
            for (int q = 0; q < queryCount; q++) {
                trueCodes[q] = code.get(this.queryTrueLabels.get(q));
            }
        }
        this.dims = queryEmbeddings[0].length;
        this.unitQueries = new float[queryCount * dims];
        for (int q = 0; q < queryCount; q++) {
            float[] row = queryEmbeddings[q];
            if (row.length != dims) {
                throw new IllegalArgumentException("query " + this.queryIds.get(q) + " has dimension " + row.length
                        + ", expected " + dims);
            }
            double norm = 0;
            for (float v : row) {
                norm += (double) v * v;
            }
            // A zero query has no direction: it stays zero and ends up at distance 1 from every class.
            float scale = norm == 0 ? 0f : (float) (1.0 / Math.sqrt(norm));
            for (int e = 0; e < dims; e++) {
                unitQueries[q * dims + e] = row[e] * scale;
            }
        }
    }

    /** Embedding dimension E. */
    public int dims() {
        return dims;
    }

    public int queryCount() {
        return queryCount;
    }

    public List<String> queryIds() {
        return queryIds;
    }

    /** All class bins in order, empty ones included. */
    public List<String> classNames() {
        List<String> names = new ArrayList<>(classes.size());
        for (ClassBin bin : classes) {
            names.add(bin.name);
        }
        return names;
    }

    /** Adds an empty class bin at the end. */
    public void addClass(String name) {
        checkClassName(name);
        if (find(name) != null) {
            throw new E2vException("class \"" + name + "\" already exists");
        }
        classes.add(new ClassBin(name, dims, queryCount));
    }

    /** Renames a bin; its enrolled samples, prototype and the polar pair follow the new name. */
    public void renameClass(String oldName, String newName) {
        ClassBin bin = require(oldName);
        if (oldName.equals(newName)) {
            return;
        }
        checkClassName(newName);
        if (find(newName) != null) {
            throw new E2vException("cannot rename \"" + oldName + "\" to \"" + newName + "\": that class already exists");
        }
        bin.name = newName;
        if (oldName.equals(polarClassA)) {
            polarClassA = newName;
        }
        if (oldName.equals(polarClassB)) {
            polarClassB = newName;
        }
    }

    /** Removes a bin and un-enrolls its samples. */
    public void removeClass(String name) {
        ClassBin bin = require(name);
        for (String id : bin.samples.keySet()) {
            binOfUtterance.remove(id);
        }
        classes.remove(bin);
    }

    /**
     * Enrolls one utterance into a class and re-verifies every query.
     *
     * @param className  an existing class bin
     * @param utteranceId id of the enrolled utterance (unique across all bins)
     * @param embedding  its embedding (copied)
     */
    public VerificationResult enroll(String className, String utteranceId, float[] embedding) {
        ClassBin bin = require(className);
        Objects.requireNonNull(utteranceId, "utteranceId");
        if (embedding.length != dims) {
            throw new E2vException("embedding of " + utteranceId + " has dimension " + embedding.length
                    + ", the queries have " + dims + " (a different model?)");
        }
        ClassBin holder = binOfUtterance.get(utteranceId);
        if (holder != null) {
            throw new E2vException(utteranceId + " is already enrolled in class \"" + holder.name + "\"");
        }
        float[] copy = embedding.clone();
        bin.samples.put(utteranceId, copy);
        binOfUtterance.put(utteranceId, bin);
        bin.add(copy, +1);
        refreshColumn(bin);
        return result();
    }

    /** Removes one enrolled utterance from whichever bin holds it and re-verifies every query. */
    public VerificationResult unenroll(String utteranceId) {
        ClassBin bin = binOfUtterance.remove(utteranceId);
        if (bin == null) {
            throw new E2vException(utteranceId + " is not enrolled");
        }
        float[] embedding = bin.samples.remove(utteranceId);
        if (bin.samples.isEmpty()) {
            // Start the empty bin from an exact zero rather than a sum of rounding residues.
            Arrays.fill(bin.sum, 0.0);
        } else {
            bin.add(embedding, -1);
        }
        refreshColumn(bin);
        return result();
    }

    /** Enrolled utterance ids of a class, in enrollment order. */
    public List<String> enrolledIds(String className) {
        return List.copyOf(require(className).samples.keySet());
    }

    /** The class an utterance is enrolled in, or null. */
    public String classOf(String utteranceId) {
        ClassBin bin = binOfUtterance.get(utteranceId);
        return bin == null ? null : bin.name;
    }

    /**
     * Open-set rejection: a query whose smallest distance exceeds {@code maxDistance} is answered
     * {@link VerificationResult#UNKNOWN_LABEL}. {@code Double.POSITIVE_INFINITY} (the default)
     * gives the closed-set rule of Algorithm 1.
     */
    public void setMaxDistance(double maxDistance) {
        if (Double.isNaN(maxDistance) || maxDistance < 0) {
            throw new E2vException("the rejection threshold must be a distance >= 0, got " + maxDistance);
        }
        this.maxDistance = maxDistance;
    }

    public double maxDistance() {
        return maxDistance;
    }

    /**
     * Chooses the class pair for polar angles (Sec. 5.1): {@code classA} at 0 degrees (e.g.
     * neutral), {@code classB} at 180. Without a choice, the first two enrolled classes are used.
     */
    public void setPolarPair(String classA, String classB) {
        require(classA);
        require(classB);
        if (classA.equals(classB)) {
            throw new E2vException("the polar angle needs two different classes, got \"" + classA + "\" twice");
        }
        polarClassA = classA;
        polarClassB = classB;
    }

    /** Verifies every query against the current prototypes (cached columns; cheap). */
    public VerificationResult result() {
        List<ClassBin> active = new ArrayList<>(classes.size());
        for (ClassBin bin : classes) {
            if (!bin.samples.isEmpty()) {
                active.add(bin);
            }
        }
        int c = active.size();
        float[][] columns = new float[c][];
        List<String> names = new ArrayList<>(c);
        for (int k = 0; k < c; k++) {
            columns[k] = active.get(k).distances;
            names.add(active.get(k).name);
        }
        float[] distances = new float[queryCount * c];
        int[] predicted = new int[queryCount];
        for (int q = 0; q < queryCount; q++) {
            int best = CosineVerifier.UNKNOWN_INDEX;
            float bestD = Float.POSITIVE_INFINITY;
            int row = q * c;
            for (int k = 0; k < c; k++) {
                float d = columns[k][q];
                distances[row + k] = d;
                if (d < bestD) { // strict: ties go to the lower class index
                    bestD = d;
                    best = k;
                }
            }
            predicted[q] = best >= 0 && bestD > maxDistance ? CosineVerifier.UNKNOWN_INDEX : best;
        }
        String a = null;
        String b = null;
        double[] angles = new double[0];
        int ia = polarClassA == null ? -1 : names.indexOf(polarClassA);
        int ib = polarClassB == null ? -1 : names.indexOf(polarClassB);
        if (polarClassA == null && c >= 2) {
            ia = 0;
            ib = 1;
        }
        if (ia >= 0 && ib >= 0) {
            a = names.get(ia);
            b = names.get(ib);
            angles = new double[queryCount];
            float[] da = columns[ia];
            float[] db = columns[ib];
            for (int q = 0; q < queryCount; q++) {
                angles[q] = CosineVerifier.polarAngleDeg(da[q], db[q]);
            }
        }
        ClassificationReport<String> metrics = queryTrueLabels == null || c == 0 ? null : metrics(names, predicted);
        return new VerificationResult(names, queryIds, predicted, distances, a, b, angles, maxDistance, metrics);
    }

    /**
     * Builds the enrollment set to save: class bins in order with their utterance ids.
     *
     * @param modelId   name of the encoder that produced the embeddings
     * @param modelHash hash of the encoder file (checked on load by the caller)
     */
    public EnrollmentSet toEnrollmentSet(String modelId, String modelHash) {
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        for (ClassBin bin : classes) {
            enrolled.put(bin.name, List.copyOf(bin.samples.keySet()));
        }
        return new EnrollmentSet(EnrollmentSet.SCHEMA_VERSION, classNames(), enrolled, modelId, modelHash,
                Double.isInfinite(maxDistance) ? null : maxDistance);
    }

    /**
     * Replaces the bins with those of a saved set and re-verifies.
     *
     * @param set        the saved set
     * @param embeddings embedding of an enrolled utterance id, or null when it is not available
     * @throws E2vException naming the first utterance whose embedding is missing (the session is then unchanged)
     */
    public VerificationResult restore(EnrollmentSet set, Function<String, float[]> embeddings) {
        Map<String, float[]> found = new HashMap<>();
        for (Map.Entry<String, List<String>> e : set.enrolled().entrySet()) {
            for (String id : e.getValue()) {
                float[] v = embeddings.apply(id);
                if (v == null) {
                    throw new E2vException("enrolled utterance " + id + " of class \"" + e.getKey()
                            + "\" has no embedding (is it in the loaded corpus?)");
                }
                if (v.length != dims) {
                    throw new E2vException("embedding of enrolled utterance " + id + " has dimension " + v.length
                            + ", the queries have " + dims + " (a different model?)");
                }
                found.put(id, v);
            }
        }
        classes.clear();
        binOfUtterance.clear();
        polarClassA = null;
        polarClassB = null;
        for (String name : set.classes()) {
            addClass(name);
        }
        for (Map.Entry<String, List<String>> e : set.enrolled().entrySet()) {
            ClassBin bin = require(e.getKey());
            for (String id : e.getValue()) {
                float[] copy = found.get(id).clone();
                bin.samples.put(id, copy);
                binOfUtterance.put(id, bin);
                bin.add(copy, +1);
            }
            refreshColumn(bin);
        }
        maxDistance = set.maxDistance() == null ? Double.POSITIVE_INFINITY : set.maxDistance();
        return result();
    }

    /**
     * Recomputes every class column from scratch and re-verifies. Edits never need this (they
     * update their own column); it measures what an edit would cost without the column cache.
     */
    public VerificationResult reverifyAll() {
        for (ClassBin bin : classes) {
            refreshColumn(bin);
        }
        return result();
    }

    private ClassificationReport<String> metrics(List<String> names, int[] predicted) {
        TreeSet<String> union = new TreeSet<>(distinctTrueLabels);
        boolean anyUnknown = false;
        boolean[] used = new boolean[names.size()];
        for (int p : predicted) {
            if (p < 0) {
                anyUnknown = true;
            } else {
                used[p] = true;
            }
        }
        for (int k = 0; k < names.size(); k++) {
            if (used[k]) {
                union.add(names.get(k));
            }
        }
        if (anyUnknown) {
            union.add(VerificationResult.UNKNOWN_LABEL);
        }
        List<String> labels = new ArrayList<>(union);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] predictedToLabel = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            predictedToLabel[k] = used[k] ? index.get(names.get(k)) : -1;
        }
        int unknownLabel = anyUnknown ? index.get(VerificationResult.UNKNOWN_LABEL) : -1;
        int[] trueToLabel = new int[distinctTrueLabels.size()];
        for (int i = 0; i < trueToLabel.length; i++) {
            trueToLabel[i] = index.get(distinctTrueLabels.get(i));
        }
        int[][] confusion = new int[labels.size()][labels.size()];
        for (int q = 0; q < queryCount; q++) {
            int p = predicted[q];
            confusion[trueToLabel[trueCodes[q]]][p < 0 ? unknownLabel : predictedToLabel[p]]++;
        }
        return ClassificationReport.fromConfusion(labels, confusion);
    }

    /** D = 1 - q.p over unit vectors: Q x E multiply-adds with four independent accumulators. */
    private void refreshColumn(ClassBin bin) {
        float[] out = bin.distances;
        if (bin.samples.isEmpty()) {
            Arrays.fill(out, Float.NaN);
            return;
        }
        float[] p = bin.unitPrototype();
        int e4 = dims & ~3;
        for (int q = 0, off = 0; q < queryCount; q++, off += dims) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int e = 0;
            for (; e < e4; e += 4) {
                s0 += unitQueries[off + e] * p[e];
                s1 += unitQueries[off + e + 1] * p[e + 1];
                s2 += unitQueries[off + e + 2] * p[e + 2];
                s3 += unitQueries[off + e + 3] * p[e + 3];
            }
            for (; e < dims; e++) {
                s0 += unitQueries[off + e] * p[e];
            }
            out[q] = 1f - ((s0 + s1) + (s2 + s3));
        }
    }

    private static void checkClassName(String name) {
        if (name == null || name.isBlank()) {
            throw new E2vException("a class needs a name");
        }
        if (name.equals(VerificationResult.UNKNOWN_LABEL)) {
            throw new E2vException("\"" + name + "\" is reserved for rejected queries; choose another class name");
        }
    }

    private ClassBin find(String name) {
        for (ClassBin bin : classes) {
            if (bin.name.equals(name)) {
                return bin;
            }
        }
        return null;
    }

    private ClassBin require(String name) {
        ClassBin bin = find(name);
        if (bin == null) {
            throw new E2vException("no class \"" + name + "\" (classes: " + classNames() + ")");
        }
        return bin;
    }

    /** One class: its samples, their running sum, and the cached distance of every query to it. */
    private static final class ClassBin {
        String name;
        final LinkedHashMap<String, float[]> samples = new LinkedHashMap<>();
        final double[] sum;
        final float[] distances;

        ClassBin(String name, int dims, int queryCount) {
            this.name = name;
            this.sum = new double[dims];
            this.distances = new float[queryCount];
            Arrays.fill(distances, Float.NaN);
        }

        void add(float[] v, int sign) {
            for (int e = 0; e < sum.length; e++) {
                sum[e] += sign * (double) v[e];
            }
        }

        /** The prototype direction; a zero sum (opposite samples) gives a zero vector, i.e. distance 1 to all. */
        float[] unitPrototype() {
            double norm = 0;
            for (double v : sum) {
                norm += v * v;
            }
            float[] unit = new float[sum.length];
            if (norm > 0) {
                double scale = 1.0 / Math.sqrt(norm);
                for (int e = 0; e < sum.length; e++) {
                    unit[e] = (float) (sum[e] * scale);
                }
            }
            return unit;
        }
    }
}
