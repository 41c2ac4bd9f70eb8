package org.e2v.model.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.e2v.model.LossSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Every loss, with its usual hyper-parameters, is minimised on a learnable problem: 30 Adam steps halve it (a few seconds of CPU: the suite runs on shared cores). */
class LossDecreasesOnToyProblemTest {
    private static final int STEPS = 30;

    static Stream<LossSpec> losses() {
        return Stream.of(LossSpec.of("sm", 0.0), LossSpec.of("am", 0.2), LossSpec.of("aam", 0.2),
                LossSpec.of("triplet", 0.1), LossSpec.of("proto", 0.0), LossSpec.of("aproto", 0.0),
                LossSpec.of("amproto", 0.3), LossSpec.namp());
    }

    /** Start and end loss per loss name, written to target/ for the report. */
    private static final Map<String, String> FIGURES = new TreeMap<>();

    @AfterAll
    static void writeFigures() throws IOException {
        StringBuilder text = new StringBuilder("loss\tinitial\tafter 30 Adam steps\n");
        FIGURES.forEach((k, v) -> text.append(k).append('\t').append(v).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "toy-loss-descent.txt"), text.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossFallsBelowHalfOfItsStartInThirtySteps(LossSpec spec) {
        ToyProblem toy = new ToyProblem(spec, DataType.FLOAT, 3, 0.05);
        double initial = toy.loss();
        for (int i = 0; i < STEPS; i++) {
            toy.step();
        }
        double last = toy.loss();
        synchronized (FIGURES) {
            FIGURES.put(spec.name(), initial + "\t" + last);
        }
        assertThat(initial).isFinite().isPositive();
        assertThat(last).as("%s: loss after %d steps (start %f)", spec.name(), STEPS, initial).isLessThan(0.5 * initial);
    }
}
