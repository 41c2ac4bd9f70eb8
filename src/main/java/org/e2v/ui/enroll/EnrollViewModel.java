package org.e2v.ui.enroll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.enroll.EnrollmentSession;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.enroll.EnrollmentSetFiles;
import org.e2v.enroll.VerificationResult;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.enroll.QuerySplit;
import org.e2v.experiment.enroll.ScoredQueries;
import org.e2v.experiment.enroll.VerifyService;
import org.e2v.experiment.workspace.Workspace;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.TaskHandle;
import org.e2v.ui.workspace.WorkspaceModel;

/**
 * State and actions of the Enroll &amp; verify screen, free of controls (testable without the FX
 * toolkit, with {@link BackgroundRunner#inline}).
 *
 * <p>The whole open corpus is embedded once per encoder, in the background (cached on disk per
 * model by the embedding service). From then on every edit is one incremental
 * {@link EnrollmentSession} update (one prototype column, {@code Q x E} multiply-adds) plus
 * {@link ScoredQueries#of} over the queries: well under a millisecond for thousands of queries,
 * so edits run on the FX thread and results appear at once.
 *
 * <p>Bins are plain state (names and utterance ids) kept in the workspace, so they survive
 * autosave and can be edited before the embeddings exist; the session mirrors them whenever it
 * exists. The saved set is the file {@code e2v verify --enrollment} reads.
 */
public final class EnrollViewModel {
    /** Bins of a new workspace: the demo task's new-class pair (Sec. 5: neutral vs frustrated). */
    public static final List<String> DEFAULT_BINS = List.of("neutral", "frustrated");
    /** UI-state key of the rejection threshold in the workspace ("off" or a distance). */
    static final String THRESHOLD_KEY = "enroll.threshold";
    static final String NO_MODEL_TEXT = "Choose an encoder with \"Open model...\" at the top left of this screen, "
            + "or train one on the Train screen and press \"Use this encoder\".";
    /** 10-degree bins over [0, 180], as in Fig. 3. */
    static final int POLAR_BINS = 18;

    /** Embeds utterances with an encoder (the standard one is {@link VerifyService#embed}). */
    @FunctionalInterface
    public interface Embedder {
        EmbeddingResult embed(Path model, List<Utterance> utterances, ProgressSink progress, CancellationToken cancel);
    }

    /** Plays an utterance (blocking until it has started; called in the background). */
    @FunctionalInterface
    public interface Player {
        void play(Utterance utterance) throws Exception;
    }

    private final ReadOnlyObjectProperty<Corpus> corpus;
    private final WorkspaceModel workspace;
    private final BackgroundRunner runner;
    private final Embedder embedder;
    private final Player player;

    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", NO_MODEL_TEXT);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");
    private final ReadOnlyBooleanWrapper embedding = new ReadOnlyBooleanWrapper(this, "embedding");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ObjectProperty<QuerySplit> enrollSplit = new SimpleObjectProperty<>(this, "enrollSplit", QuerySplit.VALIDATION);
    private final ObjectProperty<QuerySplit> querySplit = new SimpleObjectProperty<>(this, "querySplit", QuerySplit.TEST);
    private final BooleanProperty allLabels = new SimpleBooleanProperty(this, "allLabels");
    private final BooleanProperty thresholdEnabled = new SimpleBooleanProperty(this, "thresholdEnabled");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.5);
    private final StringProperty labelFilter = new SimpleStringProperty(this, "labelFilter");
    private final StringProperty speakerFilter = new SimpleStringProperty(this, "speakerFilter");
    private final ObservableList<Utterance> candidates = FXCollections.observableArrayList();
    private final FilteredList<Utterance> visibleCandidates = new FilteredList<>(candidates, u -> true);
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final ObservableList<String> speakers = FXCollections.observableArrayList();
    private final ObservableList<EnrollBin> bins = FXCollections.observableArrayList();
    // One read-only wrapper for the ViewModel's life: FXCollections' unmodifiable view listens to
    // its source weakly, so handing out a fresh wrapper per call let views' listeners die with
    // the wrapper at the next GC (bins then stopped redrawing after "Load set").
    private final ObservableList<EnrollBin> readOnlyBins = FXCollections.unmodifiableObservableList(bins);
    private final ReadOnlyObjectWrapper<EnrollResults> results = new ReadOnlyObjectWrapper<>(this, "results");

    private final Map<String, Utterance> byId = new HashMap<>();
    private Map<String, float[]> embeddings = Map.of();
    private String modelHash;
    private EnrollmentSession session;
    private List<String> queryLabels = List.of();
    private TaskHandle embedTask;
    private boolean applyingWorkspace;

    /**
     * @param corpus       the open corpus (shared by all screens)
     * @param workspace    where bins, model and threshold are kept
     * @param runner       background execution
     * @param embedder     embeds the corpus with an encoder
     * @param player       plays an utterance
     * @param defaultModel the encoder chosen at start when the workspace names none (null: none)
     */
    public EnrollViewModel(ReadOnlyObjectProperty<Corpus> corpus, WorkspaceModel workspace, BackgroundRunner runner,
                           Embedder embedder, Player player, Path defaultModel) {
        this.corpus = Objects.requireNonNull(corpus);
        this.workspace = Objects.requireNonNull(workspace);
        this.runner = Objects.requireNonNull(runner);
        this.embedder = Objects.requireNonNull(embedder);
        this.player = Objects.requireNonNull(player);
        labelFilter.addListener((o, a, b) -> refilter());
        speakerFilter.addListener((o, a, b) -> refilter());
        enrollSplit.addListener((o, a, b) -> refreshCandidates());
        querySplit.addListener((o, a, b) -> rebuildSession(System.nanoTime()));
        allLabels.addListener((o, a, b) -> recompute(System.nanoTime()));
        thresholdEnabled.addListener((o, a, b) -> thresholdChanged());
        threshold.addListener((o, a, b) -> {
            if (thresholdEnabled.get()) {
                thresholdChanged();
            }
        });
        corpus.addListener((o, a, c) -> corpusChanged());
        workspace.currentProperty().addListener((o, a, w) -> followWorkspace(w));

        Workspace w = workspace.current();
        applyingWorkspace = true;
        try {
            List<String> names = w.enrollment().isEmpty() ? DEFAULT_BINS : List.copyOf(w.enrollment().keySet());
            for (String name : names) {
                EnrollBin bin = new EnrollBin(name);
                bin.mutableIds().setAll(w.enrollment().getOrDefault(name, List.of()));
                bins.add(bin);
            }
            applyThresholdState(w.uiState().get(THRESHOLD_KEY));
        } finally {
            applyingWorkspace = false;
        }
        Path start = w.model() != null ? w.model() : defaultModel != null && Files.isRegularFile(defaultModel) ? defaultModel : null;
        if (start != null) {
            model.set(start);
            if (w.model() == null) {
                workspace.updateSilently(x -> x.withModel(start));
            }
        }
        corpusChanged();
    }

    // ---- model and embeddings ----

    /** The chosen encoder, or null. */
    public ReadOnlyObjectProperty<Path> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Chooses another encoder: the corpus is embedded again (or read from the cache). */
    public void openModel(Path file) {
        Objects.requireNonNull(file);
        if (file.equals(model.get())) {
            return;
        }
        model.set(file);
        workspace.update(w -> w.withModel(file));
        startEmbedding();
    }

    /** What the results area says when it has no results (empty state, progress, problems). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A message worth showing once (a set from another encoder, utterances left out), or null. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Hides the current notice. */
    public void dismissNotice() {
        notice.set(null);
    }

    /** True while the corpus is being embedded. */
    public ReadOnlyBooleanProperty embeddingProperty() {
        return embedding.getReadOnlyProperty();
    }

    /** True once embeddings exist and queries are verified on every edit. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** "sha256:..." of the encoder whose embeddings are in use, or null. */
    public String modelHash() {
        return modelHash;
    }

    private void corpusChanged() {
        Corpus c = corpus.get();
        byId.clear();
        TreeSet<String> labelSet = new TreeSet<>();
        TreeSet<String> speakerSet = new TreeSet<>();
        if (c != null) {
            for (Utterance u : c.utterances()) {
                byId.put(u.id(), u);
                labelSet.add(u.label().name());
                speakerSet.add(u.speaker().id());
            }
        }
        labels.setAll(labelSet);
        speakers.setAll(speakerSet);
        refreshCandidates();
        startEmbedding();
    }

    private void startEmbedding() {
        if (embedTask != null) {
            embedTask.cancel();
            embedTask = null;
        }
        embeddings = Map.of();
        modelHash = null;
        session = null;
        ready.set(false);
        results.set(null);
        Corpus c = corpus.get();
        Path m = model.get();
        if (m == null) {
            status.set(NO_MODEL_TEXT);
            return;
        }
        if (c == null) {
            status.set("Open a corpus on the Corpus screen: its utterances are enrolled and verified here.");
            return;
        }
        List<Utterance> all = c.utterances();
        status.set("Embedding " + all.size() + " utterances with " + m.getFileName() + "...");
        embedding.set(true);
        TaskHandle[] handle = new TaskHandle[1];
        handle[0] = runner.run("Embedding " + c.name() + " with " + m.getFileName(),
                (progress, cancel) -> embedder.embed(m, all, progress, cancel),
                r -> {
                    if (!m.equals(model.get()) || c != corpus.get()) {
                        return; // superseded
                    }
                    embedding.set(false);
                    embedTask = null;
                    embeddings = r.embeddings();
                    modelHash = VerifyService.modelHash(r);
                    if (!r.problems().isEmpty()) {
                        notice.set(r.problems().size() + " utterances could not be embedded and are left out (first: "
                                + r.problems().get(0) + ").");
                    }
                    rebuildSession(System.nanoTime());
                },
                error -> {
                    if (m.equals(model.get()) && c == corpus.get()) {
                        embedding.set(false);
                        embedTask = null;
                        status.set("Could not embed the corpus with " + m.getFileName() + ": "
                                + org.e2v.ui.concurrent.UserError.of(error).message());
                    }
                });
        if (!handle[0].isDone()) {
            embedTask = handle[0];
        }
    }

    // ---- corpus list ----

    /** Utterances of the enrollment split that are not enrolled, after the filters. */
    public ObservableList<Utterance> visibleCandidates() {
        return visibleCandidates;
    }

    /** Which split the corpus list offers for enrollment (default validation, as in Sec. 5). */
    public ObjectProperty<QuerySplit> enrollSplitProperty() {
        return enrollSplit;
    }

    /** Only this label in the corpus list (null: all). */
    public StringProperty labelFilterProperty() {
        return labelFilter;
    }

    /** Only this speaker in the corpus list (null: all). */
    public StringProperty speakerFilterProperty() {
        return speakerFilter;
    }

    /** The corpus's labels, for the label filter. */
    public ObservableList<String> labels() {
        return labels;
    }

    /** The corpus's speakers, for the speaker filter. */
    public ObservableList<String> speakers() {
        return speakers;
    }

    /** The utterance with this id in the open corpus, or null. */
    public Utterance utterance(String id) {
        return byId.get(id);
    }

    private void refreshCandidates() {
        Corpus c = corpus.get();
        if (c == null) {
            candidates.clear();
            return;
        }
        Set<String> enrolled = enrolledIds();
        QuerySplit split = enrollSplit.get() == null ? QuerySplit.VALIDATION : enrollSplit.get();
        List<Utterance> list = new ArrayList<>();
        for (Utterance u : c.utterances()) {
            if (split.contains(u) && !enrolled.contains(u.id())) {
                list.add(u);
            }
        }
        candidates.setAll(list);
    }

    private void refilter() {
        String label = labelFilter.get();
        String speaker = speakerFilter.get();
        visibleCandidates.setPredicate(u -> (label == null || u.label().name().equals(label))
                && (speaker == null || u.speaker().id().equals(speaker)));
    }

    // ---- bins ----

    /** The class bins in order. */
    public ObservableList<EnrollBin> bins() {
        return readOnlyBins;
    }

    /** Adds an empty bin at the end. */
    public void addBin(String name) {
        String n = checkNewName(name);
        bins.add(new EnrollBin(n));
        if (session != null) {
            session.addClass(n);
        }
        edited(System.nanoTime());
    }

    /** Renames bin {@code index}. */
    public void renameBin(int index, String newName) {
        EnrollBin bin = bins.get(index);
        String n = newName == null ? "" : newName.strip();
        if (n.equals(bin.name())) {
            return;
        }
        checkNewName(n);
        if (session != null) {
            session.renameClass(bin.name(), n);
        }
        bin.rename(n);
        edited(System.nanoTime());
    }

    /** Removes bin {@code index}; its utterances return to the corpus list. */
    public void removeBin(int index) {
        EnrollBin bin = bins.remove(index);
        if (session != null) {
            session.removeClass(bin.name());
        }
        refreshCandidates();
        edited(System.nanoTime());
    }

    /**
     * Enrolls utterances into bin {@code index} (0-based), moving any that sit in another bin.
     * Ids that are already in this bin or not in the corpus are ignored.
     */
    public void enroll(int index, List<String> ids) {
        long start = System.nanoTime();
        if (index < 0 || index >= bins.size()) {
            throw new E2vException("there is no bin " + (index + 1) + " (there are " + bins.size() + ")");
        }
        EnrollBin target = bins.get(index);
        boolean changed = false;
        for (String id : ids) {
            if (target.mutableIds().contains(id) || !byId.containsKey(id)) {
                continue;
            }
            for (EnrollBin other : bins) {
                if (other.mutableIds().remove(id) && session != null && session.classOf(id) != null) {
                    session.unenroll(id);
                }
            }
            target.mutableIds().add(id);
            float[] v = embeddings.get(id);
            if (session != null && v != null) {
                session.enroll(target.name(), id, v);
            }
            changed = true;
        }
        if (changed) {
            refreshCandidates();
            edited(start);
        }
    }

    /** Removes utterances from whichever bins hold them (they return to the corpus list). */
    public void unenroll(List<String> ids) {
        long start = System.nanoTime();
        boolean changed = false;
        for (String id : ids) {
            for (EnrollBin bin : bins) {
                if (bin.mutableIds().remove(id)) {
                    changed = true;
                    if (session != null && session.classOf(id) != null) {
                        session.unenroll(id);
                    }
                }
            }
        }
        if (changed) {
            refreshCandidates();
            edited(start);
        }
    }

    /** The bin holding {@code id}, or -1. */
    public int binOf(String id) {
        for (int i = 0; i < bins.size(); i++) {
            if (bins.get(i).mutableIds().contains(id)) {
                return i;
            }
        }
        return -1;
    }

    private String checkNewName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new E2vException("A class bin needs a name.");
        }
        if (bins.stream().anyMatch(b -> b.name().equals(n))) {
            throw new E2vException("There is already a bin named \"" + n + "\".");
        }
        return n;
    }

    private Set<String> enrolledIds() {
        Set<String> ids = new HashSet<>();
        bins.forEach(b -> ids.addAll(b.mutableIds()));
        return ids;
    }

    /** Bin name to ids, in bin order (the workspace's and the saved set's form). */
    public Map<String, List<String>> binContents() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        bins.forEach(b -> m.put(b.name(), List.copyOf(b.mutableIds())));
        return m;
    }

    // ---- verification ----

    /** Which utterances are verified (default test). */
    public ObjectProperty<QuerySplit> querySplitProperty() {
        return querySplit;
    }

    /** Count queries of every label (open-set view), not only of the enrolled classes. */
    public BooleanProperty allLabelsProperty() {
        return allLabels;
    }

    /** Whether the open-set threshold is on (off by default: the closed-set rule of Algorithm 1). */
    public BooleanProperty thresholdEnabledProperty() {
        return thresholdEnabled;
    }

    /** The open-set threshold on the cosine distance, 0..2. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** The latest results, or null before embeddings exist. */
    public ReadOnlyObjectProperty<EnrollResults> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    private void thresholdChanged() {
        if (!applyingWorkspace) {
            String value = thresholdEnabled.get() ? String.format(Locale.ROOT, "%.4f", threshold.get()) : null;
            workspace.update(w -> w.withUiState(THRESHOLD_KEY, value));
        }
        if (session != null) {
            session.setMaxDistance(currentMaxDistance());
            recompute(System.nanoTime());
        }
    }

    private double currentMaxDistance() {
        return thresholdEnabled.get() ? threshold.get() : Double.POSITIVE_INFINITY;
    }

    private void rebuildSession(long start) {
        Corpus c = corpus.get();
        if (c == null || embeddings.isEmpty()) {
            return;
        }
        QuerySplit split = querySplit.get() == null ? QuerySplit.TEST : querySplit.get();
        List<Utterance> queries = split.select(c).stream().filter(u -> embeddings.containsKey(u.id())).toList();
        if (queries.isEmpty()) {
            session = null;
            ready.set(false);
            results.set(null);
            status.set("The corpus has no " + split.id() + " utterances to verify: choose another query split.");
            return;
        }
        session = VerifyService.session(queries, embeddings);
        queryLabels = queries.stream().map(u -> u.label().name()).toList();
        int missing = 0;
        for (EnrollBin bin : bins) {
            session.addClass(bin.name());
            for (String id : bin.mutableIds()) {
                float[] v = embeddings.get(id);
                if (v == null) {
                    missing++;
                } else {
                    session.enroll(bin.name(), id, v);
                }
            }
        }
        if (missing > 0) {
            notice.set(missing + " enrolled utterances have no embedding (not in this corpus, or unreadable) and "
                    + "take no part in verification.");
        }
        session.setMaxDistance(currentMaxDistance());
        ready.set(true);
        recompute(start);
    }

    private void edited(long start) {
        recompute(start);
        if (!applyingWorkspace) {
            Map<String, List<String>> contents = binContents();
            workspace.update(w -> w.withEnrollment(contents));
        }
    }

    private void recompute(long start) {
        if (session == null) {
            return;
        }
        VerificationResult r = session.result();
        ScoredQueries scored = ScoredQueries.of(r, queryLabels, enrolledIds(), allLabels.get());
        int[] rowIndex = scored.rows();
        List<QueryRow> rows = new ArrayList<>(rowIndex.length);
        double[] angles = r.polarAnglesDeg();
        float[] d = new float[r.classCount()];
        Map<String, List<Double>> anglesByLabel = new LinkedHashMap<>();
        for (int i = 0; i < rowIndex.length; i++) {
            int q = rowIndex[i];
            for (int k = 0; k < d.length; k++) {
                d[k] = r.distance(q, k);
            }
            double angle = r.hasPolarAngles() ? angles[q] : Double.NaN;
            rows.add(new QueryRow(scored.ids().get(i), scored.yTrue().get(i), scored.yPred().get(i), d, r.classNames(), angle));
            if (r.hasPolarAngles()) {
                anglesByLabel.computeIfAbsent(scored.yTrue().get(i), k -> new ArrayList<>()).add(angle);
            }
        }
        ChartData.PolarHistogram polar = null;
        if (r.hasPolarAngles() && !anglesByLabel.isEmpty()) {
            Map<String, double[]> byClass = new LinkedHashMap<>();
            anglesByLabel.forEach((k, v) -> byClass.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            polar = new ChartData.PolarHistogram("Polar angle of the queries", r.polarClassA(), r.polarClassB(),
                    byClass, POLAR_BINS);
        }
        ChartData.Confusion confusion = scored.hasReport() ? ChartData.Confusion.of("Confusion", scored.report()) : null;
        results.set(new EnrollResults(r, scored, rows, polar, confusion, System.nanoTime() - start));
        status.set(r.classCount() == 0 ? "Drag utterances into the bins to enroll them: each class needs at least one."
                : scored.hasReport() ? "" : "No " + querySplit.get().id() + " utterance has the label of an enrolled class; "
                + "count all labels to see how they are verified.");
    }

    // ---- playing ----

    /** Plays an utterance in the background; a failure (no audio output) is shown as an error. */
    public void play(String id) {
        Utterance u = byId.get(id);
        if (u == null || u.audio() == null) {
            return;
        }
        runner.run("Playing " + id, (progress, cancel) -> {
            player.play(u);
            return null;
        }, ignored -> { });
    }

    // ---- saved sets ----

    /** The enrollment set as saved: bins, ids, encoder name and hash, threshold. */
    public EnrollmentSet currentSet() {
        Path m = model.get();
        return new EnrollmentSet(EnrollmentSet.SCHEMA_VERSION, bins.stream().map(EnrollBin::name).toList(), binContents(),
                m == null ? null : m.getFileName().toString(), modelHash,
                thresholdEnabled.get() ? threshold.get() : null);
    }

    /** Saves the set (in the background) to the file {@code e2v verify --enrollment} reads. */
    public void saveSet(Path file) {
        EnrollmentSet set = currentSet();
        runner.run("Saving enrollment set", (progress, cancel) -> {
            EnrollmentSetFiles.save(file, set);
            return file;
        }, f -> notice.set("Saved " + f.getFileName() + ". Reproduce headless: e2v verify --model <encoder> "
                + "--corpus <corpus> --enrollment " + f.getFileName()));
    }

    /**
     * Loads a saved set (in the background) and replaces the bins with it. A set saved with
     * another encoder loads but raises a notice, since its results will differ; utterances the
     * open corpus lacks are left out with a notice.
     */
    public void loadSet(Path file) {
        runner.run("Loading enrollment set", (progress, cancel) -> EnrollmentSetFiles.load(file), set -> apply(set, file));
    }

    private void apply(EnrollmentSet set, Path from) {
        List<String> messages = new ArrayList<>();
        if (set.modelHash() != null && modelHash != null && !set.modelHash().equals(modelHash)) {
            messages.add("Careful: " + from.getFileName() + " was made with another encoder"
                    + (set.modelId() == null ? "" : " (" + set.modelId() + ")") + ". Its samples are enrolled with "
                    + (model.get() == null ? "the current encoder" : model.get().getFileName())
                    + ", so the results differ from the session that saved it.");
        }
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : set.classes()) {
            List<String> ids = new ArrayList<>();
            for (String id : set.enrolled().get(name)) {
                if (byId.containsKey(id) || corpus.get() == null) {
                    ids.add(id);
                } else {
                    missing.add(id);
                }
            }
            kept.put(name, ids);
        }
        if (!missing.isEmpty()) {
            messages.add(missing.size() + " enrolled utterances are not in the open corpus and were left out (first: "
                    + missing.get(0) + ").");
        }
        applyingWorkspace = true;
        try {
            thresholdEnabled.set(set.maxDistance() != null);
            if (set.maxDistance() != null) {
                threshold.set(set.maxDistance());
            }
        } finally {
            applyingWorkspace = false;
        }
        replaceBins(kept, System.nanoTime());
        String value = set.maxDistance() == null ? null : String.format(Locale.ROOT, "%.4f", set.maxDistance());
        workspace.update(w -> w.withEnrollment(binContents()).withUiState(THRESHOLD_KEY, value));
        notice.set(messages.isEmpty() ? "Loaded " + from.getFileName() + "." : String.join(" ", messages));
    }

    private void replaceBins(Map<String, List<String>> contents, long start) {
        bins.clear();
        contents.forEach((name, ids) -> {
            EnrollBin bin = new EnrollBin(name);
            bin.mutableIds().setAll(ids);
            bins.add(bin);
        });
        refreshCandidates();
        rebuildSession(start);
    }

    // ---- workspace ----

    private void followWorkspace(Workspace w) {
        if (applyingWorkspace) {
            return;
        }
        applyingWorkspace = true;
        try {
            if (!w.enrollment().isEmpty() && !w.enrollment().equals(binContents())) {
                replaceBins(w.enrollment(), System.nanoTime());
            }
            applyThresholdState(w.uiState().get(THRESHOLD_KEY));
        } finally {
            applyingWorkspace = false;
        }
        if (w.model() != null && !w.model().equals(model.get())) {
            model.set(w.model());
            startEmbedding();
        }
    }

    private void applyThresholdState(String value) {
        if (value == null) {
            thresholdEnabled.set(false);
            return;
        }
        try {
            threshold.set(Double.parseDouble(value));
            thresholdEnabled.set(true);
        } catch (NumberFormatException e) {
            thresholdEnabled.set(false);
        }
    }
}
