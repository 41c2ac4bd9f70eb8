package org.e2v.experiment;

import java.nio.file.Path;

/**
 * Options of one {@code e2v run}.
 *
 * @param outDir       parent folder of run directories
 * @param dataOverride corpus root replacing the task's corpus.path (null = the task's)
 * @param seedOverride master seed replacing the task's seed (null = the task's)
 * @param cacheDir     feature cache folder (null = no cache)
 * @param resumeDir    an interrupted run directory to continue in place (null = a fresh run under outDir)
 */
public record RunOptions(Path outDir, Path dataOverride, Long seedOverride, Path cacheDir, Path resumeDir) {
    /** A fresh run (no resume). */
    public RunOptions(Path outDir, Path dataOverride, Long seedOverride, Path cacheDir) {
        this(outDir, dataOverride, seedOverride, cacheDir, null);
    }

    /** Options that continue the interrupted run in {@code runDir}, reading features through {@code cacheDir}. */
    public static RunOptions resume(Path runDir, Path cacheDir) {
        return new RunOptions(runDir.toAbsolutePath().getParent(), null, null, cacheDir, runDir);
    }
}
