package org.e2v.experiment.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.enroll.CosineVerifier;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.embed.EmbeddingService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyServiceTest {
    @TempDir
    static Path dir;
    static Corpus corpus;
    static Path model;
    static VerifyService service;
    static Map<String, float[]> all;

    @BeforeAll
    static void setUp() throws IOException {
        Path manifest = EnrollFixtures.corpus(dir.resolve("c"), List.of("neutral", "sad", "angry"), 4, 3);
        corpus = CorpusLoaders.load(manifest, "auto", LoaderOptions.defaults());
        model = EnrollFixtures.model(dir.resolve("m.e2vm"), 3);
        service = new VerifyService(new EmbeddingService(dir.resolve("emb"), null));
        EmbeddingResult r = service.embed(model, corpus.utterances(), ProgressSink.NONE, CancellationToken.NONE);
        all = r.embeddings();
    }

    private static EnrollmentSet set(Double threshold, String modelHash) {
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        enrolled.put("neutral", List.of("spk2_neutral_0", "spk2_neutral_1", "spk2_neutral_2"));
        enrolled.put("sad", List.of("spk2_sad_0", "spk2_sad_1"));
        return new EnrollmentSet(1, List.of("neutral", "sad"), enrolled, "m", modelHash, threshold);
    }

    private static VerifyResult verify(EnrollmentSet set, QuerySplit split, boolean allLabels, Double threshold) {
        return service.verify(new VerifyRequest(model, corpus, set, null, split, allLabels, threshold),
                ProgressSink.NONE, CancellationToken.NONE);
    }

    @Test
    void testQueriesOfTheEnrolledClassesFollowTheNearestMeanPrototype() {
        VerifyResult r = verify(set(null, null), QuerySplit.TEST, false, null);

        ScoredQueries s = r.scored();
        assertThat(s.ids()).containsExactly("spk3_neutral_0", "spk3_neutral_1", "spk3_neutral_2",
                "spk3_sad_0", "spk3_sad_1", "spk3_sad_2");
        assertThat(r.verification().classNames()).containsExactly("neutral", "sad");
        assertThat(r.enrolledCounts()).containsExactly(Map.entry("neutral", 3), Map.entry("sad", 2));
        // Reference: Algorithm 1 in double precision on the same embeddings.
        double[][] prototypes = {
            CosineVerifier.prototype(rows("spk2_neutral_0", "spk2_neutral_1", "spk2_neutral_2")),
            CosineVerifier.prototype(rows("spk2_sad_0", "spk2_sad_1"))};
        double[][] d = CosineVerifier.cosineDistances(rows(s.ids().toArray(String[]::new)), prototypes);
        int[] nearest = CosineVerifier.nearest(d, Double.POSITIVE_INFINITY);
        int[] rowIndex = s.rows();
        int correctNeutral = 0;
        int correctSad = 0;
        for (int i = 0; i < s.count(); i++) {
            assertThat(s.yPred().get(i)).isEqualTo(nearest[i] == 0 ? "neutral" : "sad");
            assertThat((double) r.verification().distance(rowIndex[i], 0)).isCloseTo(d[i][0], within(1e-5));
            assertThat((double) r.verification().distance(rowIndex[i], 1)).isCloseTo(d[i][1], within(1e-5));
            if (i < 3 && nearest[i] == 0) {
                correctNeutral++;
            }
            if (i >= 3 && nearest[i] == 1) {
                correctSad++;
            }
        }
        assertThat(s.report().uar()).isCloseTo((correctNeutral / 3.0 + correctSad / 3.0) / 2, within(1e-12));
        assertThat(s.report().trueClasses()).containsExactly("neutral", "sad");
        assertThat(r.modelHash()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void allLabelsScoresUnenrolledClassesAndAZeroThresholdRejectsEverything() {
        VerifyResult closed = verify(set(null, null), QuerySplit.TEST, true, null);
        assertThat(closed.scored().count()).isEqualTo(9);
        assertThat(closed.scored().report().trueClasses()).containsExactly("angry", "neutral", "sad");
        // closed set: an angry query is always given one of the enrolled classes, so angry recall is 0
        assertThat(closed.scored().report().recallOf("angry")).isZero();

        VerifyResult rejected = verify(set(null, null), QuerySplit.TEST, true, 0.0);
        assertThat(rejected.scored().yPred()).hasSize(9).containsOnly("unknown");
        assertThat(rejected.scored().report().accuracy()).isZero();
        assertThat(rejected.verification().maxDistance()).isZero();
    }

    @Test
    void theSetsThresholdIsUsedUnlessOverridden() {
        VerifyResult fromSet = verify(set(0.0, null), QuerySplit.TEST, false, null);
        assertThat(fromSet.scored().yPred()).containsOnly("unknown");
        VerifyResult overridden = verify(set(0.0, null), QuerySplit.TEST, false, 2.0);
        assertThat(overridden.scored().yPred()).doesNotContain("unknown");
    }

    @Test
    void enrolledUtterancesAreNeverScoredWhenTheQueriesIncludeThem() {
        VerifyResult r = verify(set(null, null), QuerySplit.ALL, false, null);
        // 4 speakers x 2 enrolled classes x 3 utterances, minus the 5 enrolled ones
        assertThat(r.scored().count()).isEqualTo(24 - 5);
        assertThat(r.scored().ids()).doesNotContain("spk2_neutral_0", "spk2_sad_1").contains("spk2_sad_2");
    }

    @Test
    void aSetFromAnotherEncoderIsFlaggedButStillVerified() {
        VerifyResult r = verify(set(null, "sha256:0000"), QuerySplit.TEST, false, null);
        assertThat(r.modelMatchesSet()).isFalse();
        assertThat(r.scored().count()).isEqualTo(6);
        VerifyResult same = verify(set(null, r.modelHash()), QuerySplit.TEST, false, null);
        assertThat(same.modelMatchesSet()).isTrue();
    }

    @Test
    void anUnknownUtteranceIdNamesTheSetFileAndTheId() {
        EnrollmentSet bad = new EnrollmentSet(1, List.of("neutral"), Map.of("neutral", List.of("nobody_0")), null, null, null);
        Path setFile = dir.resolve("bad-set.json");
        InputException e = assertThrows(InputException.class, () -> service.verify(
                new VerifyRequest(model, corpus, bad, setFile, QuerySplit.TEST, false, null), ProgressSink.NONE,
                CancellationToken.NONE));
        assertThat(e.getMessage()).contains("bad-set.json").contains("nobody_0").contains("no utterance with that id");
    }

    @Test
    void noQueryOfAnEnrolledClassIsAClearError() {
        EnrollmentSet onlyAngry = new EnrollmentSet(1, List.of("frustrated"),
                Map.of("frustrated", List.of("spk2_angry_0")), null, null, null);
        E2vException e = assertThrows(E2vException.class, () -> verify(onlyAngry, QuerySplit.TEST, false, null));
        assertThat(e.getMessage()).contains("none of the 9 test utterances").contains("[frustrated]");
    }

    @Test
    void anEncoderExpectingOtherFeaturesIsRejected() {
        Path wrong = EnrollFixtures.model(dir.resolve("wrong.e2vm"), 3, 7);
        E2vException e = assertThrows(E2vException.class, () -> service.verify(
                new VerifyRequest(wrong, corpus, set(null, null), null, QuerySplit.TEST, false, null),
                ProgressSink.NONE, CancellationToken.NONE));
        assertThat(e.getMessage()).contains("wrong.e2vm").contains("expects 7-dimensional features");
    }

    @Test
    void querySelectionsParseLikeCorpusSplits() {
        assertThat(QuerySplit.parse("dev")).isEqualTo(QuerySplit.VALIDATION);
        assertThat(QuerySplit.parse(" ALL ")).isEqualTo(QuerySplit.ALL);
        assertThat(QuerySplit.parse("test").select(corpus)).extracting(Utterance::id).allMatch(id -> id.startsWith("spk3_"));
        assertThat(assertThrows(E2vException.class, () -> QuerySplit.parse("holdout")).getMessage())
                .contains("holdout").contains("test, validation, train or all");
    }

    private static double[][] rows(String... ids) {
        List<double[]> out = new ArrayList<>();
        for (String id : ids) {
            float[] v = all.get(id);
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            out.add(d);
        }
        return out.toArray(double[][]::new);
    }
}
