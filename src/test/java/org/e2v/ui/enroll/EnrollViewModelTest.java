package org.e2v.ui.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.e2v.common.E2vException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.enroll.EnrollmentSetFiles;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.workspace.Workspace;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.workspace.WorkspaceModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Enroll screen's logic without the FX toolkit. Embeddings are hand-made 2-D vectors, so
 * every prediction follows from angles: neutral samples near 0 degrees, frustrated near 90.
 */
class EnrollViewModelTest {
    @TempDir
    Path dir;

    private static final Map<String, float[]> VECTORS = new LinkedHashMap<>();

    static {
        VECTORS.put("v_n1", new float[] {1f, 0f});
        VECTORS.put("v_n2", new float[] {0.2f, 1f}); // a neutral sample that looks frustrated
        VECTORS.put("v_f1", new float[] {0f, 1f});
        VECTORS.put("v_f2", new float[] {0.1f, 1f});
        VECTORS.put("t_n1", new float[] {1f, 0.1f});   //  5.7 degrees
        VECTORS.put("t_n2", new float[] {0.6f, 0.8f}); // 53.1
        VECTORS.put("t_f1", new float[] {0.1f, 1f});   // 84.3
        VECTORS.put("t_f2", new float[] {0.8f, 0.6f}); // 36.9
        VECTORS.put("t_a", new float[] {-1f, 0f});     // 180: far from both
    }

    private final SimpleObjectProperty<Corpus> corpus = new SimpleObjectProperty<>();
    private final WorkspaceModel workspace = new WorkspaceModel();
    private final List<String> errors = new ArrayList<>();
    private final List<Integer> embedCalls = new ArrayList<>();
    private final List<String> played = new ArrayList<>();
    private Path model;
    private String hex = "ab".repeat(32);

    @BeforeEach
    void setUp() throws IOException {
        model = Files.writeString(dir.resolve("enc.e2vm"), "model bytes");
        List<Utterance> us = new ArrayList<>();
        for (String id : VECTORS.keySet()) {
            String label = id.contains("_n") ? "neutral" : id.contains("_f") ? "frustrated" : "angry";
            us.add(new Utterance(id, id.equals("v_f2") ? dir.resolve("v_f2.wav") : null, null, new Speaker(id.startsWith("v") ? "s1" : "s2", null),
                    EmotionLabel.of(label), id.startsWith("v") ? Split.VALIDATION : Split.TEST, Double.NaN));
        }
        corpus.set(new Corpus("toy", dir, "manifest", us, List.of()));
    }

    private EnrollViewModel vm(Path defaultModel) {
        BackgroundRunner inline = BackgroundRunner.inline((context, error) -> errors.add(error.getMessage()));
        return new EnrollViewModel(corpus, workspace, inline, (m, utterances, progress, cancel) -> {
            embedCalls.add(utterances.size());
            Map<String, float[]> out = new LinkedHashMap<>();
            utterances.forEach(u -> out.put(u.id(), VECTORS.get(u.id())));
            return new EmbeddingResult(hex, List.of("a", "b"), 2, out, List.of(), 0);
        }, u -> played.add(u.id()), defaultModel);
    }

    @Test
    void startsWithTheDemoBinsEmbedsTheWholeCorpusOnceAndAsksForSamples() {
        EnrollViewModel vm = vm(model);
        assertThat(vm.bins()).extracting(EnrollBin::name).containsExactly("neutral", "frustrated");
        assertThat(embedCalls).containsExactly(9);
        assertThat(vm.readyProperty().get()).isTrue();
        assertThat(vm.modelHash()).isEqualTo("sha256:" + hex);
        assertThat(vm.resultsProperty().get().hasMetrics()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Drag utterances into the bins");
        // the list offers the validation split only
        assertThat(vm.visibleCandidates()).extracting(Utterance::id).containsExactly("v_n1", "v_n2", "v_f1", "v_f2");
        assertThat(workspace.current().model()).isEqualTo(model);
        assertThat(workspace.dirtyProperty().get()).isFalse();
    }

    @Test
    void listenersOnTheBinsKeepFiringAfterGarbageCollection() throws Exception {
        EnrollViewModel vm = vm(model);
        List<String> binChanges = new ArrayList<>();
        List<String> idChanges = new ArrayList<>();
        // Views register listeners and keep no other reference to the returned lists.
        vm.bins().addListener((javafx.collections.ListChangeListener<EnrollBin>) c -> binChanges.add("bins"));
        vm.bins().get(0).ids().addListener((javafx.collections.ListChangeListener<String>) c -> idChanges.add("ids"));
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        vm.enroll(0, List.of("v_n1"));
        vm.addBin("angry");
        assertThat(idChanges).isNotEmpty();
        assertThat(binChanges).isNotEmpty();
        assertThat(vm.bins()).isSameAs(vm.bins());
    }

    @Test
    void withoutAnEncoderTheScreenSaysHowToGetOne() {
        EnrollViewModel vm = vm(dir.resolve("models/demo-encoder.e2vm"));
        assertThat(vm.statusProperty().get()).isEqualTo(EnrollViewModel.NO_MODEL_TEXT);
        assertThat(embedCalls).isEmpty();
        vm.openModel(model);
        assertThat(embedCalls).containsExactly(9);
        assertThat(workspace.current().model()).isEqualTo(model);
    }

    @Test
    void enrollingASampleChangesTheUarAndRemovingItRestoresIt() {
        EnrollViewModel vm = vm(model);
        vm.enroll(0, List.of("v_n1"));
        vm.enroll(1, List.of("v_f1"));
        // prototypes at 0 and 90 degrees: t_n1 and t_f1 right, t_n2 (53) and t_f2 (37) wrong
        assertThat(vm.resultsProperty().get().uar()).isCloseTo(0.5, within(1e-12));
        vm.enroll(0, List.of("v_n2"));
        // neutral prototype (1.2, 1) at 39.8 degrees, boundary at 64.9: t_n2 now right
        EnrollResults r = vm.resultsProperty().get();
        assertThat(r.uar()).isCloseTo(0.75, within(1e-12));
        assertThat(r.rows()).extracting(QueryRow::predicted).containsExactly("neutral", "neutral", "frustrated", "neutral");
        assertThat(vm.visibleCandidates()).extracting(Utterance::id).containsExactly("v_f2");
        assertThat(workspace.current().enrollment())
                .containsExactly(Map.entry("neutral", List.of("v_n1", "v_n2")), Map.entry("frustrated", List.of("v_f1")));

        vm.unenroll(List.of("v_n2"));
        assertThat(vm.resultsProperty().get().uar()).isCloseTo(0.5, within(1e-12));
        assertThat(vm.visibleCandidates()).extracting(Utterance::id).containsExactly("v_n2", "v_f2");
    }

    @Test
    void enrollingIntoAnotherBinMovesTheSample() {
        EnrollViewModel vm = vm(model);
        vm.enroll(0, List.of("v_n1", "v_f1"));
        vm.enroll(1, List.of("v_f1"));
        assertThat(vm.bins().get(0).ids()).containsExactly("v_n1");
        assertThat(vm.bins().get(1).ids()).containsExactly("v_f1");
        assertThat(vm.binOf("v_f1")).isEqualTo(1);
        assertThat(assertThrows(E2vException.class, () -> vm.enroll(5, List.of("v_f2"))).getMessage())
                .contains("no bin 6");
    }

    @Test
    void theThresholdRejectsFarQueriesAtOnceAndIsKeptInTheWorkspace() {
        EnrollViewModel vm = vm(model);
        vm.enroll(0, List.of("v_n1"));
        vm.enroll(1, List.of("v_f1"));
        vm.allLabelsProperty().set(true);
        // closed set: the angry query (distance 1 to frustrated, 2 to neutral) becomes frustrated
        assertThat(vm.resultsProperty().get().rows()).filteredOn(r -> r.id().equals("t_a"))
                .extracting(QueryRow::predicted).containsExactly("frustrated");
        vm.thresholdProperty().set(0.9);
        vm.thresholdEnabledProperty().set(true);
        EnrollResults r = vm.resultsProperty().get();
        assertThat(r.rows()).filteredOn(q -> q.id().equals("t_a")).extracting(QueryRow::predicted).containsExactly("unknown");
        assertThat(r.rows()).filteredOn(q -> q.id().equals("t_n1")).extracting(QueryRow::predicted).containsExactly("neutral");
        assertThat(workspace.current().uiState()).containsEntry(EnrollViewModel.THRESHOLD_KEY, "0.9000");
        vm.thresholdEnabledProperty().set(false);
        assertThat(workspace.current().uiState()).doesNotContainKey(EnrollViewModel.THRESHOLD_KEY);
    }

    @Test
    void thePolarHistogramHoldsTheScoredQueriesOfTheFirstTwoBins() {
        EnrollViewModel vm = vm(model);
        vm.enroll(0, List.of("v_n1"));
        vm.enroll(1, List.of("v_f1"));
        EnrollResults r = vm.resultsProperty().get();
        assertThat(r.polar().classA()).isEqualTo("neutral");
        assertThat(r.polar().classB()).isEqualTo("frustrated");
        assertThat(r.polar().anglesByClass().keySet()).containsExactly("neutral", "frustrated");
        // t_n1: D_n = 1 - cos(5.7) = 0.00496, D_f = 1 - sin(5.7) = 0.9005 -> 180 * 0.00496 / 0.905 = 0.99 degrees
        assertThat(r.rows().get(0).polarAngleDeg()).isCloseTo(0.986, within(0.01));
        assertThat(r.polar().counts("neutral")[0]).isEqualTo(1);
        assertThat(r.confusion()).isNotNull();
    }

    @Test
    void binsCanBeAddedRenamedAndRemoved() {
        EnrollViewModel vm = vm(model);
        vm.enroll(1, List.of("v_f1"));
        vm.renameBin(1, "annoyed");
        assertThat(vm.bins().get(1).ids()).containsExactly("v_f1");
        vm.addBin("sad");
        assertThat(vm.bins()).extracting(EnrollBin::name).containsExactly("neutral", "annoyed", "sad");
        assertThat(assertThrows(E2vException.class, () -> vm.addBin(" sad ")).getMessage()).contains("already a bin");
        vm.removeBin(1);
        assertThat(vm.bins()).extracting(EnrollBin::name).containsExactly("neutral", "sad");
        assertThat(vm.visibleCandidates()).extracting(Utterance::id).contains("v_f1");
        assertThat(workspace.current().enrollment().keySet()).containsExactly("neutral", "sad");
    }

    @Test
    void aSavedSetLoadsBackAndASetFromAnotherEncoderRaisesANotice() throws IOException {
        EnrollViewModel vm = vm(model);
        vm.enroll(0, List.of("v_n1", "v_n2"));
        vm.enroll(1, List.of("v_f1"));
        double uar = vm.resultsProperty().get().uar();
        Path file = dir.resolve("set.json");
        vm.saveSet(file);
        EnrollmentSet saved = EnrollmentSetFiles.load(file);
        assertThat(saved.modelHash()).isEqualTo("sha256:" + hex);
        assertThat(saved.modelId()).isEqualTo("enc.e2vm");
        assertThat(vm.noticeProperty().get()).contains("e2v verify").contains("set.json");

        vm.unenroll(List.of("v_n1", "v_n2", "v_f1"));
        vm.loadSet(file);
        assertThat(vm.binContents()).isEqualTo(saved.enrolled());
        assertThat(vm.resultsProperty().get().uar()).isEqualTo(uar);
        assertThat(vm.noticeProperty().get()).isEqualTo("Loaded set.json.");

        Path other = dir.resolve("other.json");
        EnrollmentSetFiles.save(other, new EnrollmentSet(1, List.of("calm"), Map.of("calm", List.of("v_n1", "gone_7")),
                "old.e2vm", "sha256:1234", null));
        vm.loadSet(other);
        assertThat(vm.bins()).extracting(EnrollBin::name).containsExactly("calm");
        assertThat(vm.bins().get(0).ids()).containsExactly("v_n1");
        assertThat(vm.noticeProperty().get()).contains("another encoder (old.e2vm)").contains("gone_7");
        assertThat(errors).isEmpty();
    }

    @Test
    void aRestoredWorkspaceBringsBackItsBinsAndEncoder() {
        Map<String, List<String>> bins = new LinkedHashMap<>();
        bins.put("calm", List.of("v_n1"));
        bins.put("tense", List.of("v_f1", "v_f2"));
        workspace.restore(Workspace.empty().withEnrollment(bins).withModel(model).withUiState(EnrollViewModel.THRESHOLD_KEY, "1.5"));
        EnrollViewModel vm = vm(null);
        assertThat(vm.binContents()).isEqualTo(bins);
        assertThat(vm.thresholdEnabledProperty().get()).isTrue();
        assertThat(vm.thresholdProperty().get()).isEqualTo(1.5);
        assertThat(vm.resultsProperty().get().verification().classNames()).containsExactly("calm", "tense");

        Map<String, List<String>> other = Map.of("x", List.of("v_n2"));
        workspace.replace(Workspace.empty().withEnrollment(other).withModel(model), null);
        assertThat(vm.binContents()).isEqualTo(other);
    }

    @Test
    void playingRunsThePlayerWithTheUtterance() {
        EnrollViewModel vm = vm(model);
        vm.play("v_f2");
        vm.play("not-there");
        // an unknown id plays nothing; an utterance without audio cannot be played
        vm.play("v_n1");
        assertThat(played).containsExactly("v_f2");
    }
}
