package dev.relaypool.desktop.common;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Small building blocks for forms, so every screen labels and reports errors the same way. */
public final class Forms {
    private Forms() {}

    /** A label with a mnemonic ("_Email" answers to Alt+E) above its field. */
    public static VBox field(String mnemonicLabel, Node control) {
        Label label = new Label(mnemonicLabel);
        label.setMnemonicParsing(true);
        label.setLabelFor(control);
        label.getStyleClass().add("field-label");
        return new VBox(4, label, control);
    }

    /** A red, wrapping message line that takes no room while empty. */
    public static Label errorLabel(ObservableStringValue text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.DANGER, "form-error");
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    public static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    /** A button with an icon, an id for tests, a mnemonic when the text has "_", and an optional style class. */
    public static javafx.scene.control.Button button(String text, org.kordamp.ikonli.Ikon icon, String id, String style) {
        javafx.scene.control.Button button = new javafx.scene.control.Button(text, Icons.of(icon));
        button.setId(id);
        button.setMnemonicParsing(text.contains("_"));
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a crowded toolbar squeezes the search box, not the words
        if (style != null) {
            button.getStyleClass().add(style);
        }
        return button;
    }

    /** A green line for "done" messages; takes no room while empty. */
    public static Label noticeLabel(ObservableStringValue text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.SUCCESS, "form-notice");
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** Shows "" (the "no filter" choice) as {@code emptyLabel} in a choice box. */
    public static javafx.util.StringConverter<String> labelled(String emptyLabel) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? emptyLabel : value;
            }

            @Override
            public String fromString(String text) {
                return emptyLabel.equals(text) ? "" : text;
            }
        };
    }

    /** A text field with an id for tests and a hint, bound both ways to {@code value}. */
    public static javafx.scene.control.TextField text(String id, javafx.beans.property.StringProperty value, String prompt) {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** A table filter: "" (shown as {@code all}) or one of {@code values}, bound both ways to {@code value}. */
    public static javafx.scene.control.ChoiceBox<String> filter(String id, javafx.beans.property.StringProperty value,
                                                                String all, String... values) {
        javafx.scene.control.ChoiceBox<String> box = new javafx.scene.control.ChoiceBox<>();
        box.setId(id);
        box.getItems().add("");
        box.getItems().addAll(values);
        box.setConverter(labelled(all));
        box.valueProperty().bindBidirectional(value);
        return box;
    }
}
