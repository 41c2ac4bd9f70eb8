package org.e2v.ui.corpus;

import java.nio.file.Path;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.Corpus;

/**
 * Loads a corpus for the workbench: the seam between the GUI and the corpus loaders of
 * {@code org.e2v.data}. Called on a background thread.
 */
@FunctionalInterface
public interface CorpusOpener {
    /**
     * @param path     manifest file or corpus root folder
     * @param format   loader id, one of {@link CorpusSource#format()}
     * @param progress progress of a long load (IEMOCAP has ~10k utterances)
     * @param cancel   checked between files
     * @return the corpus with the problems found while loading
     * @throws E2vException when the corpus cannot be loaded at all
     */
    Corpus open(Path path, String format, ProgressSink progress, CancellationToken cancel);

    /** The corpus loaders of {@code org.e2v.data} with the paper's loader options. */
    static CorpusOpener loaders() {
        return (path, format, progress, cancel) -> org.e2v.data.CorpusLoaders.load(path, format,
                org.e2v.data.LoaderOptions.defaults());
    }

    /** An opener for builds without corpus loaders: every attempt fails with a plain message. */
    static CorpusOpener unavailable() {
        return (path, format, progress, cancel) -> {
            throw new E2vException("Cannot open " + path + ": this build of the workbench has no '" + format
                    + "' corpus loader.");
        };
    }
}
