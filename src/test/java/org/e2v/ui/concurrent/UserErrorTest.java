package org.e2v.ui.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.e2v.common.InputException;
import org.junit.jupiter.api.Test;

class UserErrorTest {
    @Test
    void userErrorShowsOnlyItsMessage() {
        UserError e = UserError.of(new InputException(Path.of("m.csv"), "line 3: unknown split 'x'"));
        assertThat(e.message()).isEqualTo("m.csv: line 3: unknown split 'x'");
        assertThat(e.details()).isNull();
        assertThat(e.expected()).isTrue();
    }

    @Test
    void wrappedUserErrorIsUnwrapped() {
        InputException inner = new InputException(Path.of("a.wav"), "does not exist");
        assertThat(UserError.of(new ExecutionException(inner)).message()).isEqualTo("a.wav: does not exist");
        assertThat(UserError.of(new RuntimeException(inner)).details()).isNull();
    }

    @Test
    void unexpectedErrorGetsShortMessageAndStackTraceDetails() {
        UserError e = UserError.of(new IllegalStateException("index 7 out of bounds\nsecond line"));
        assertThat(e.message()).isEqualTo("Something went wrong (IllegalStateException): index 7 out of bounds");
        assertThat(e.details()).contains("java.lang.IllegalStateException").contains("UserErrorTest");
        assertThat(e.expected()).isFalse();
    }

    @Test
    void errorWithoutMessageStillReadsAsASentence() {
        assertThat(UserError.of(new NullPointerException()).message())
                .isEqualTo("Something went wrong (NullPointerException).");
    }

    @Test
    void outOfMemoryExplainsWhatToDo() {
        assertThat(UserError.of(new OutOfMemoryError("Java heap space")).message()).contains("-Xmx");
    }
}
