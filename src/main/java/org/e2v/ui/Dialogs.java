package org.e2v.ui;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.e2v.ui.concurrent.ErrorPresenter;
import org.e2v.ui.concurrent.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench's dialogs, owned by the main window and styled with the current theme. Also the
 * standard {@link ErrorPresenter}: a user error shows its plain message; anything else shows a
 * short message with the stack trace under "Details" and is logged.
 */
public final class Dialogs implements ErrorPresenter {
    private static final Logger LOG = LoggerFactory.getLogger(Dialogs.class);
    private final Supplier<Window> owner;
    private final Supplier<List<String>> stylesheets;

    /**
     * @param owner       the window dialogs belong to (may supply null before it is shown)
     * @param stylesheets the stylesheets of the current theme
     */
    public Dialogs(Supplier<Window> owner, Supplier<List<String>> stylesheets) {
        this.owner = owner;
        this.stylesheets = stylesheets;
    }

    @Override
    public void show(String context, Throwable error) {
        UserError e = UserError.of(error);
        if (!e.expected()) {
            LOG.error("{} failed", context, error);
        }
        error(context, e).showAndWait();
    }

    /** The dialog for {@code e} (built, not shown; tests inspect it). */
    public Alert error(String title, UserError e) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert, title);
        alert.setHeaderText(null);
        Label text = new Label(e.message());
        text.setWrapText(true);
        text.getStyleClass().add("dialog-message");
        alert.getDialogPane().setContent(text);
        if (e.details() != null) {
            TextArea details = new TextArea(e.details());
            details.setEditable(false);
            details.setWrapText(false);
            details.getStyleClass().add("details");
            VBox.setVgrow(details, Priority.ALWAYS);
            VBox box = new VBox(6, new Label("Details (please include them when reporting the problem):"), details);
            alert.getDialogPane().setExpandableContent(box);
        }
        return alert;
    }

    /** Shows a message. */
    public void info(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        prepare(alert, title);
        alert.setHeaderText(null);
        Label text = new Label(message);
        text.setWrapText(true);
        alert.getDialogPane().setContent(text);
        alert.showAndWait();
    }

    /**
     * Asks a question with the given answers; returns the chosen one (empty when closed).
     */
    public Optional<ButtonType> ask(String title, String header, String message, ButtonType... answers) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, answers);
        prepare(alert, title);
        alert.setHeaderText(header);
        return alert.showAndWait();
    }

    /** Gives a dialog the main window as owner and the current theme. */
    public void prepare(Dialog<?> dialog, String title) {
        dialog.setTitle(title);
        Window w = owner.get();
        if (w != null) {
            dialog.initOwner(w);
        }
        dialog.getDialogPane().getStylesheets().setAll(stylesheets.get());
        dialog.getDialogPane().setMinWidth(420);
        dialog.setResizable(true);
    }
}
