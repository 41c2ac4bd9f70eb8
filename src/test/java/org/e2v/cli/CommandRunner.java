package org.e2v.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.e2v.common.CancelledException;
import org.e2v.common.E2vException;
import picocli.CommandLine;

/** Runs a not-yet-registered command the way {@link Main} would (same exception mapping), capturing output. */
final class CommandRunner {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    /** The exit code of the last run, for tests that keep it with the output. */
    int exit = -1;

    int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CancelledException) {
                return Main.EXIT_CANCELLED;
            }
            if (ex instanceof E2vException) {
                commandLine.getErr().println("e2v: " + ex.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
