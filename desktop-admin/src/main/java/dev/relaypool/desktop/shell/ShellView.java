package dev.relaypool.desktop.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.prefs.Theme;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The main window's content: the Connect screen while signed out; afterwards a sidebar, the current screen
 * (with the session-expired prompt able to lie over it) and the status bar.
 */
public final class ShellView extends StackPane {
    private static final KeyCode[] DIGITS = {
        KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
        KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};

    private final ShellViewModel viewModel;
    private final Function<Screen, Node> screens;
    private final Map<Screen, Node> built = new EnumMap<>(Screen.class);
    private final StackPane content = new StackPane();
    private final Label screenTitle = new Label();

    public ShellView(ShellViewModel viewModel, Function<Screen, Node> screens, Node connectView, Node reauthView) {
        this.viewModel = viewModel;
        this.screens = screens;
        getStyleClass().add("shell");

        BorderPane main = new BorderPane();
        main.setLeft(sidebar());
        StackPane body = new StackPane(content, reauthView);
        VBox.setVgrow(body, Priority.ALWAYS);
        main.setCenter(new VBox(header(), body));
        main.setBottom(new StatusBar(viewModel));
        main.visibleProperty().bind(viewModel.signedInProperty());
        connectView.visibleProperty().bind(viewModel.signedInProperty().not());
        getChildren().addAll(main, connectView);

        viewModel.screenProperty().subscribe(this::show);
        sceneProperty().subscribe(this::installAccelerators);
    }

    private Node sidebar() {
        Label brand = new Label("Relaypool", Icons.of(Feather.ZAP, 20));
        brand.getStyleClass().addAll(Styles.TITLE_4, "brand");
        ListView<Screen> list = new ListView<>();
        list.setId("sidebar");
        list.getItems().setAll(Screen.values());
        list.getStyleClass().addAll("sidebar-list", Tweaks.EDGE_TO_EDGE);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Screen screen, boolean empty) {
                super.updateItem(screen, empty);
                setText(empty || screen == null ? null : screen.title());
                setGraphic(empty || screen == null ? null : Icons.of(screen.icon()));
            }
        });
        list.getSelectionModel().select(viewModel.screenProperty().get());
        list.getSelectionModel().selectedItemProperty().subscribe(chosen -> {
            if (chosen != null) {
                viewModel.show(chosen);
            }
        });
        viewModel.screenProperty().subscribe(chosen -> list.getSelectionModel().select(chosen));
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox sidebar = new VBox(8, brand, list);
        sidebar.getStyleClass().add("sidebar");
        return sidebar;
    }

    private Node header() {
        screenTitle.setId("screenTitle");
        screenTitle.getStyleClass().add(Styles.TITLE_3);
        Button theme = new Button();
        theme.setId("themeToggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setTooltip(new Tooltip("Switch light/dark theme (Ctrl+Shift+L)"));
        theme.graphicProperty().bind(viewModel.themeProperty().map(
                chosen -> Icons.of(chosen == Theme.LIGHT ? Feather.MOON : Feather.SUN)));
        theme.setOnAction(e -> viewModel.toggleTheme());
        Button signOut = new Button("Sign out", Icons.of(Feather.LOG_OUT));
        signOut.setId("signOut");
        signOut.getStyleClass().add(Styles.FLAT);
        signOut.setOnAction(e -> viewModel.signOut());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, screenTitle, spacer, theme, signOut);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("screen-header");
        return header;
    }

    private void show(Screen screen) {
        screenTitle.setText(screen.title());
        Node node = built.computeIfAbsent(screen, screens);
        content.getChildren().setAll(node);
    }

    private void installAccelerators(Scene scene) {
        if (scene == null) {
            return;
        }
        Screen[] all = Screen.values();
        for (int i = 0; i < DIGITS.length && i < all.length; i++) {
            Screen target = all[i];
            scene.getAccelerators().put(new KeyCodeCombination(DIGITS[i], KeyCombination.SHORTCUT_DOWN), () -> {
                if (viewModel.signedInProperty().get()) {
                    viewModel.show(target);
                }
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                () -> viewModel.show(Screen.SETTINGS));
        scene.getAccelerators().put(
                new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                viewModel::toggleTheme);
    }
}
