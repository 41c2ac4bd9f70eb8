package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class HelpDocsTest {
    private static final Path DOC = Path.of("docs", "cli.md");

    @Test
    void committedReferenceMatchesTheHelpTheProgramPrints() throws IOException {
        String md = HelpDocs.markdown();
        if (Boolean.getBoolean("e2v.writeDocs")) {
            Files.writeString(DOC, md);
        }
        assertThat(Files.readString(DOC))
                .as("docs/cli.md is out of date: run mvn test -Dtest=HelpDocsTest -De2v.writeDocs=true")
                .isEqualTo(md);
    }

    @Test
    void referenceHasOneSectionPerCommandIncludingNestedOnes() {
        String md = HelpDocs.markdown();
        List<String> names = HelpDocs.commands().stream().map(c -> c.getCommandSpec().qualifiedName(" ")).toList();
        assertThat(names).startsWith("e2v").contains("e2v run", "e2v task check", "e2v task docs", "e2v bench train");
        assertThat(names).doesNotHaveDuplicates();
        for (String name : names) {
            assertThat(md).contains("\n## " + name + "\n");
        }
        assertThat(md).contains("- [`e2v task check`](#e2v-task-check)");
    }

    @Test
    void eachSectionIsExactlyWhatHelpPrints() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new E2vCommand());
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(HelpDocs.USAGE_WIDTH_COLUMNS);
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("metrics", "--help");
        assertThat(code).isZero();
        assertThat(HelpDocs.markdown()).contains("## e2v metrics\n\n```text\n" + out.toString().stripTrailing() + "\n```\n");
    }

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        assertThat(HelpDocs.undocumented()).as("help entries without a description").isEmpty();
    }

    @Test
    void anchorsFollowGithubHeadingRules() {
        assertThat(HelpDocs.anchor("e2v bench train")).isEqualTo("e2v-bench-train");
        assertThat(HelpDocs.anchor("e2v")).isEqualTo("e2v");
    }
}
