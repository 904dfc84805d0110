package dev.relaypool.desktop.common;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The View half of a server-side table: search box and actions above, the rows, paging below. Clicking a column
 * header asks the server to sort by that column's field (columns without one are not sortable).
 */
public final class PagedTable<T> extends VBox {
    private final PagedList<T> list;
    private final TableView<T> table = new TableView<>();
    private final HBox toolbar;

    public PagedTable(String idPrefix, PagedList<T> list, String searchPrompt) {
        super(10);
        this.list = list;
        VBox.setVgrow(this, Priority.ALWAYS);

        TextField search = new TextField();
        search.setId(idPrefix + "Search");
        search.setPromptText(searchPrompt);
        search.setPrefColumnCount(16);
        search.setMinWidth(120);
        search.textProperty().bindBidirectional(list.searchProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        Forms.showWhen(busy, list.loadingProperty());
        toolbar = new HBox(8, search, busy, spacer);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        table.setId(idPrefix + "Table");
        table.setItems(list.items());
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing here yet."));
        table.setSortPolicy(view -> {
            if (!view.getSortOrder().isEmpty()) {
                TableColumn<T, ?> column = view.getSortOrder().getFirst();
                list.sortBy((String) column.getUserData(), column.getSortType() == TableColumn.SortType.DESCENDING);
            } else {
                list.sortBy("", false);
            }
            return true; // the server sorts; the rows come back in order
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button previous = new Button(null, Icons.of(Feather.CHEVRON_LEFT));
        previous.setId(idPrefix + "Previous");
        previous.getStyleClass().add(Styles.BUTTON_ICON);
        previous.disableProperty().bind(list.pageProperty().isEqualTo(0));
        previous.setOnAction(e -> list.previous());
        Button next = new Button(null, Icons.of(Feather.CHEVRON_RIGHT));
        next.setId(idPrefix + "Next");
        next.getStyleClass().add(Styles.BUTTON_ICON);
        next.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !list.hasNext(), list.totalProperty(), list.pageProperty()));
        next.setOnAction(e -> list.next());
        Label position = new Label();
        position.setId(idPrefix + "Position");
        position.textProperty().bind(list.positionProperty());
        position.getStyleClass().add(Styles.TEXT_MUTED);
        HBox pager = new HBox(8, position, previous, next);
        pager.setAlignment(Pos.CENTER_RIGHT);

        getChildren().addAll(toolbar, Forms.errorLabel(list.errorProperty()), table, pager);
    }

    public TableView<T> table() {
        return table;
    }

    /** Adds controls (filters, buttons) to the right of the search box. */
    public PagedTable<T> tools(Node... nodes) {
        toolbar.getChildren().addAll(nodes);
        return this;
    }

    /** A text column; {@code sortField} is the server's name for it, or null when it cannot be sorted. */
    public PagedTable<T> column(String title, Function<T, String> value, String sortField) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setUserData(sortField);
        column.setSortable(sortField != null);
        column.setPrefWidth(width(title));
        table.getColumns().add(column);
        return this;
    }

    /** Room for the title; the first column (a name, an e-mail) gets more, the last one takes what is left. */
    private double width(String title) {
        return table.getColumns().isEmpty() ? 170 : Math.max(80, title.length() * 8 + 28);
    }

    /** A column drawn by {@code graphic} (a status badge, bars). */
    public PagedTable<T> graphicColumn(String title, Function<T, Node> graphic, String sortField) {
        TableColumn<T, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || item == null ? null : graphic.apply(item));
            }
        });
        column.setUserData(sortField);
        column.setSortable(sortField != null);
        column.setPrefWidth(width(title));
        table.getColumns().add(column);
        return this;
    }
}
