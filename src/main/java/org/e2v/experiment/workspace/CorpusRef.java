package org.e2v.experiment.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a workspace's corpus comes from.
 *
 * @param path   the manifest file or corpus root folder
 * @param format the loader that reads it, as in {@link org.e2v.domain.Corpus#format()}
 *               ("manifest", "folder", "iemocap", "meld")
 */
public record CorpusRef(Path path, String format) {
    public CorpusRef {
        Objects.requireNonNull(path, "path");
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("a corpus reference needs a format");
        }
    }
}
