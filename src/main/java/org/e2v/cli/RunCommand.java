package org.e2v.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.AppInfo;
import org.e2v.common.CancellationToken;
import org.e2v.experiment.ExperimentRunner;
import org.e2v.experiment.RunOptions;
import org.e2v.experiment.RunResult;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code e2v run <task>}: runs an experiment headless and writes its run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment from a task file (see 'e2v task docs'): pretrain, enroll and verify, and the "
                + "analyses it asks for. Writes a run directory (run.json, metrics.json, predictions.csv, embeddings.npy, "
                + "prototypes.npy, model.e2vm, charts/) and prints metrics.json.",
                "Progress goes to stderr; Ctrl-C stops between steps and keeps a checkpoint: "
                + "'e2v run --resume <run dir>' continues the interrupted run in the same directory."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<task>", description = "Task file (YAML or JSON).")
    Path taskFile;

    @Option(names = "--resume", paramLabel = "<run dir>",
            description = "Continue an interrupted (cancelled or crashed) run from its checkpoints, in its own directory; "
                    + "no task file is given then (the run's task.yaml is used).")
    Path resume;

    @Option(names = "--out", defaultValue = "runs", paramLabel = "<dir>",
            description = "Folder that receives the run directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--data", paramLabel = "<corpus root>",
            description = "Corpus root (or manifest) replacing the task's corpus.path, e.g. your IEMOCAP_full_release.")
    Path data;

    @Option(names = "--seed", paramLabel = "<seed>", description = "Master seed replacing the task's seed.")
    Long seed;

    @Option(names = "--no-cache", description = "Do not read or write the feature cache.")
    boolean noCache;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        if ((taskFile == null) == (resume == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either a task file or --resume <run dir>");
        }
        if (resume != null && (data != null || seed != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--data and --seed cannot change a resumed run; it continues with its own task.yaml");
        }
        SameDiffNoiseFilter.install();
        TaskSpec task = resume == null ? TaskFiles.load(taskFile) : null;
        CancellationToken cancel = new CancellationToken();
        Thread worker = Thread.currentThread();
        // Ctrl-C: ask the run to stop between steps and give it time to write its checkpoint.
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "e2v-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Path cache = noCache ? null : AppInfo.userDir().resolve("cache").resolve("features");
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), quiet);
            RunResult result = resume != null
                    ? new ExperimentRunner().resume(resume, cache, progress, cancel)
                    : new ExperimentRunner().run(task, taskFile, new RunOptions(out, data, seed, cache), progress, cancel);
            Map<String, Object> printed = new LinkedHashMap<>();
            printed.put("run_dir", result.runDir().toString());
            printed.put("elapsed_s", result.elapsedMs() / 1000.0);
            printed.put("metrics", result.metrics());
            Json.print(spec.commandLine().getOut(), printed);
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down (Ctrl-C): the hook has run
            }
        }
    }
}
