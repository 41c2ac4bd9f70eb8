package org.e2v.common;

import java.nio.file.Path;

/** Bad user input in a file: the message is "{file}: {problem}". */
public class InputException extends E2vException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public InputException(Path file, String problem) {
        this(file, problem, null);
    }

    public InputException(Path file, String problem, Throwable cause) {
        super((file == null ? "<no file>" : file.toString()) + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The offending file, or null when the input did not come from a file. */
    public Path file() {
        return file;
    }

    /** The problem without the file name. */
    public String problem() {
        return problem;
    }
}
