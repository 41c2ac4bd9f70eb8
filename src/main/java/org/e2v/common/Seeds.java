package org.e2v.common;

import java.nio.charset.StandardCharsets;

/**
 * One master seed, named sub-seeds derived from it ("split", "init", "sampler", ...), so that
 * changing how one component draws random numbers never shifts another's stream. The derivation
 * is a fixed hash (FNV-1a of the name mixed with SplitMix64), stable across Java versions.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long masterSeed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return splitMix64(masterSeed ^ splitMix64(h));
    }

    static long splitMix64(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
