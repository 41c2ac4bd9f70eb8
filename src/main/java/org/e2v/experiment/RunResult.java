package org.e2v.experiment;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code e2v run} produced.
 *
 * @param runDir  the run directory
 * @param metrics the contents of metrics.json
 * @param elapsedMs wall time
 */
public record RunResult(Path runDir, Map<String, Object> metrics, long elapsedMs) {
}
