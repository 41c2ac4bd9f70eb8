package org.e2v.experiment.workspace;

import java.util.function.LongPredicate;

/** Whether to offer restoring the autosaved workspace when the workbench starts. */
public enum RestoreDecision {
    /** No earlier session is recorded (first start, or the journal was deleted). */
    FIRST_START,
    /** The previous session exited normally: start from the user's last saved state. */
    CLEAN_EXIT,
    /** The previous session did not close, but left nothing to restore. */
    NOTHING_TO_RESTORE,
    /** The previous session's process is still alive: another window is open, not a crash. */
    OTHER_INSTANCE_RUNNING,
    /** The previous session ended without closing and an autosave exists: offer it. */
    OFFER_RESTORE;

    /**
     * The decision rule, kept free of I/O so it can be tested directly.
     *
     * @param previous        the previous session, or null when none is recorded
     * @param autosaveExists  whether an autosaved workspace file exists
     * @param pidAlive        whether a process id belongs to a running process
     * @param currentPid      this process's id (a reused id equal to ours is not "another instance")
     */
    public static RestoreDecision decide(SessionRecord previous, boolean autosaveExists, LongPredicate pidAlive,
                                         long currentPid) {
        if (previous == null) {
            return FIRST_START;
        }
        if (previous.closedCleanly()) {
            return CLEAN_EXIT;
        }
        if (previous.pid() != currentPid && pidAlive.test(previous.pid())) {
            return OTHER_INSTANCE_RUNNING;
        }
        return autosaveExists ? OFFER_RESTORE : NOTHING_TO_RESTORE;
    }
}
