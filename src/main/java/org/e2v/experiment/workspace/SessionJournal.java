package org.e2v.experiment.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;
import org.e2v.common.AtomicFiles;

/**
 * The autosave folder ({@code <user dir>/autosave}): the autosaved workspace and a small session
 * file saying whether the session that wrote it is still open. A session that crashes never marks
 * itself closed, so the next start finds "open" and offers the autosave back
 * ({@link RestoreDecision}).
 *
 * <p>When another workbench process is still running, this session does not claim the journal
 * (autosaves are skipped) so that the two never overwrite each other's recovery file.
 */
public final class SessionJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final long pid;
    private final LongPredicate pidAlive;
    private volatile boolean owner;

    /** A journal in {@code autosaveDir} for this process. */
    public SessionJournal(Path autosaveDir) {
        this(autosaveDir, ProcessHandle.current().pid(), p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
    }

    /** A journal with an explicit process id and liveness check (tests). */
    public SessionJournal(Path autosaveDir, long pid, LongPredicate pidAlive) {
        this.dir = autosaveDir;
        this.pid = pid;
        this.pidAlive = pidAlive;
    }

    public Path autosaveFile() {
        return dir.resolve("workspace.json");
    }

    Path sessionFile() {
        return dir.resolve("session.json");
    }

    /**
     * Starts this session: decides about the previous one, then (unless another instance runs)
     * records this session as open. Reads an unreadable session file as "no session recorded".
     */
    public RestoreDecision begin(long nowMs) {
        RestoreDecision decision = RestoreDecision.decide(readSession(), Files.isRegularFile(autosaveFile()), pidAlive, pid);
        if (decision != RestoreDecision.OTHER_INSTANCE_RUNNING) {
            writeSession(new SessionRecord(false, pid, nowMs));
            owner = true;
        }
        return decision;
    }

    /** Whether this session writes autosaves (false while another workbench owns the journal). */
    public boolean isOwner() {
        return owner;
    }

    /** The autosaved workspace (for a restore). */
    public Workspace loadAutosave() {
        return WorkspaceStore.load(autosaveFile());
    }

    /** Writes the autosave atomically; does nothing when this session does not own the journal. */
    public void autosave(Workspace workspace) {
        if (owner) {
            WorkspaceStore.save(autosaveFile(), workspace);
        }
    }

    /** Marks this session closed cleanly; the next start will not offer a restore. */
    public void markClosed(long nowMs) {
        if (owner) {
            SessionRecord current = readSession();
            writeSession(new SessionRecord(true, pid, current == null ? nowMs : current.startedAtMs()));
        }
    }

    SessionRecord readSession() {
        Path f = sessionFile();
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            if (n == null || !n.has("closedCleanly") || !n.has("pid")) {
                return null;
            }
            return new SessionRecord(n.get("closedCleanly").asBoolean(), n.get("pid").asLong(),
                    n.path("startedAtMs").asLong(0));
        } catch (IOException e) {
            return null;
        }
    }

    private void writeSession(SessionRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("closedCleanly", r.closedCleanly());
        n.put("pid", r.pid());
        n.put("startedAtMs", r.startedAtMs());
        AtomicFiles.writeString(sessionFile(), n.toString() + "\n");
    }
}
