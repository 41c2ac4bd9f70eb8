package org.e2v.experiment.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a workbench session needs to come back to where the user left off. Immutable: each
 * change makes a new value, so autosave can write a snapshot from any thread.
 *
 * @param corpus     the open corpus, or null when none is open
 * @param enrollment enrollment bins in display order: class name to utterance ids (Sec. 3: about
 *                   ten utterances per new class make its prototype)
 * @param model      the selected encoder model file, or null
 * @param run        the selected run directory, or null
 * @param uiState    small screen state worth keeping ("screen" = the visible screen id, filters)
 */
public record Workspace(CorpusRef corpus, Map<String, List<String>> enrollment, Path model, Path run,
                        Map<String, String> uiState) {
    /** Version of the JSON layout written by {@link WorkspaceStore}. */
    public static final int SCHEMA_VERSION = 1;

    public Workspace {
        Map<String, List<String>> bins = new LinkedHashMap<>();
        if (enrollment != null) {
            enrollment.forEach((k, v) -> bins.put(k, List.copyOf(v)));
        }
        enrollment = Collections.unmodifiableMap(bins);
        uiState = Collections.unmodifiableMap(uiState == null ? new LinkedHashMap<>() : new LinkedHashMap<>(uiState));
    }

    /** A workspace with nothing open. */
    public static Workspace empty() {
        return new Workspace(null, Map.of(), null, null, Map.of());
    }

    public Workspace withCorpus(CorpusRef newCorpus) {
        return new Workspace(newCorpus, enrollment, model, run, uiState);
    }

    public Workspace withEnrollment(Map<String, List<String>> newEnrollment) {
        return new Workspace(corpus, newEnrollment, model, run, uiState);
    }

    public Workspace withModel(Path newModel) {
        return new Workspace(corpus, enrollment, newModel, run, uiState);
    }

    public Workspace withRun(Path newRun) {
        return new Workspace(corpus, enrollment, model, newRun, uiState);
    }

    /** This workspace with one UI state entry set (or removed when {@code value} is null). */
    public Workspace withUiState(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(uiState);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new Workspace(corpus, enrollment, model, run, m);
    }

    /** All enrolled utterance ids, bin by bin. */
    public List<String> enrolledIds() {
        List<String> ids = new ArrayList<>();
        enrollment.values().forEach(ids::addAll);
        return ids;
    }
}
