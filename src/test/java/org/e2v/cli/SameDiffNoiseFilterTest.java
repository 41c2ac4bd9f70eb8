package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class SameDiffNoiseFilterTest {
    @Test
    void dropsOnlyTheDifferentiatedOpLines() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        try {
            System.setOut(new PrintStream(sink, true, Charset.defaultCharset()));
            SameDiffNoiseFilter.install();
            SameDiffNoiseFilter.install();
            System.out.println("{\"a\": 1,");
            System.out.println("Added differentiated op matmul_3");
            System.out.println("Added differentiated op add");
            System.out.println("\"b\": 2}");
            System.out.flush();
        } finally {
            System.setOut(previous);
        }
        assertThat(sink.toString(Charset.defaultCharset())).isEqualTo("{\"a\": 1," + System.lineSeparator()
                + "\"b\": 2}" + System.lineSeparator());
    }
}
