package org.e2v.experiment.run;

import java.util.List;

/**
 * The headline numbers of a run, read back from its metrics.json. Missing values are NaN (an
 * analysis that was not run), never zero.
 *
 * @param name            run name (the task's name)
 * @param pretrainUar     UAR of the pretrained encoder's own head on its basic classes
 * @param verifyUar       mean enroll-to-verify UAR over the enrollment draws
 * @param verifyUarStd    its standard deviation over the draws
 * @param verifyF1        mean weighted F1 over the draws
 * @param verifyF1Std     its standard deviation
 * @param baselineAllUar  UAR of the supervised 'All' baseline (Table 4), or NaN
 * @param mcNemarP        exact McNemar p-value of enroll-to-verify against 'All', or NaN
 * @param taskClasses     classes of the new task E'
 * @param enrollCount     N_p, enrolled samples per class (0 when unknown)
 * @param queries         number of verified queries (0 when unknown)
 * @param notes           the runner's notes (skipped analyses, reduced pools)
 */
public record RunSummary(String name, double pretrainUar, double verifyUar, double verifyUarStd, double verifyF1,
                         double verifyF1Std, double baselineAllUar, double mcNemarP, List<String> taskClasses,
                         int enrollCount, int queries, List<String> notes) {
    public RunSummary {
        taskClasses = List.copyOf(taskClasses);
        notes = List.copyOf(notes);
    }
}
