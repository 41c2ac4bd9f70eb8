package org.e2v.ui.concurrent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.e2v.common.E2vException;

/**
 * How an error is shown: an {@link E2vException} is the user's problem, explained in its message,
 * so only the message is shown; anything else is a bug or an environment failure, so a short
 * message comes with the stack trace as expandable details (and gets logged).
 *
 * @param message  the text of the dialog
 * @param details  stack trace text, or null when none should be offered
 * @param expected true for {@link E2vException}s (no logging needed)
 */
public record UserError(String message, String details, boolean expected) {
    /** Classifies {@code error}, looking through wrapper exceptions to the real cause. */
    public static UserError of(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof E2vException) {
            return new UserError(t.getMessage(), null, true);
        }
        String text;
        if (t instanceof OutOfMemoryError) {
            text = "e2v ran out of memory. Close other jobs or start e2v with a larger -Xmx.";
        } else {
            String msg = t.getMessage();
            text = "Something went wrong (" + t.getClass().getSimpleName() + ")"
                    + (msg == null || msg.isBlank() ? "." : ": " + firstLine(msg));
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return new UserError(text, trace.toString(), false);
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        // a RuntimeException that merely wraps a user error (e.g. from a lambda) shows the user error
        if (!(t instanceof E2vException) && t.getCause() instanceof E2vException inner
                && t.getClass() == RuntimeException.class) {
            return inner;
        }
        return t;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
