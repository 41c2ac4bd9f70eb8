package org.e2v.cli;

import java.io.PrintWriter;
import org.e2v.common.CancelledException;
import org.e2v.common.E2vException;
import picocli.CommandLine;

/** Runs the e2v command line and maps failures to exit codes (0 ok, 1 internal error, 2 bad input or usage). */
public final class Main {
    /** Exit code for bad input, bad usage and any {@link E2vException}. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for cancellation (Ctrl-C or a cancelled run). */
    public static final int EXIT_CANCELLED = 130;

    private Main() {
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs with the given streams (tests capture them). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        if (args.length == 0) {
            return cl.execute("--help");
        }
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new E2vCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof CancelledException) {
                e.println("e2v: cancelled");
                return EXIT_CANCELLED;
            }
            if (ex instanceof E2vException) {
                e.println("e2v: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            e.println("e2v: internal error: " + ex);
            ex.printStackTrace(e);
            return 1;
        });
        return cl;
    }
}
