package org.e2v.experiment.workspace;

/**
 * What the journal knows about the previous workbench session.
 *
 * @param closedCleanly whether that session marked itself closed on exit
 * @param pid           the process id that ran it (to tell a crash from a second running window)
 * @param startedAtMs   when it started, epoch milliseconds
 */
public record SessionRecord(boolean closedCleanly, long pid, long startedAtMs) {
}
