package org.e2v.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Generates the command-line reference (docs/cli.md) from the picocli command tree, so the
 * documentation is the help text the program prints and cannot drift from it. A test compares the
 * committed file with {@link #markdown()}.
 */
public final class HelpDocs {
    /** Usage width of the generated reference; fixed so the text does not depend on the terminal. */
    public static final int USAGE_WIDTH_COLUMNS = 80;

    private HelpDocs() {
    }

    /** The whole reference as Markdown: one section per command, depth first, in registration order. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Command-line reference\n\n")
          .append("Generated from the picocli commands by `org.e2v.cli.HelpDocs` (a test keeps this file in\n")
          .append("step with the code). Every section is what `e2v <command> --help` prints. Run the commands as\n")
          .append("`java -jar target/e2v.jar ...` in a source checkout or `e2v ...` from the installed package.\n")
          .append("Exit codes: 0 success, 1 internal error, 2 bad input or usage, 130 cancelled.\n\n");
        List<CommandLine> all = commands();
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName(" ");
            sb.append("- [`").append(name).append("`](#").append(anchor(name)).append(")\n");
        }
        sb.append('\n');
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName(" ");
            sb.append("## ").append(name).append("\n\n```text\n")
              .append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
              .append("\n```\n\n");
        }
        return sb.toString();
    }

    /** Every command of the tree, the root first, then each subcommand depth first. */
    public static List<CommandLine> commands() {
        CommandLine root = new CommandLine(new E2vCommand());
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(USAGE_WIDTH_COLUMNS);
        List<CommandLine> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    /**
     * Commands, options and positional parameters that have no description, as "command: option"
     * lines; empty when the help is complete.
     */
    public static List<String> undocumented() {
        List<String> missing = new ArrayList<>();
        for (CommandLine cl : commands()) {
            CommandSpec spec = cl.getCommandSpec();
            String name = spec.qualifiedName(" ");
            if (blank(spec.usageMessage().description())) {
                missing.add(name + ": (command description)");
            }
            for (OptionSpec o : spec.options()) {
                if (blank(o.description())) {
                    missing.add(name + ": " + o.longestName());
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (blank(p.description())) {
                    missing.add(name + ": " + p.paramLabel());
                }
            }
        }
        return missing;
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        // getSubcommands() also maps aliases to the same command; visit each command once.
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals(e.getValue().getCommandName())) {
                collect(e.getValue(), out);
            }
        }
    }

    private static boolean blank(String[] lines) {
        if (lines == null) {
            return true;
        }
        for (String l : lines) {
            if (l != null && !l.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** GitHub's heading anchor: lower case, spaces to dashes, punctuation dropped. */
    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
