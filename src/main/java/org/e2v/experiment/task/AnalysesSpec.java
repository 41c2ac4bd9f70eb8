package org.e2v.experiment.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Which analyses of the paper to run (Sec. 4-5), each with its settings. */
public record AnalysesSpec(
        @JsonProperty("baseline_all") @JsonPropertyDescription("The 'All' baseline (Table 4): the same encoder trained with supervision on all data of the new task's classes; McNemar against enroll-to-verify.")
        Boolean baselineAll,
        @JsonProperty("margin_sweep") @JsonPropertyDescription("Fig. 2: margins to pretrain with (NAMP/AMProto family); empty = off. The paper: -0.4 to 0.3 in steps of 0.1.")
        List<Double> marginSweep,
        @JsonProperty("polar_histogram") @JsonPropertyDescription("Fig. 3: histogram of polar angles of the queries between the reference class and each other class.")
        Boolean polarHistogram,
        @JsonProperty("enrollment_curve") @JsonPropertyDescription("Fig. 4: UAR against N_p for these counts; empty = off.")
        List<Integer> enrollmentCurve,
        @JsonProperty("enrollment_draws") @JsonPropertyDescription("Fig. 4: random draws per N_p.")
        Integer enrollmentDraws,
        @JsonProperty("label_confidence") @JsonPropertyDescription("Fig. 5: enroll from confident (agreement 1.0) vs less confident samples, where the corpus has rater agreement.")
        Boolean labelConfidence,
        @JsonProperty("loss_comparison") @JsonPropertyDescription("Exp I (Table 4): pretrain with each of these losses; empty = off.")
        List<String> lossComparison,
        @JsonProperty("encoder_comparison") @JsonPropertyDescription("Exp II (Table 5): pretrain with each of these encoders; empty = off.")
        List<String> encoderComparison,
        @JsonProperty("task_pairs") @JsonPropertyDescription("Exp III (Table 6): verify each of these class pairs (each 'a,b') with the same encoder; empty = off.")
        List<String> taskPairs,
        @JsonProperty("pretrain_classes") @JsonPropertyDescription("Table 7: pretrain on each of these class sets (each 'a,b,c'); empty = off.")
        List<String> pretrainClasses) {

    public AnalysesSpec {
        baselineAll = baselineAll != null && baselineAll;
        marginSweep = marginSweep == null ? List.of() : List.copyOf(marginSweep);
        polarHistogram = polarHistogram == null || polarHistogram;
        enrollmentCurve = enrollmentCurve == null ? List.of() : List.copyOf(enrollmentCurve);
        enrollmentDraws = enrollmentDraws == null ? 10 : enrollmentDraws;
        labelConfidence = labelConfidence != null && labelConfidence;
        lossComparison = lossComparison == null ? List.of() : List.copyOf(lossComparison);
        encoderComparison = encoderComparison == null ? List.of() : List.copyOf(encoderComparison);
        taskPairs = taskPairs == null ? List.of() : List.copyOf(taskPairs);
        pretrainClasses = pretrainClasses == null ? List.of() : List.copyOf(pretrainClasses);
    }
}
