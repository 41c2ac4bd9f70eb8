package org.e2v.common;

/**
 * An error meant for the user: its message says what went wrong in plain words (naming the file
 * and the problem where there is one). The CLI prints the message and exits with code 2; the GUI
 * shows it in a dialog. Neither shows a stack trace.
 */
public class E2vException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public E2vException(String message) {
        super(message);
    }

    public E2vException(String message, Throwable cause) {
        super(message, cause);
    }
}
