package org.e2v.cli;

import picocli.CommandLine.Command;

/** The top-level {@code e2v} command; each subcommand is a thin layer over one service. */
@Command(name = "e2v", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Enroll-to-verify workbench for speech emotion recognition of unseen classes.",
                "Without a command, java -jar e2v.jar opens the workbench."},
        subcommands = {InfoCommand.class, CorpusCommand.class, RecordCommand.class, ExtractCommand.class, RunCommand.class, MetricsCommand.class, VerifyCommand.class, EmbedCommand.class,
                TaskCommand.class, BenchCommand.class, picocli.CommandLine.HelpCommand.class})
public final class E2vCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
