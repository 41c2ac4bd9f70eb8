package org.e2v.ui.analyses;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.e2v.audio.AudioFiles;
import org.e2v.common.E2vException;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Utterance;
import org.e2v.experiment.MarginExplorer;
import org.e2v.experiment.MarginView;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.run.RunAnalyses;
import org.e2v.experiment.run.RunReader;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.TaskHandle;
import org.e2v.ui.concurrent.UserError;
import org.e2v.ui.corpus.ClipPlayer;

/**
 * State of the Analyses screen, FX thread only; all reading, embedding and decoding happens in
 * background calls. Opening a run reads its charts, then one background task prepares every
 * margin of a sweep (embeddings cached per model by {@link EmbeddingService}); each finished
 * margin is appended to {@link #marginViews()}, and choosing a margin only swaps prepared data.
 */
public final class AnalysesViewModel {
    /** Shown while no run is open. */
    public static final String EMPTY_MESSAGE = "No run is open. Run an analysis from the Train screen or with "
            + "e2v run sample-tasks/demo-analyses.yaml, then open its run folder.";

    private final BackgroundRunner tasks;
    private final Consumer<Runnable> fxThread;
    private final EmbeddingService embeddings;
    private final ClipPlayer player;
    private final ReadOnlyObjectWrapper<RunAnalyses> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final StringProperty message = new SimpleStringProperty(this, "message", EMPTY_MESSAGE);
    private final StringProperty explorerStatus = new SimpleStringProperty(this, "explorerStatus", "");
    private final BooleanProperty explorerBusy = new SimpleBooleanProperty(this, "explorerBusy", false);
    private final ObservableList<MarginView> marginViews = FXCollections.observableArrayList();
    private final IntegerProperty marginIndex = new SimpleIntegerProperty(this, "marginIndex", 0);
    private final ObjectProperty<MarginView> currentMargin = new SimpleObjectProperty<>(this, "currentMargin");
    private TaskHandle explorerTask;
    private Map<String, Utterance> corpusById;
    private Path corpusOf;

    /**
     * @param tasks      runs service calls in the background
     * @param fxThread   runs an update on the FX thread ({@code Platform::runLater})
     * @param embeddings embedding service for the margin explorer (with a cache folder, so
     *                   revisits are instant)
     * @param player     plays clicked utterances
     */
    public AnalysesViewModel(BackgroundRunner tasks, Consumer<Runnable> fxThread, EmbeddingService embeddings,
                             ClipPlayer player) {
        this.tasks = Objects.requireNonNull(tasks);
        this.fxThread = Objects.requireNonNull(fxThread);
        this.embeddings = Objects.requireNonNull(embeddings);
        this.player = Objects.requireNonNull(player);
        marginIndex.addListener((obs, o, n) -> selectCurrent());
        marginViews.addListener((javafx.collections.ListChangeListener<MarginView>) c -> selectCurrent());
    }

    /** The open run, or null. */
    public ReadOnlyObjectProperty<RunAnalyses> runProperty() {
        return run.getReadOnlyProperty();
    }

    public RunAnalyses run() {
        return run.get();
    }

    /** The empty-state text, an error, or the last note for the user ("" when there is nothing to say). */
    public StringProperty messageProperty() {
        return message;
    }

    /** Progress of preparing the margin explorer ("Preparing margin 2 of 4 ..."). */
    public StringProperty explorerStatusProperty() {
        return explorerStatus;
    }

    public BooleanProperty explorerBusyProperty() {
        return explorerBusy;
    }

    /** The prepared margins, in increasing order of m. */
    public ObservableList<MarginView> marginViews() {
        return marginViews;
    }

    /** Index into {@link #marginViews()} of the margin shown. */
    public IntegerProperty marginIndexProperty() {
        return marginIndex;
    }

    /** The margin shown, or null before the first one is prepared. */
    public ObjectProperty<MarginView> currentMarginProperty() {
        return currentMargin;
    }

    /**
     * Opens a run directory in the background.
     *
     * @param onOpened runs on the FX thread once the run is shown (e.g. to record it in the workspace)
     */
    public void open(Path dir, Consumer<Path> onOpened) {
        tasks.run("Opening run " + dir.getFileName(), (progress, cancel) -> RunReader.read(dir), r -> {
            cancelExplorer();
            marginViews.clear();
            marginIndex.set(0);
            currentMargin.set(null);
            corpusById = null;
            run.set(r);
            message.set("");
            onOpened.accept(dir);
            prepareMargins(r);
        }, error -> message.set("Could not open " + dir + ": " + UserError.of(error).message()));
    }

    /** Prepares every margin of the run's sweep in one background task, publishing each as it is ready. */
    private void prepareMargins(RunAnalyses r) {
        List<MarginExplorer.MarginModel> models = MarginExplorer.margins(r.dir());
        if (models.isEmpty()) {
            explorerStatus.set("This run has no margin sweep: add analyses.margin_sweep to the task to explore margins.");
            return;
        }
        explorerBusy.set(true);
        explorerStatus.set("Preparing " + models.size() + " margin encoders ...");
        MarginExplorer explorer = new MarginExplorer(r.dir(), embeddings, null);
        explorerTask = tasks.run("Preparing the margin explorer", (progress, cancel) -> {
            for (int i = 0; i < models.size(); i++) {
                cancel.throwIfCancelled();
                progress.report("margin " + (i + 1) + " of " + models.size(), i, models.size());
                MarginView view = explorer.view(models.get(i), ProgressSink.NONE, cancel);
                int done = i + 1;
                fxThread.accept(() -> {
                    if (run.get() == r) {
                        marginViews.add(view);
                        explorerStatus.set(done < models.size() ? "Prepared " + done + " of " + models.size() + " margins ..." : "");
                    }
                });
            }
            return models.size();
        }, n -> explorerBusy.set(false), error -> {
            explorerBusy.set(false);
            explorerStatus.set("The margin explorer could not prepare the margins: " + UserError.of(error).message());
        });
    }

    private void cancelExplorer() {
        if (explorerTask != null) {
            explorerTask.cancel();
            explorerTask = null;
        }
        explorerBusy.set(false);
        explorerStatus.set("");
    }

    private void selectCurrent() {
        int i = marginIndex.get();
        currentMargin.set(i >= 0 && i < marginViews.size() ? marginViews.get(i) : null);
    }

    /**
     * Plays an utterance of the run's corpus (decoded in the background). Prototypes and ids
     * outside the corpus give a message instead.
     */
    public void play(String utteranceId) {
        RunAnalyses r = run.get();
        if (r == null) {
            return;
        }
        if (utteranceId.startsWith("prototype ")) {
            message.set("A prototype is the mean of the enrolled embeddings; it has no audio to play.");
            return;
        }
        tasks.run("Playing " + utteranceId, (progress, cancel) -> {
            Utterance u = utterance(r, utteranceId);
            AudioClip clip;
            try {
                clip = AudioFiles.load(u.audio(), u.segment());
            } catch (RuntimeException e) {
                throw new E2vException("The audio of " + utteranceId + " was not found or could not be read ("
                        + UserError.of(e).message() + ").", e);
            }
            player.play(clip, () -> { });
            return utteranceId;
        }, id -> message.set("Playing " + id), error -> message.set(UserError.of(error).message()));
    }

    /** Stops playback (the screen was hidden). */
    public void stopPlayback() {
        player.stop();
    }

    /** Background thread: the utterance with that id in the run's corpus (loaded once per run). */
    private synchronized Utterance utterance(RunAnalyses r, String id) {
        if (r.corpusPath() == null) {
            throw new E2vException("The run does not record its corpus, so " + id + " cannot be played.");
        }
        if (corpusById == null || !r.corpusPath().equals(corpusOf)) {
            if (!java.nio.file.Files.exists(r.corpusPath())) {
                throw new E2vException("The run's corpus " + r.corpusPath() + " was not found, so " + id + " cannot be played.");
            }
            Map<String, Utterance> m = new HashMap<>();
            LoaderOptions options = LoaderOptions.defaults().withMinConfidence(0);
            CorpusLoaders.load(r.corpusPath(), r.corpusFormat(), options).utterances().forEach(u -> m.put(u.id(), u));
            corpusById = m;
            corpusOf = r.corpusPath();
        }
        Utterance u = corpusById.get(id);
        if (u == null || u.audio() == null) {
            throw new E2vException("Utterance " + id + " is not in the run's corpus " + r.corpusPath() + ", so it cannot be played.");
        }
        return u;
    }

    /** Cancels background work (the screen is going away). */
    public void close() {
        cancelExplorer();
        player.close();
    }
}
