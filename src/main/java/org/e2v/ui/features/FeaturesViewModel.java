package org.e2v.ui.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.e2v.domain.Corpus;
import org.e2v.domain.FeatureMatrix;
import org.e2v.features.AudioFeatureSpec;
import org.e2v.features.ExtractionSummary;
import org.e2v.features.FeatureResult;
import org.e2v.features.FeatureService;
import org.e2v.features.FeatureSpec;
import org.e2v.features.FeatureSpecs;
import org.e2v.features.SpecField;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.TaskHandle;

/**
 * State and actions of the Features screen: the extractor and its settings (fields, defaults and
 * descriptions from {@link FeatureSpecs#describe}), extraction over the open corpus in the
 * background through the feature cache, the summary, and the selected utterance's matrix.
 * Uses JavaFX properties but not the toolkit.
 */
public final class FeaturesViewModel {
    /** The choice that imports precomputed features from a folder. */
    public static final String IMPORT = "import npy folder";
    /**
     * Workspace UI-state key of a feature folder checked on the Corpus screen: the Features screen
     * selects {@link #IMPORT} with it, the Train screen uses it as its feature set.
     */
    public static final String IMPORT_STATE_KEY = "features.import";

    /** One editable setting: its description and its current text. */
    public static final class Field {
        private final SpecField spec;
        private final StringProperty value;

        Field(SpecField spec) {
            this.spec = spec;
            this.value = new SimpleStringProperty(this, spec.name(), spec.defaultValue());
        }

        public SpecField spec() {
            return spec;
        }

        public StringProperty value() {
            return value;
        }
    }

    private final BackgroundRunner runner;
    private final Path cacheDir;

    public final ObservableList<String> kinds = FXCollections.observableArrayList();
    public final StringProperty kind = new SimpleStringProperty(this, "kind", "emobase");
    public final ObservableList<Field> fields = FXCollections.observableArrayList();
    public final StringProperty normalisation = new SimpleStringProperty(this, "normalisation", "utterance");
    public final ObjectProperty<Path> importFolder = new SimpleObjectProperty<>(this, "importFolder");
    public final ObjectProperty<Corpus> corpus = new SimpleObjectProperty<>(this, "corpus");
    public final ObjectProperty<FeatureResult> result = new SimpleObjectProperty<>(this, "result");
    public final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    public final ObservableList<String> problems = FXCollections.observableArrayList();
    public final ObservableList<String> utteranceIds = FXCollections.observableArrayList();
    public final StringProperty selectedId = new SimpleStringProperty(this, "selectedId");
    public final ObjectProperty<FeatureMatrix> selectedMatrix = new SimpleObjectProperty<>(this, "selectedMatrix");
    public final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private TaskHandle handle;

    public FeaturesViewModel(BackgroundRunner runner, Path cacheDir) {
        this.runner = Objects.requireNonNull(runner);
        this.cacheDir = cacheDir;
        kinds.addAll(FeatureSpecs.AUDIO_KINDS);
        kinds.add(IMPORT);
        kind.addListener((o, a, b) -> rebuildFields());
        selectedId.addListener((o, a, id) -> selectedMatrix.set(id == null || result.get() == null ? null : result.get().get(id)));
        rebuildFields();
    }

    /** Selects {@link #IMPORT} with {@code folder} (a folder checked on the Corpus screen). */
    public void useImportFolder(Path folder) {
        importFolder.set(folder);
        kind.set(IMPORT);
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    private void rebuildFields() {
        List<Field> fs = new ArrayList<>();
        if (!IMPORT.equals(kind.get())) {
            for (SpecField f : FeatureSpecs.describe(kind.get())) {
                // normalisation has its own control: it applies to imported features too
                if (!f.name().equals("normalisation")) {
                    fs.add(new Field(f));
                }
            }
        }
        fields.setAll(fs);
    }

    /** The spec the settings describe; an E2vException names a bad field. */
    public FeatureSpec spec() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Field f : fields) {
            if (!f.value.get().strip().equals(f.spec.defaultValue())) {
                overrides.put(f.spec.name(), f.value.get().strip());
            }
        }
        overrides.put("normalisation", normalisation.get());
        if (IMPORT.equals(kind.get())) {
            if (importFolder.get() == null) {
                throw new org.e2v.common.E2vException("choose the folder of .npy files to import");
            }
            return FeatureSpecs.parse("npy:" + importFolder.get(), Map.of("normalisation", normalisation.get()));
        }
        return FeatureSpecs.parse(kind.get(), overrides);
    }

    /** Extracts (or imports) features of every utterance of the open corpus in the background. */
    public boolean extract() {
        Corpus c = corpus.get();
        if (busy.get() || c == null) {
            return false;
        }
        FeatureSpec spec;
        try {
            spec = spec();
            error.set("");
        } catch (RuntimeException e) {
            error.set(e.getMessage());
            return false;
        }
        busy.set(true);
        handle = runner.run("Extracting " + spec.kind() + " features", (p, cancel) -> new FeatureService(cacheDir, 0)
                .extract(c.utterances(), spec, p, cancel), r -> {
                    busy.set(false);
                    show(r);
                }, e -> {
                    busy.set(false);
                    error.set(e.getMessage());
                });
        if (handle.isDone()) {
            busy.set(false);
        }
        return true;
    }

    /** Stops the extraction between utterances. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
            busy.set(false);
        }
    }

    private void show(FeatureResult r) {
        result.set(r);
        ExtractionSummary s = r.summary();
        summary.set(String.format(Locale.ROOT, "%d utterances · %,d frames · %d dims · %s audio · %.1f s · %d cache hits · %d problems",
                s.utterances(), s.frames(), s.dims(), Double.isNaN(s.audioSeconds()) ? "imported" : String.format(Locale.ROOT,
                        "%.1f s", s.audioSeconds()), s.elapsedSeconds(), s.cacheHits(), s.problems().size()));
        problems.setAll(s.problems().stream().map(Object::toString).toList());
        utteranceIds.setAll(r.features().keySet());
        selectedId.set(null);
        if (!utteranceIds.isEmpty()) {
            selectedId.set(utteranceIds.get(0));
        }
    }

    /** Column names of the extracted set ("f0", "mfcc3", ...), or "dim i" for imported features. */
    public List<String> columns() {
        FeatureResult r = result.get();
        if (r != null && r.spec() instanceof AudioFeatureSpec a) {
            return a.columns();
        }
        FeatureMatrix m = selectedMatrix.get();
        List<String> out = new ArrayList<>();
        for (int d = 0; m != null && d < m.dims(); d++) {
            out.add("dim " + d);
        }
        return out;
    }

    /** Seconds between frames of the extracted set; NaN for imported features (unknown hop). */
    public double hopSeconds() {
        FeatureResult r = result.get();
        return r != null && r.spec() instanceof AudioFeatureSpec a ? a.hopMs() / 1000.0 : Double.NaN;
    }
}
