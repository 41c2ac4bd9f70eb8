package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: every reader of user files (WAV, .npy, CSV, manifest, task file) either returns a sane
 * result or throws an E2vException whose message names the file; nothing else (no
 * IndexOutOfBounds, ClassCast, NegativeArraySize, InvalidPath, OutOfMemory ...). Inputs are
 * mutated valid files and random bytes. {@code e2v bench fuzz} runs the same targets with 10,000+
 * inputs each; here the tries are modest to keep the suite fast.
 */
class InputFuzzPropertiesTest {
    private static final Map<String, FuzzTargets.Session> SESSIONS = new TreeMap<>();

    @BeforeContainer
    static void openSessions() {
        java.util.logging.Logger.getLogger("org.e2v.audio.WavReader").setLevel(java.util.logging.Level.SEVERE);
        for (String name : FuzzTargets.NAMES) {
            SESSIONS.put(name, new FuzzTargets.Session(name));
        }
    }

    @AfterContainer
    static void closeSessions() {
        SESSIONS.values().forEach(FuzzTargets.Session::close);
        SESSIONS.clear();
    }

    @Example
    void everySeedIsAcceptedUnmutated() {
        for (String name : FuzzTargets.NAMES) {
            FuzzTargets.Session s = SESSIONS.get(name);
            for (FuzzTargets.Seed seed : s.seeds()) {
                FuzzTargets.Result r = s.check(seed, seed.bytes());
                assertThat(r.outcome()).as(name + " seed: " + r.detail()).isEqualTo(FuzzTargets.Outcome.ACCEPTED);
            }
        }
    }

    @Property(tries = 200)
    void wavReaderAcceptsOrRejectsNamingTheFile(@ForAll("seedIndex") int seed, @ForAll("mutations") List<Mutation> ms) {
        assertClear("wav", seed, ms);
    }

    @Property(tries = 400)
    void npyReaderAcceptsOrRejectsNamingTheFile(@ForAll("seedIndex") int seed, @ForAll("mutations") List<Mutation> ms) {
        assertClear("npy", seed, ms);
    }

    @Property(tries = 400)
    void csvReaderAcceptsOrRejectsNamingTheFile(@ForAll("seedIndex") int seed, @ForAll("mutations") List<Mutation> ms) {
        assertClear("csv", seed, ms);
    }

    @Property(tries = 400)
    void manifestLoaderAcceptsOrRejectsNamingTheFile(@ForAll("seedIndex") int seed,
                                                      @ForAll("mutations") List<Mutation> ms) {
        assertClear("manifest", seed, ms);
    }

    @Property(tries = 300)
    void taskFileParserAcceptsOrRejectsNamingTheFile(@ForAll("seedIndex") int seed,
                                                      @ForAll("mutations") List<Mutation> ms) {
        assertClear("task", seed, ms);
    }

    @Property(tries = 100)
    void randomBytesAreRejectedOrAcceptedByEveryReader(@ForAll("target") String target, @ForAll("seedIndex") int seed,
                                                       @ForAll("randomBytes") byte[] bytes) {
        FuzzTargets.Session s = SESSIONS.get(target);
        FuzzTargets.Seed like = s.seeds().get(seed % s.seeds().size());
        FuzzTargets.Result r = s.check(like, bytes);
        assertThat(r.outcome()).as(target + ": " + r.detail()).isNotEqualTo(FuzzTargets.Outcome.UNEXPECTED);
    }

    private static void assertClear(String target, int seed, List<Mutation> ms) {
        FuzzTargets.Session s = SESSIONS.get(target);
        FuzzTargets.Seed like = s.seeds().get(seed % s.seeds().size());
        FuzzTargets.Result r = s.check(like, Mutation.applyAll(like.bytes(), ms));
        assertThat(r.outcome()).as(target + " " + ms + ": " + r.detail()).isNotEqualTo(FuzzTargets.Outcome.UNEXPECTED);
        if (r.outcome() == FuzzTargets.Outcome.REJECTED) {
            assertThat(r.detail()).contains(like.fileName());
        }
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<String> target() {
        return Arbitraries.of(FuzzTargets.NAMES);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Mutation.Kind.class),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 64), Arbitraries.integers())
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
