package org.e2v.ui.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.e2v.audio.AudioFiles;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Corpus;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.features.FeatureService;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.TaskHandle;
import org.e2v.ui.concurrent.UserError;

/**
 * State and actions of the Corpus screen, free of controls so that it is testable without the FX
 * toolkit (with {@link BackgroundRunner#inline} and a direct executor). Follows the shared
 * {@link CorpusSession}: a newly opened corpus fills the table, its durations are read from the
 * file headers in the background and appear as they arrive.
 */
public final class CorpusViewModel {
    /** Envelope columns: enough for a full-HD-wide canvas. */
    static final int ENVELOPE_COLUMNS = 1600;
    /** Spectrogram frames: beyond ~400 a preview gains nothing visible. */
    static final int SPECTROGRAM_FRAMES = 400;
    /** Durations are published in batches of this many files (or at the end). */
    static final int DURATION_BATCH = 64;

    private final CorpusSession session;
    private final BackgroundRunner runner;
    private final Executor fxThread;
    private final Loader loader;
    private final ToDoubleFunction<Path> probe;
    private final ClipPlayer player;

    private final ObservableList<UtteranceRow> rows = FXCollections.observableArrayList();
    private final FilteredList<UtteranceRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final Map<String, UtteranceRow> rowsById = new HashMap<>();
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<EmotionLabel> labelFilter = new SimpleObjectProperty<>(this, "labelFilter");
    private final ObjectProperty<Split> splitFilter = new SimpleObjectProperty<>(this, "splitFilter");
    private final ObservableList<EmotionLabel> labels = FXCollections.observableArrayList();
    private final ObservableList<Split> splits = FXCollections.observableArrayList();
    private final ObservableList<CorpusProblem> problems = FXCollections.observableArrayList();
    private final ObjectProperty<UtteranceRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<AudioPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private static final String SELECT_PROMPT = "Select an utterance to see its waveform and spectrogram.";
    private final ReadOnlyStringWrapper previewStatus = new ReadOnlyStringWrapper(this, "previewStatus", SELECT_PROMPT);
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final StringBinding countText;

    private final ObservableList<CorpusProblem> featureProblems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper featureCheckText = new ReadOnlyStringWrapper(this, "featureCheckText");
    private final ReadOnlyObjectWrapper<Path> checkedFeatures = new ReadOnlyObjectWrapper<>(this, "checkedFeatures");
    private Consumer<Path> featureHandoff = folder -> { };
    private TaskHandle featureTask;

    private AudioClip previewClip;
    private String previewClipId;
    private TaskHandle previewTask;
    private TaskHandle durationTask;

    /**
     * @param session  the shared open corpus
     * @param runner   background execution
     * @param fxThread delivers partial results to the FX thread ({@code Platform::runLater};
     *                 {@code Runnable::run} in tests)
     * @param loader   decodes an utterance's audio ({@link AudioFiles#load(Path, org.e2v.domain.Segment)})
     * @param probe    reads a file's duration from its header
     * @param player   plays audio
     */
    public CorpusViewModel(CorpusSession session, BackgroundRunner runner, Executor fxThread, Loader loader,
                           ToDoubleFunction<Path> probe, ClipPlayer player) {
        this.session = Objects.requireNonNull(session);
        this.runner = Objects.requireNonNull(runner);
        this.fxThread = Objects.requireNonNull(fxThread);
        this.loader = Objects.requireNonNull(loader);
        this.probe = Objects.requireNonNull(probe);
        this.player = Objects.requireNonNull(player);
        filterText.addListener((o, a, b) -> refilter());
        labelFilter.addListener((o, a, b) -> refilter());
        splitFilter.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, row) -> loadPreview(row));
        countText = Bindings.createStringBinding(() -> rows.isEmpty() ? ""
                : visibleRows.size() == rows.size() ? rows.size() + " utterances"
                : visibleRows.size() + " of " + rows.size() + " utterances", rows, visibleRows);
        session.corpusProperty().addListener((o, a, c) -> {
            if (isAppendedTo(a, c)) {
                append(c.utterances().subList(a.utterances().size(), c.utterances().size()), c);
            } else {
                show(c);
            }
        });
        session.loadingProperty().addListener((o, a, b) -> updateEmptyText());
        session.loadFailureProperty().addListener((o, a, b) -> updateEmptyText());
        show(session.corpus());
    }

    /** A ViewModel with the real audio decoder, header probe and sound output. */
    public static CorpusViewModel standard(CorpusSession session, BackgroundRunner runner, Executor fxThread) {
        return new CorpusViewModel(session, runner, fxThread, u -> AudioFiles.load(u.audio(), u.segment()),
                p -> AudioFiles.probe(p).durationSeconds(), new ClipPlayer());
    }

    // ---- table ----

    /** The rows that pass the filters, in corpus order (the view sorts a wrapper of this list). */
    public ObservableList<UtteranceRow> visibleRows() {
        return visibleRows;
    }

    /** Free-text filter: matches utterance id, speaker, label or file name, case-insensitively. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Only this label (null: all). */
    public ObjectProperty<EmotionLabel> labelFilterProperty() {
        return labelFilter;
    }

    /** Only this split (null: all). */
    public ObjectProperty<Split> splitFilterProperty() {
        return splitFilter;
    }

    /** The corpus's labels, for the label filter. */
    public ObservableList<EmotionLabel> labels() {
        return labels;
    }

    /** The splits present in the corpus, for the split filter. */
    public ObservableList<Split> splits() {
        return splits;
    }

    /** "37 of 120 utterances". */
    public StringBinding countTextProperty() {
        return countText;
    }

    /** What the table shows when it has no rows. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** Problems found while loading the open corpus. */
    public ObservableList<CorpusProblem> problems() {
        return problems;
    }

    /** Whether a corpus is open. */
    public javafx.beans.binding.BooleanBinding hasCorpusProperty() {
        return session.corpusProperty().isNotNull();
    }

    /** Opens a corpus chosen by the user. */
    public void open(Path path, CorpusSource source) {
        session.open(new CorpusRef(path, source.format()));
    }

    private void show(Corpus corpus) {
        cancel(durationTask);
        cancel(featureTask);
        featureProblems.clear();
        featureCheckText.set(null);
        checkedFeatures.set(null);
        selected.set(null);
        rowsById.clear();
        problems.setAll(corpus == null ? List.of() : corpus.problems());
        List<UtteranceRow> newRows = new ArrayList<>();
        Map<String, Path> toProbe = new LinkedHashMap<>();
        if (corpus != null) {
            for (Utterance u : corpus.utterances()) {
                double d = Double.NaN;
                if (u.segment() != null) {
                    d = u.segment().durationSeconds();
                } else if (u.audio() != null) {
                    toProbe.put(u.id(), u.audio());
                }
                UtteranceRow row = new UtteranceRow(u, d);
                newRows.add(row);
                rowsById.put(u.id(), row);
            }
        }
        labelFilter.set(null);
        splitFilter.set(null);
        labels.setAll(corpus == null ? List.of() : corpus.labels());
        splits.setAll(newRows.stream().map(r -> r.utterance().split()).distinct().sorted().toList());
        rows.setAll(newRows);
        updateEmptyText();
        if (!toProbe.isEmpty()) {
            durationTask = probeDurations(toProbe);
        }
    }

    /** Whether {@code now} is {@code before} plus utterances at the end (a recording was added). */
    private static boolean isAppendedTo(Corpus before, Corpus now) {
        return before != null && now != null && Objects.equals(before.root(), now.root())
                && before.format().equals(now.format()) && now.utterances().size() > before.utterances().size()
                && now.utterances().subList(0, before.utterances().size()).equals(before.utterances());
    }

    /** Adds rows for new utterances, keeping filters and selection. */
    private void append(List<Utterance> added, Corpus corpus) {
        List<UtteranceRow> newRows = new ArrayList<>();
        Map<String, Path> toProbe = new LinkedHashMap<>();
        for (Utterance u : added) {
            UtteranceRow row = new UtteranceRow(u, Double.NaN);
            newRows.add(row);
            rowsById.put(u.id(), row);
            if (u.audio() != null) {
                toProbe.put(u.id(), u.audio());
            }
        }
        for (EmotionLabel l : corpus.labels()) {
            if (!labels.contains(l)) {
                labels.add(l);
            }
        }
        newRows.stream().map(r -> r.utterance().split()).distinct().filter(s -> !splits.contains(s)).forEach(splits::add);
        FXCollections.sort(splits);
        FXCollections.sort(labels);
        rows.addAll(newRows);
        updateEmptyText();
        if (!toProbe.isEmpty()) {
            probeDurations(toProbe);
        }
    }

    /** Selects the utterance with this id when it is a row of the table (a recording just saved). */
    public void select(String id) {
        UtteranceRow row = rowsById.get(id);
        if (row != null) {
            if (!visibleRows.contains(row)) {
                filterText.set("");
                labelFilter.set(null);
                splitFilter.set(null);
            }
            selected.set(row);
        }
    }

    private TaskHandle probeDurations(Map<String, Path> files) {
        return runner.run("Reading durations", (progress, cancel) -> {
            Map<String, Double> batch = new HashMap<>();
            int done = 0;
            for (Map.Entry<String, Path> e : files.entrySet()) {
                cancel.throwIfCancelled();
                double seconds;
                try {
                    seconds = probe.applyAsDouble(e.getValue());
                } catch (RuntimeException unreadable) {
                    seconds = Double.NaN; // the loader already reported unreadable files as problems
                }
                batch.put(e.getKey(), seconds);
                done++;
                if (batch.size() >= DURATION_BATCH || done == files.size()) {
                    Map<String, Double> publish = batch;
                    batch = new HashMap<>();
                    fxThread.execute(() -> publish.forEach((id, s) -> {
                        UtteranceRow row = rowsById.get(id);
                        if (row != null) {
                            row.setDurationSeconds(s);
                        }
                    }));
                    progress.report("durations", done, files.size());
                }
            }
            return done;
        }, n -> { }, error -> { });
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        EmotionLabel label = labelFilter.get();
        Split split = splitFilter.get();
        visibleRows.setPredicate(row -> {
            Utterance u = row.utterance();
            if (label != null && !label.equals(u.label())) {
                return false;
            }
            if (split != null && split != u.split()) {
                return false;
            }
            if (text.isEmpty()) {
                return true;
            }
            return u.id().toLowerCase(Locale.ROOT).contains(text)
                    || u.speaker().id().toLowerCase(Locale.ROOT).contains(text)
                    || u.label().name().contains(text)
                    || (u.audio() != null && u.audio().getFileName().toString().toLowerCase(Locale.ROOT).contains(text));
        });
        updateEmptyText();
    }

    private void updateEmptyText() {
        String text;
        if (session.loadingProperty().get()) {
            text = "Loading corpus…";
        } else if (rows.isEmpty() && session.corpus() != null) {
            text = "This corpus has no usable utterances." + (problems.isEmpty() ? "" : " See the problems found while loading.");
        } else if (rows.isEmpty()) {
            String failure = session.loadFailureProperty().get();
            text = (failure == null ? "" : failure + "\n\n")
                    + "No corpus open. Use \"Open corpus\" to load a manifest CSV, a folder of audio files, "
                    + "or an IEMOCAP or MELD root folder.";
        } else {
            text = "No utterance matches the filter.";
        }
        emptyText.set(text);
    }

    // ---- precomputed features ----

    /** Where a checked feature folder goes (the Features screen's import); set by the screen. */
    public void setFeatureHandoff(Consumer<Path> handoff) {
        this.featureHandoff = Objects.requireNonNull(handoff);
    }

    /** Problems found by the last {@link #checkFeatures} (same form as the corpus's own problems). */
    public ObservableList<CorpusProblem> featureProblems() {
        return featureProblems;
    }

    /** Outcome of the last {@link #checkFeatures}, or null when none was made for the open corpus. */
    public ReadOnlyStringProperty featureCheckTextProperty() {
        return featureCheckText.getReadOnlyProperty();
    }

    /** The folder that the last {@link #checkFeatures} handed on, or null. */
    public ReadOnlyObjectProperty<Path> checkedFeaturesProperty() {
        return checkedFeatures.getReadOnlyProperty();
    }

    /**
     * Checks a folder of precomputed features (.npy/.npz/.csv) against the open corpus in the
     * background ({@link FeatureService#checkImport}: matching by utterance id or file stem, one
     * dimension for all files, unreadable files) and, when any utterance matched, hands the folder
     * to the Features screen. Why a folder cannot be used at all appears in the check's text.
     */
    public void checkFeatures(Path folder) {
        Corpus corpus = session.corpus();
        if (corpus == null) {
            featureCheckText.set("Open a corpus first: imported features are matched to its utterances by id.");
            return;
        }
        cancel(featureTask);
        featureCheckText.set("Checking features in " + folder + "…");
        featureProblems.clear();
        featureTask = runner.run("Checking features in " + folder.getFileName(),
                (progress, cancel) -> FeatureService.checkImport(corpus.utterances(), folder, progress, cancel),
                check -> {
                    if (session.corpus() != corpus) {
                        return; // another corpus was opened meanwhile
                    }
                    List<CorpusProblem> found = new ArrayList<>(check.problems());
                    if (!check.unusedIds().isEmpty()) {
                        int n = check.unusedIds().size();
                        found.add(new CorpusProblem(folder.toString(), n + (n == 1 ? " feature entry matches"
                                : " feature entries match") + " no utterance of this corpus (e.g. "
                                + String.join(", ", check.unusedIds().subList(0, Math.min(3, check.unusedIds().size())))
                                + "); they are ignored"));
                    }
                    featureProblems.setAll(found);
                    if (check.matched() == 0) {
                        featureCheckText.set("No utterance of " + corpus.name() + " has features in " + folder
                                + ": file names (without .npy) must equal utterance ids or audio file names.");
                        return;
                    }
                    featureCheckText.set(String.format(Locale.ROOT,
                            "Features in %s: %d of %d utterances matched, %d dims. The Features screen will import them.",
                            folder, check.matched(), check.utterances(), check.dims()));
                    checkedFeatures.set(folder);
                    featureHandoff.accept(folder);
                }, error -> {
                    if (session.corpus() == corpus) {
                        featureCheckText.set("The features in " + folder + " cannot be used: " + UserError.of(error).message());
                    }
                });
    }

    // ---- preview and playback ----

    /** The selected row (the view binds its table selection to this). */
    public ObjectProperty<UtteranceRow> selectedProperty() {
        return selected;
    }

    /** The preview of the selected utterance, or null while none is loaded. */
    public ReadOnlyObjectProperty<AudioPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** What the preview area says when it shows no preview (or a load error). */
    public ReadOnlyStringProperty previewStatusProperty() {
        return previewStatus.getReadOnlyProperty();
    }

    /** True while audio plays. */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing;
    }

    private void loadPreview(UtteranceRow row) {
        cancel(previewTask);
        preview.set(null);
        if (row == null) {
            previewStatus.set(SELECT_PROMPT);
            return;
        }
        Utterance u = row.utterance();
        if (u.audio() == null) {
            previewStatus.set(u.id() + " has no audio file (features only).");
            return;
        }
        previewStatus.set("Loading " + u.id() + "…");
        previewTask = runner.run("Loading " + u.id(), (progress, cancel) -> {
            AudioClip clip = loader.load(u);
            cancel.throwIfCancelled();
            return new Loaded(u.id(), clip, AudioPreview.compute(clip, ENVELOPE_COLUMNS, SPECTROGRAM_FRAMES));
        }, loaded -> {
            if (selected.get() != null && selected.get().id().equals(loaded.id())) {
                previewClip = loaded.clip();
                previewClipId = loaded.id();
                previewStatus.set(null);
                preview.set(loaded.preview());
                if (Double.isNaN(selected.get().durationSeconds())) {
                    selected.get().setDurationSeconds(loaded.clip().durationSeconds());
                }
            }
        }, error -> {
            if (selected.get() == row) {
                previewStatus.set(UserError.of(error).message());
            }
        });
    }

    /** Plays the selected utterance, or stops playback when something is playing. */
    public void togglePlay() {
        if (playing.get()) {
            stopPlayback();
            return;
        }
        UtteranceRow row = selected.get();
        if (row == null || row.utterance().audio() == null) {
            return;
        }
        Utterance u = row.utterance();
        AudioClip cached = u.id().equals(previewClipId) ? previewClip : null;
        playing.set(true);
        runner.run("Playing " + u.id(), (progress, cancel) -> {
            try {
                AudioClip clip = cached != null ? cached : loader.load(u);
                player.play(clip, () -> fxThread.execute(() -> playing.set(false)));
                return true;
            } catch (RuntimeException e) {
                fxThread.execute(() -> playing.set(false));
                throw e; // shown in the standard error dialog ("No audio output device ...")
            }
        }, started -> { });
    }

    /** Stops playback if something is playing. */
    public void stopPlayback() {
        if (playing.get()) {
            runner.run("Stopping playback", (p, c) -> {
                player.stop();
                return true;
            }, r -> playing.set(false));
        }
    }

    /** Stops playback and background work (the screen is closing). */
    public void dispose() {
        cancel(previewTask);
        cancel(durationTask);
        player.stop();
    }

    private static void cancel(TaskHandle h) {
        if (h != null) {
            h.cancel();
        }
    }

    /** Decodes an utterance's audio (its segment only, where it has one). */
    @FunctionalInterface
    public interface Loader {
        AudioClip load(Utterance utterance);
    }

    private record Loaded(String id, AudioClip clip, AudioPreview preview) {
    }
}
