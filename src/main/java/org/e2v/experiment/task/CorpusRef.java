package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Where the corpus is and how to read it. */
public record CorpusRef(
        @JsonProperty("path") @JsonPropertyDescription("Corpus root or manifest, relative to the task file; 'demo' is the shipped demo corpus; overridden by --data.")
        String path,
        @JsonProperty("format") @JsonPropertyDescription("Loader: auto, folder, manifest, iemocap, meld or audacity.")
        String format,
        @JsonProperty("drop_labels") @JsonPropertyDescription("Labels to drop when loading (IEMOCAP xxx/oth are dropped by the loader by default).")
        List<String> dropLabels) {

    public static final List<String> FORMATS = List.of("auto", "folder", "manifest", "iemocap", "meld", "audacity");

    public CorpusRef {
        path = path == null || path.isBlank() ? "demo" : path.strip();
        format = format == null || format.isBlank() ? "auto" : format.strip().toLowerCase(java.util.Locale.ROOT);
        dropLabels = dropLabels == null ? List.of() : List.copyOf(dropLabels);
    }
}
