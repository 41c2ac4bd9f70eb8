package org.e2v.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.e2v.experiment.task.TaskDocs;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code e2v task check|docs}: validate a task file, or print the task-file reference. */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Check task files and print the task-file reference.",
        subcommands = {TaskCommand.Check.class, TaskCommand.Docs.class})
public final class TaskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code e2v task check <file>}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a task file (unknown keys, wrong types, impossible settings) and print it "
                    + "with every default filled in (YAML).")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<task>", description = "Task file (YAML or JSON).")
        Path file;

        @Override
        public Integer call() {
            TaskSpec task = TaskFiles.load(file);
            spec.commandLine().getOut().print(TaskFiles.toText(task, false));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code e2v task docs}. */
    @Command(name = "docs", mixinStandardHelpOptions = true,
            description = "Print the task-file reference (every key, its default and meaning) as Markdown.")
    static final class Docs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(TaskDocs.markdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
