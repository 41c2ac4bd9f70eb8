package org.e2v.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code e2v bench ...}: benchmarks that print JSON figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks printing JSON: training step time, embedding time, feature real-time factor, re-verification time.",
        subcommands = {BenchTrainCommand.class, BenchEmbedCommand.class, BenchFeaturesCommand.class, BenchEnrollCommand.class,
                BenchDecodeCommand.class, BenchSoakCommand.class, BenchFuzzCommand.class, BenchRecordCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
