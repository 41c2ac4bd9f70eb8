package org.e2v.ui.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Corpus;
import org.e2v.experiment.SyntheticCorpus;
import org.e2v.experiment.run.RunListEntry;
import org.e2v.experiment.task.TaskSpec;
import org.e2v.train.EpochProgress;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.workspace.WorkspaceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train screen's state without the FX toolkit (inline runner). */
class TrainViewModelTest {
    @TempDir
    Path dir;

    private TrainViewModel vm(WorkspaceModel workspace) {
        List<Throwable> errors = new ArrayList<>();
        return new TrainViewModel(BackgroundRunner.inline((title, e) -> errors.add(e)), Runnable::run, workspace,
                dir.resolve("runs"), null);
    }

    @Test
    void marginSignRuleFollowsTheLossAndTheEquationFollowsTheConvention() {
        TrainViewModel vm = vm(new WorkspaceModel());
        assertThat(vm.lossName.get()).isEqualTo("namp");
        assertThat(vm.margin.get()).isEqualTo(-0.3);
        assertThat(vm.marginProblemProperty().get()).isEmpty();
        vm.margin.set(0.2);
        assertThat(vm.marginProblemProperty().get()).contains("margin must be negative for namp (got 0.2");
        assertThat(vm.problems).anyMatch(p -> p.contains("must be negative for namp"));
        vm.selectLoss("amproto");
        assertThat(vm.margin.get()).isEqualTo(0.3);
        assertThat(vm.marginProblemProperty().get()).isEmpty();
        vm.margin.set(0.0);
        assertThat(vm.marginProblemProperty().get()).contains("must be positive for amproto");
        assertThat(vm.equationProperty().get()).startsWith("S_jk = w·(cos(P_j, c_k) + m·[j=k]) + b").endsWith("m = +0.00");
        vm.convention.set("cosface");
        assertThat(vm.equationProperty().get()).contains("− m·[j=k]").contains("CosFace");
    }

    @Test
    void theTaskCarriesTheOpenCorpusAndItsClassesAreChecked() throws IOException {
        Path manifest = SyntheticCorpus.write(dir.resolve("c"), List.of("angry", "happy", "neutral", "sad"), 3, 1, 0.2);
        Corpus corpus = CorpusLoaders.load(manifest, "manifest", LoaderOptions.defaults());
        TrainViewModel vm = vm(new WorkspaceModel());
        assertThat(vm.problems).contains("open a corpus first (Corpus screen)");
        vm.setCorpus(corpus, manifest, "manifest");
        assertThat(vm.labels).containsExactly("angry", "happy", "neutral", "sad");
        // the default new task (neutral, frustrated) names a class this corpus lacks
        assertThat(vm.problems).containsExactly("the corpus has no class 'frustrated' (new task)");
        vm.taskClasses.setAll("neutral", "sad");
        assertThat(vm.problems).isEmpty();
        TaskSpec t = vm.task();
        assertThat(t.corpus().path()).isEqualTo(manifest.toAbsolutePath().toString());
        assertThat(t.corpus().format()).isEqualTo("manifest");
        assertThat(t.task().classes()).containsExactly("neutral", "sad");
        assertThat(t.pretrain().loss().margin()).isEqualTo(-0.3);
        vm.pretrainClasses.setAll("angry");
        assertThat(vm.problems).contains("choose at least two pretraining classes");
    }

    @Test
    void curveFeedPostsAtMostOneBatchPerIntervalAndLosesNothing() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        List<CurveFeed.Batch> batches = new ArrayList<>();
        List<Runnable> posted = new ArrayList<>();
        CurveFeed feed = new CurveFeed(posted::add, batches::add, ProgressSink.NONE, clock::get, 100);
        feed.onStage("pretrain");
        for (int s = 1; s <= 4; s++) {
            clock.addAndGet(10); // four steps within one 100 ns interval
            feed.onStep(new EpochProgress(0, 2, s, 4, 1.0 / s, Double.NaN, Double.NaN, Double.NaN, 0.001, 0));
        }
        feed.onEpoch(new EpochProgress(0, 2, 4, 4, 0.25, Double.NaN, Double.NaN, 0.5, 0.001, 0));
        assertThat(posted).hasSize(1); // the stage report passed at once; the steps waited
        feed.flush();
        posted.forEach(Runnable::run);
        List<CurveFeed.Point> points = batches.stream().flatMap(b -> b.points().stream()).toList();
        assertThat(points).extracting(CurveFeed.Point::epochs).containsExactly(0.25, 0.5, 0.75, 1.0, 1.0);
        assertThat(points.get(4).kind()).isEqualTo(CurveFeed.Kind.VALIDATION_UAR);
        assertThat(points.get(4).value()).isEqualTo(0.5);
        clock.addAndGet(200);
        feed.onStep(new EpochProgress(1, 2, 1, 4, 0.2, Double.NaN, Double.NaN, Double.NaN, 0.001, 0));
        assertThat(posted).hasSize(3);
    }

    @Test
    void aRunFromTheFormDrawsCurvesListsTheRunAndItsEncoderBecomesTheWorkspaceModel() throws IOException {
        Path manifest = SyntheticCorpus.write(dir.resolve("c"), List.of("angry", "happy", "neutral", "sad"), 4, 3, 0.4);
        Corpus corpus = CorpusLoaders.load(manifest, "manifest", LoaderOptions.defaults());
        WorkspaceModel workspace = new WorkspaceModel();
        TrainViewModel vm = vm(workspace);
        vm.setCorpus(corpus, manifest, "manifest");
        Tiny.configure(vm, 2);
        vm.taskClasses.setAll("neutral", "sad");
        assertThat(vm.problems).isEmpty();
        assertThat(vm.start()).isTrue();
        assertThat(vm.status.get()).isEqualTo(TrainViewModel.Status.COMPLETED);
        // 2 epochs x 2 steps of the pretraining stage, one validation UAR per epoch
        assertThat(vm.lossCurve).extracting(CurveFeed.Point::epochs).containsExactly(0.5, 1.0, 1.5, 2.0);
        assertThat(vm.uarCurve).hasSize(2);
        Path run = vm.runDir.get();
        assertThat(vm.command.get()).isEqualTo("e2v run " + run.resolve("task.yaml"));
        assertThat(vm.runs).extracting(RunListEntry::dir).containsExactly(run);
        RunListEntry summary = vm.runs.get(0);
        assertThat(summary.status()).isEqualTo(RunListEntry.Status.COMPLETED);
        assertThat(summary.verifyUar()).isBetween(0.0, 1.0);
        vm.selectedRun.set(summary);
        assertThat(vm.selectedProvenance.get()).contains("\"schema_version\" : 1");
        assertThat(vm.selectedMetrics.get()).contains("\"verify\"");
        assertThat(vm.resumeSelected()).isFalse();
        assertThat(vm.useSelectedEncoder()).isTrue();
        assertThat(workspace.current().model()).isEqualTo(run.resolve("model.e2vm"));
    }
}
