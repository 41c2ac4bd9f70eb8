package org.e2v.ui.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.e2v.common.CancellationToken;
import org.e2v.common.CancelledException;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.experiment.ExperimentRunner;
import org.e2v.experiment.RunOptions;
import org.e2v.experiment.RunResult;
import org.e2v.experiment.run.RunListEntry;
import org.e2v.experiment.task.AnalysesSpec;
import org.e2v.experiment.task.CorpusRef;
import org.e2v.experiment.task.EncoderSettings;
import org.e2v.experiment.task.FeaturesRef;
import org.e2v.experiment.task.LossSettings;
import org.e2v.experiment.task.NewTaskSpec;
import org.e2v.experiment.task.PretrainSpec;
import org.e2v.experiment.task.SplitsRef;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import org.e2v.experiment.task.TrainingSettings;
import org.e2v.model.BackendInfo;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.TaskHandle;
import org.e2v.ui.workspace.WorkspaceModel;

/**
 * State and actions of the Train screen: the task form (defaults from the task records), its live
 * validation, a background run of {@link ExperimentRunner} with curves, Cancel/Resume, and the
 * list of runs. Uses JavaFX properties but not the toolkit: tests drive it with an inline runner.
 */
public final class TrainViewModel {
    /** Where a run is. */
    public enum Status { IDLE, RUNNING, CANCELLING, COMPLETED, CANCELLED, FAILED }

    private static final TaskSpec DEFAULTS = new TaskSpec(null, null, null, null, null, null, null, null);

    private final BackgroundRunner runner;
    private final Consumer<Runnable> ui;
    private final WorkspaceModel workspace;
    private final Path cacheDir;

    // ---- the form ----
    public final StringProperty name = new SimpleStringProperty(this, "name", "gui-run");
    public final LongProperty seed = new SimpleLongProperty(this, "seed", DEFAULTS.seed());
    public final StringProperty encoderType = new SimpleStringProperty(this, "encoderType", DEFAULTS.pretrain().encoder().type());
    public final IntegerProperty gruHidden = new SimpleIntegerProperty(this, "gruHidden", DEFAULTS.pretrain().encoder().gruHidden());
    public final IntegerProperty modelDim = new SimpleIntegerProperty(this, "modelDim", DEFAULTS.pretrain().encoder().modelDim());
    public final IntegerProperty layers = new SimpleIntegerProperty(this, "layers", DEFAULTS.pretrain().encoder().layers());
    public final IntegerProperty heads = new SimpleIntegerProperty(this, "heads", DEFAULTS.pretrain().encoder().heads());
    public final IntegerProperty ffDim = new SimpleIntegerProperty(this, "ffDim", DEFAULTS.pretrain().encoder().ffDim());
    public final DoubleProperty dropout = new SimpleDoubleProperty(this, "dropout", DEFAULTS.pretrain().encoder().dropout());
    public final StringProperty lossName = new SimpleStringProperty(this, "lossName", DEFAULTS.pretrain().loss().name());
    public final DoubleProperty margin = new SimpleDoubleProperty(this, "margin", DEFAULTS.pretrain().loss().margin());
    public final StringProperty convention = new SimpleStringProperty(this, "convention", DEFAULTS.pretrain().loss().convention());
    public final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", DEFAULTS.pretrain().training().epochs());
    public final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate",
            DEFAULTS.pretrain().training().learningRate());
    public final IntegerProperty perClass = new SimpleIntegerProperty(this, "perClass", DEFAULTS.pretrain().training().perClass());
    public final IntegerProperty episodesPerEpoch = new SimpleIntegerProperty(this, "episodesPerEpoch",
            DEFAULTS.pretrain().training().episodesPerEpoch());
    public final IntegerProperty enrollCount = new SimpleIntegerProperty(this, "enrollCount", DEFAULTS.task().enrollCount());
    public final IntegerProperty repeats = new SimpleIntegerProperty(this, "repeats", DEFAULTS.task().repeats());
    public final StringProperty featureSet = new SimpleStringProperty(this, "featureSet", DEFAULTS.features().extractor());
    public final StringProperty normalization = new SimpleStringProperty(this, "normalization", DEFAULTS.features().normalization());
    public final IntegerProperty maxFrames = new SimpleIntegerProperty(this, "maxFrames", DEFAULTS.features().maxFrames());
    public final StringProperty splitScheme = new SimpleStringProperty(this, "splitScheme", DEFAULTS.splits().scheme());
    /** Labels of the open corpus (sorted). */
    public final ObservableList<String> labels = FXCollections.observableArrayList();
    public final ObservableList<String> pretrainClasses = FXCollections.observableArrayList(DEFAULTS.pretrain().classes());
    public final ObservableList<String> taskClasses = FXCollections.observableArrayList(DEFAULTS.task().classes());

    // ---- derived ----
    private final ReadOnlyStringWrapper marginProblem = new ReadOnlyStringWrapper(this, "marginProblem", "");
    private final ReadOnlyStringWrapper equation = new ReadOnlyStringWrapper(this, "equation", "");
    /** Problems of the task as built now (empty = it can start). */
    public final ObservableList<String> problems = FXCollections.observableArrayList();

    // ---- the run ----
    public final ObjectProperty<Status> status = new SimpleObjectProperty<>(this, "status", Status.IDLE);
    public final StringProperty statusText = new SimpleStringProperty(this, "statusText", "");
    public final StringProperty stage = new SimpleStringProperty(this, "stage", "");
    public final ObjectProperty<Path> runDir = new SimpleObjectProperty<>(this, "runDir");
    public final StringProperty command = new SimpleStringProperty(this, "command", "");
    public final StringProperty backend = new SimpleStringProperty(this, "backend", "looking up the backend…");
    public final StringProperty curveStage = new SimpleStringProperty(this, "curveStage", "");
    public final ObservableList<CurveFeed.Point> lossCurve = FXCollections.observableArrayList();
    public final ObservableList<CurveFeed.Point> uarCurve = FXCollections.observableArrayList();
    public final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private TaskHandle handle;

    // ---- runs ----
    public final ObjectProperty<Path> runsRoot = new SimpleObjectProperty<>(this, "runsRoot");
    public final ObservableList<RunListEntry> runs = FXCollections.observableArrayList();
    public final ObjectProperty<RunListEntry> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    public final StringProperty selectedProvenance = new SimpleStringProperty(this, "selectedProvenance", "");
    public final StringProperty selectedMetrics = new SimpleStringProperty(this, "selectedMetrics", "");

    private Path corpusPath;
    private String corpusFormat = "auto";

    /**
     * @param runner    background execution
     * @param ui        runs a task on the FX thread (Platform::runLater; Runnable::run in tests)
     * @param workspace the workspace ("Use this encoder" sets its model)
     * @param runsRoot  folder of run directories
     * @param cacheDir  feature cache (null = none)
     */
    public TrainViewModel(BackgroundRunner runner, Consumer<Runnable> ui, WorkspaceModel workspace, Path runsRoot, Path cacheDir) {
        this.runner = Objects.requireNonNull(runner);
        this.ui = Objects.requireNonNull(ui);
        this.workspace = workspace;
        this.cacheDir = cacheDir;
        this.runsRoot.set(runsRoot);
        Observable[] form = {name, seed, encoderType, gruHidden, modelDim, layers, heads, ffDim, dropout, lossName, margin,
            convention, epochs, learningRate, perClass, episodesPerEpoch, enrollCount, repeats, featureSet, normalization,
            maxFrames, splitScheme, pretrainClasses, taskClasses};
        for (Observable o : form) {
            o.addListener(x -> validate());
        }
        selectedRun.addListener((obs, old, run) -> showRun(run));
        validate();
    }

    public ReadOnlyStringProperty marginProblemProperty() {
        return marginProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty equationProperty() {
        return equation.getReadOnlyProperty();
    }

    /** True while a run (or a resume) is under way. */
    public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** The workbench's corpus changed: its labels fill the class lists; its path goes into the task. */
    public void setCorpus(Corpus corpus, Path path, String format) {
        corpusPath = path;
        corpusFormat = format == null ? "auto" : format;
        TreeSet<String> names = new TreeSet<>();
        if (corpus != null) {
            for (Utterance u : corpus.utterances()) {
                names.add(u.label().name());
            }
        }
        labels.setAll(names);
        validate();
    }

    /** Sets the margin to the loss's default when the loss changes (namp -0.3, amproto +0.3, ...). */
    public void selectLoss(String loss) {
        lossName.set(loss);
        margin.set(new LossSettings(loss, null, null, null, null, null).margin());
    }

    /** The task the form describes now, with the open corpus. */
    public TaskSpec task() {
        EncoderSettings encoder = new EncoderSettings(encoderType.get(), gruHidden.get(), modelDim.get(), layers.get(),
                heads.get(), ffDim.get(), dropout.get());
        TrainingSettings d = DEFAULTS.pretrain().training();
        TrainingSettings training = new TrainingSettings(epochs.get(), learningRate.get(), d.lrStepEpochs(), d.lrStepFactor(),
                perClass.get(), episodesPerEpoch.get(), d.earlyStopping(), d.checkpointEvery(), d.validate());
        NewTaskSpec t = DEFAULTS.task();
        return new TaskSpec(name.get(), seed.get(),
                new CorpusRef(corpusPath == null ? null : corpusPath.toAbsolutePath().toString(), corpusFormat, null),
                new FeaturesRef(featureSet.get(), normalization.get(), maxFrames.get()),
                new SplitsRef(splitScheme.get(), null, null),
                new PretrainSpec(List.copyOf(pretrainClasses), encoder, loss(), training),
                new NewTaskSpec(List.copyOf(taskClasses), t.enrollSplit(), t.querySplit(), enrollCount.get(), repeats.get(),
                        t.minConfidence(), t.threshold()),
                new AnalysesSpec(null, null, false, null, null, null, null, null, null, null));
    }

    private LossSettings loss() {
        return new LossSettings(lossName.get(), margin.get(), convention.get(), null, null, null);
    }

    private void validate() {
        List<String> lossIssues = TaskFiles.lossProblems(loss(), "loss");
        marginProblem.set(lossIssues.isEmpty() ? "" : String.join("; ", lossIssues));
        double m = margin.get();
        String mm = String.format(Locale.ROOT, "%+.2f", m);
        // Eq. (4) as printed (paper) adds m to the target cosine; CosFace subtracts it.
        equation.set("paper".equals(convention.get())
                ? "S_jk = w·(cos(P_j, c_k) + m·[j=k]) + b,  m = " + mm
                : "S_jk = w·(cos(P_j, c_k) − m·[j=k]) + b,  m = " + mm + "  (CosFace sign)");
        List<String> all = new ArrayList<>();
        if (corpusPath == null) {
            all.add("open a corpus first (Corpus screen)");
        }
        if (pretrainClasses.size() < 2) {
            all.add("choose at least two pretraining classes");
        }
        if (taskClasses.size() < 2) {
            all.add("choose at least two new-task classes");
        }
        for (String c : pretrainClasses) {
            if (!labels.isEmpty() && !labels.contains(c)) {
                all.add("the corpus has no class '" + c + "' (pretraining)");
            }
        }
        for (String c : taskClasses) {
            if (!labels.isEmpty() && !labels.contains(c)) {
                all.add("the corpus has no class '" + c + "' (new task)");
            }
        }
        try {
            for (String p : TaskFiles.validate(task())) {
                if (!all.contains(p)) {
                    all.add(p);
                }
            }
        } catch (RuntimeException e) {
            all.add(e.getMessage());
        }
        problems.setAll(all);
    }

    /** Looks the compute backend up in the background (loading ND4J takes about a second). */
    public void lookUpBackend() {
        runner.run("Looking up the compute backend", (p, c) -> {
            BackendInfo.BackendDescription d = BackendInfo.describe();
            return "ND4J " + d.kind().toUpperCase(Locale.ROOT) + " (" + d.blasVendor() + ", " + d.ompThreads() + " OpenMP threads"
                    + (d.devices().isEmpty() ? "" : ", " + String.join(", ", d.devices())) + ")";
        }, backend::set, e -> backend.set("backend unknown: " + e.getMessage()));
    }

    /** Starts the task the form describes; false (and nothing runs) while it has problems or a run is busy. */
    public boolean start() {
        if (busy.get() || !problems.isEmpty()) {
            return false;
        }
        TaskSpec task = task();
        Path out = runsRoot.get();
        launch("Training " + task.name(), (feed, cancel) -> new ExperimentRunner().run(task, null,
                new RunOptions(out, null, null, cacheDir), feed, cancel));
        return true;
    }

    /** Continues the selected interrupted run in its own directory; false when none is selected or it finished. */
    public boolean resumeSelected() {
        RunListEntry run = selectedRun.get();
        if (busy.get() || run == null || run.status() != RunListEntry.Status.INTERRUPTED) {
            return false;
        }
        launch("Resuming " + run.name(), (feed, cancel) -> new ExperimentRunner().resume(run.dir(), cacheDir, feed, cancel));
        return true;
    }

    /** Asks the run to stop between two steps; its checkpoint is kept for Resume. */
    public void cancel() {
        if (handle != null && busy.get()) {
            status.set(Status.CANCELLING);
            statusText.set("cancelling after the current step…");
            handle.cancel();
        }
    }

    /** Sets the selected completed run's encoder as the workspace model (the Enroll screen uses it). */
    public boolean useSelectedEncoder() {
        RunListEntry run = selectedRun.get();
        if (run == null || run.status() != RunListEntry.Status.COMPLETED || workspace == null) {
            return false;
        }
        workspace.update(w -> w.withModel(run.model()).withRun(run.dir()));
        return true;
    }

    /** Re-reads the runs folder in the background. */
    public void refreshRuns() {
        Path root = runsRoot.get();
        Path keep = selectedRun.get() == null ? null : selectedRun.get().dir();
        runner.run("Listing runs", (p, c) -> RunListEntry.list(root), list -> {
            runs.setAll(list);
            if (keep != null) {
                list.stream().filter(r -> r.dir().equals(keep)).findFirst().ifPresent(selectedRun::set);
            }
        });
    }

    private void launch(String title, BiFunction<CurveFeed, CancellationToken, RunResult> call) {
        lossCurve.clear();
        uarCurve.clear();
        log.clear();
        curveStage.set("");
        runDir.set(null);
        command.set("");
        busy.set(true);
        status.set(Status.RUNNING);
        statusText.set("running");
        handle = runner.run(title, (progress, cancel) -> {
            CurveFeed feed = new CurveFeed(ui, this::accept, progress, System::nanoTime, 100_000_000L);
            // The outcome goes to the UI from here, not from the task's callbacks: a cancelled
            // task reports nothing, but the run stops only after writing its checkpoint.
            try {
                RunResult r = call.apply(feed, cancel);
                feed.flush();
                ui.accept(() -> ended(Status.COMPLETED, "completed in " + Math.round(r.elapsedMs() / 1000.0) + " s"));
                return r;
            } catch (CancelledException e) {
                feed.flush();
                ui.accept(() -> ended(Status.CANCELLED, "cancelled; the checkpoint is kept: Resume continues the run"));
                throw e;
            } catch (RuntimeException | Error e) {
                feed.flush();
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.accept(() -> ended(Status.FAILED, "failed: " + message));
                throw e;
            }
        }, r -> { }, null);
    }

    private void accept(CurveFeed.Batch batch) {
        if (batch.runDir() != null && !batch.runDir().equals(runDir.get())) {
            runDir.set(batch.runDir());
            command.set("e2v run " + batch.runDir().resolve("task.yaml"));
        }
        stage.set(batch.stage());
        log.addAll(batch.messages());
        List<CurveFeed.Point> loss = new ArrayList<>();
        List<CurveFeed.Point> uar = new ArrayList<>();
        for (CurveFeed.Point p : batch.points()) {
            if (!p.stage().equals(curveStage.get())) {
                // the curves show one training stage at a time (pretrain, then any baselines)
                loss.clear();
                uar.clear();
                lossCurve.clear();
                uarCurve.clear();
                curveStage.set(p.stage());
            }
            (p.kind() == CurveFeed.Kind.LOSS ? loss : uar).add(p);
        }
        lossCurve.addAll(loss);
        uarCurve.addAll(uar);
    }

    private void ended(Status outcome, String text) {
        busy.set(false);
        status.set(outcome);
        statusText.set(text);
        refreshRuns();
    }

    private void showRun(RunListEntry run) {
        if (run == null) {
            selectedProvenance.set("");
            selectedMetrics.set("");
            return;
        }
        runner.run("Reading " + run.name(), (p, c) -> new String[] {
            readText(run.dir().resolve("run.json"), "no run.json: the run was " + run.status().label()
                    + (run.status() == RunListEntry.Status.INTERRUPTED ? "; Resume continues it" : "")),
            readText(run.dir().resolve("metrics.json"), "no metrics yet")}, texts -> {
                if (run.equals(selectedRun.get())) {
                    selectedProvenance.set(texts[0]);
                    selectedMetrics.set(texts[1]);
                }
            });
    }

    private static String readText(Path file, String missing) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : missing;
        } catch (java.io.IOException e) {
            return file + " could not be read: " + e.getMessage();
        }
    }
}
