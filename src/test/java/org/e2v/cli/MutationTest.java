package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutationTest {
    private static final byte[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void flipBitChangesOnlyTheChosenBitAtTheFractionalPosition() {
        byte[] out = new Mutation(Mutation.Kind.FLIP_BIT, 0.35, 1, 2).apply(TEN);
        assertThat(out).containsExactly(0, 1, 2, 3 ^ 4, 4, 5, 6, 7, 8, 9);
        assertThat(TEN[3]).isEqualTo((byte) 3); // the input is not modified
    }

    @Test
    void truncateCutsAtTheFraction() {
        assertThat(new Mutation(Mutation.Kind.TRUNCATE, 0.5, 1, 0).apply(TEN)).containsExactly(0, 1, 2, 3, 4);
        assertThat(new Mutation(Mutation.Kind.TRUNCATE, 0.0, 1, 0).apply(TEN)).isEmpty();
    }

    @Test
    void deleteRemovesLengthBytesButNotPastTheEnd() {
        assertThat(new Mutation(Mutation.Kind.DELETE_BYTES, 0.2, 3, 0).apply(TEN)).containsExactly(0, 1, 5, 6, 7, 8, 9);
        assertThat(new Mutation(Mutation.Kind.DELETE_BYTES, 0.9, 64, 0).apply(TEN)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void interestingIntWritesALittleEndianBoundaryValue() {
        int minIndex = 5; // INTERESTING[5] = 0x80000000
        byte[] out = new Mutation(Mutation.Kind.INTERESTING_INT, 0.4, 1, minIndex).apply(TEN);
        assertThat(out).containsExactly(0, 1, 2, 3, 0, 0, 0, 0x80, 8, 9);
    }

    @Test
    void insertTokenPutsTheTokenBeforeThePosition() {
        int quote = Mutation.TOKENS.indexOf("\"");
        byte[] text = "ab".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(new Mutation(Mutation.Kind.INSERT_TOKEN, 0.5, 1, quote).apply(text), StandardCharsets.UTF_8))
                .isEqualTo("a\"b");
    }

    @Test
    void randomHeaderReplacesTheFirstBytesAndIsReproducible() {
        byte[] a = new Mutation(Mutation.Kind.RANDOM_HEADER, 0, 4, 99).apply(TEN);
        byte[] b = new Mutation(Mutation.Kind.RANDOM_HEADER, 0.7, 4, 99).apply(TEN);
        assertThat(a).hasSize(10).isEqualTo(b);
        assertThat(a).endsWith(4, 5, 6, 7, 8, 9);
    }

    @Test
    void mutationsApplyInOrderAndHandleEmptyInput() {
        byte[] out = Mutation.applyAll(new byte[0], List.of(new Mutation(Mutation.Kind.SET_BYTE, 0.5, 1, 7),
                new Mutation(Mutation.Kind.DUPLICATE, 0.99, 5, 0)));
        assertThat(out).containsExactly(7, 7);
    }
}
