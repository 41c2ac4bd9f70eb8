package org.e2v.cli;

import java.nio.file.Path;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Corpus;
import picocli.CommandLine.Option;

/** The {@code --corpus} and {@code --format} options of commands that read a corpus (a picocli mixin). */
public final class CorpusOptions {
    @Option(names = "--corpus", required = true, paramLabel = "<root|manifest>",
            description = "Corpus folder or manifest .csv (any layout the corpus loaders read).")
    Path corpus;

    @Option(names = "--format", defaultValue = "auto",
            description = "Corpus format: auto, folder, manifest, iemocap, meld, audacity (default: ${DEFAULT-VALUE}).")
    String format;

    /** Loads the corpus with the default loader options. */
    Corpus load() {
        return CorpusLoaders.load(corpus, format, LoaderOptions.defaults());
    }
}
