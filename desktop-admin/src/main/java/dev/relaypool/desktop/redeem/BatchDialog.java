package dev.relaypool.desktop.redeem;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.common.Themes;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** Shows a batch just generated: its codes, a copy button and "Save as CSV…". */
final class BatchDialog {
    private BatchDialog() {}

    static void show(Window owner, RedeemCodesViewModel viewModel, RedeemBatch batch, BiConsumer<Window, String> save) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Codes generated");
        dialog.setHeaderText(batch.codes().size() + " codes in batch " + batch.batchId());
        String codes = batch.codes().stream().map(RedeemCodeView::code).collect(Collectors.joining("\n"));
        TextArea list = new TextArea(codes);
        list.setId("batchCodes");
        list.setEditable(false);
        list.setPrefRowCount(10);
        list.getStyleClass().add("monospace");
        Button copy = new Button("Copy all", Icons.of(Feather.COPY));
        copy.setId("copyCodes");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(codes);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Button csv = Forms.button("_Save as CSV…", Feather.DOWNLOAD, "saveBatchCsv", Styles.ACCENT);
        csv.setOnAction(e -> save.accept(dialog.getDialogPane().getScene().getWindow(), batch.batchId()));
        Label hint = new Label("Anyone holding a code can redeem it once. The codes stay listed on this screen.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        VBox content = new VBox(10, hint, list, new HBox(8, copy, csv), Forms.noticeLabel(viewModel.saveStatusProperty()));
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Themes.style(dialog.getDialogPane(), owner);
        dialog.setOnHidden(e -> viewModel.forgetGenerated());
        dialog.show();
    }
}
