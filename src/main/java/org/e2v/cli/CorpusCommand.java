package org.e2v.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.e2v.common.CancellationToken;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.CorpusSummary;
import org.e2v.data.LoadedCorpus;
import org.e2v.data.LoaderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code e2v corpus <root>}: load a corpus and print its summary (counts, duration, problems) as JSON. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Load a corpus (IEMOCAP, MELD, label folders, manifest CSV, Audacity labels) and print "
                + "utterance counts per label, speaker and split, total duration, exclusions and every problem "
                + "found, as JSON.")
public final class CorpusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT",
            description = "Corpus folder (IEMOCAP_full_release, MELD folder, label folders, Audacity folder) "
                    + "or manifest .csv file.")
    Path root;

    @Option(names = "--format", defaultValue = "auto",
            description = "Corpus format: auto, folder, manifest, iemocap, meld, audacity (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--verify-media",
            description = "Open every audio/video file's header and report unreadable ones (slow on large corpora).")
    boolean verifyMedia;

    @Option(names = "--keep-excited",
            description = "IEMOCAP: keep 'excited' as its own class instead of merging it into happy (Sec. 3.1.1).")
    boolean keepExcited;

    @Option(names = "--drop-labels", split = ",", paramLabel = "LABEL",
            description = "Labels or codes to leave out and count (default: xxx,oth). Pass --drop-labels= for none.")
    List<String> dropLabels;

    @Option(names = "--min-confidence", defaultValue = "0.5",
            description = "Leave out utterances whose rater agreement is below this (Sec. 5.4; default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Override
    public Integer call() {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new ParameterException(spec.commandLine(), "--min-confidence must lie in [0, 1], got " + minConfidence);
        }
        LoaderOptions options = LoaderOptions.defaults()
                .withMergeExcitedIntoHappy(!keepExcited)
                .withMinConfidence(minConfidence)
                .withVerifyMedia(verifyMedia);
        if (dropLabels != null) {
            options = options.withDropLabels(new LinkedHashSet<>(dropLabels));
        }
        LoadedCorpus loaded = CorpusLoaders.loadDetailed(root, format, options);
        CorpusSummary summary = CorpusSummary.of(loaded, ProgressSink.NONE, CancellationToken.NONE);
        Json.print(spec.commandLine().getOut(), summary);
        return 0;
    }
}
