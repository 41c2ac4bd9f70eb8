package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    private static final Path F = Path.of("x.csv");

    @Test
    void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() {
        String text = "a,b,c\r\n1,\"x, y\",\"He said \"\"hi\"\"\r\nthen left\"\r\n2,plain,\"00:16:16,059\"\r\n";
        List<CsvReader.Row> rows = CsvReader.parse(F, text);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).fields()).containsExactly("1", "x, y", "He said \"hi\"\nthen left");
        assertThat(rows.get(2).fields()).containsExactly("2", "plain", "00:16:16,059");
    }

    @Test
    void rowsCarryTheLineTheyStartOnAcrossEmbeddedNewlines() {
        String text = "h1,h2\n\"multi\nline\nfield\",x\n\nlast,row";
        List<CsvReader.Row> rows = CsvReader.parse(F, text);
        assertThat(rows).extracting(CsvReader.Row::lineNumber).containsExactly(1, 2, 6);
        assertThat(rows.get(2).fields()).containsExactly("last", "row");
    }

    @Test
    void emptyFieldsAndTrailingEmptyFieldAreKept() {
        assertThat(CsvReader.parse(F, "a,,c,\n").get(0).fields()).containsExactly("a", "", "c", "");
        assertThat(CsvReader.parse(F, "\"\"\n").get(0).fields()).containsExactly("");
    }

    @Test
    void byteOrderMarkIsSkipped() {
        assertThat(CsvReader.parse(F, "\uFEFFpath,label\n").get(0).get(0)).isEqualTo("path");
    }

    @Test
    void unterminatedQuoteNamesFileAndOpeningLine() {
        assertThatThrownBy(() -> CsvReader.parse(F, "a,b\n1,\"open\n2,3\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("x.csv: line 2: quoted field is never closed (missing '\"')");
    }

    @Test
    void characterAfterClosingQuoteIsAnErrorWithLineNumber() {
        assertThatThrownBy(() -> CsvReader.parse(F, "a\n\"ok\"x,1\n"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("x.csv: line 2: unexpected character 'x'");
    }

    @Test
    void quoteInsideUnquotedFieldIsAnError() {
        assertThatThrownBy(() -> CsvReader.parse(F, "a\nab\"c\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("line 2: a quote in the middle");
    }

    @Test
    void readsUtf8CurlyQuotesAndRejectsInvalidUtf8(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "t\r\n\u201cScary\u201d caf\u00e9\u2019s\r\n");
        assertThat(CsvReader.read(good).get(1).get(0)).isEqualTo("\u201cScary\u201d caf\u00e9\u2019s");
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, new byte[] {'a', ',', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> CsvReader.read(bad)).isInstanceOf(InputException.class)
                .hasMessageEndingWith("is not valid UTF-8 text");
    }
}
