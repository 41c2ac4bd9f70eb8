package org.e2v.cli;

import java.util.concurrent.Callable;
import org.e2v.audio.DecodeBenchmark;
import org.e2v.audio.SampleFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code e2v bench decode}: WAV decoding and resampling speed on a generated file (JSON). */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Generate a WAV file (default: 30 min, 48 kHz, stereo, 24-bit), decode it to 16 kHz mono "
                + "and print the decode time, real-time factor and heap growth (JSON).")
public final class BenchDecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "1800", description = "Length of the generated audio in seconds.")
    double seconds;

    @Option(names = "--rate", defaultValue = "48000", description = "Sample rate of the generated file in Hz.")
    int rateHz;

    @Option(names = "--channels", defaultValue = "2", description = "Channel count of the generated file.")
    int channels;

    @Option(names = "--format", defaultValue = "PCM_S24",
            description = "Sample format: ${COMPLETION-CANDIDATES}.")
    SampleFormat format;

    @Override
    public Integer call() {
        Json.print(spec.commandLine().getOut(), DecodeBenchmark.run(seconds, rateHz, channels, format));
        return 0;
    }
}
