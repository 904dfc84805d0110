package dev.relaypool.desktop.oauth;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.model.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * Adding an OAuth account: the details, then the provider's page in an embedded browser whose address is watched for
 * the redirect (see {@link RedirectCatcher}), with a paste field for providers whose page only shows the code.
 */
public final class OAuthDialog {
    private OAuthDialog() {}

    public static Stage open(Window owner, OAuthSignIn signIn) {
        TextField name = new TextField();
        name.setId("oauthName");
        name.setPromptText("e.g. Claude Max (Grace)");
        name.textProperty().bindBidirectional(signIn.nameProperty());
        ChoiceBox<Platform> platform = new ChoiceBox<>();
        platform.setId("oauthPlatform");
        platform.getItems().setAll(Platform.values());
        platform.valueProperty().bindBidirectional(signIn.platformProperty());
        TextField baseUrl = new TextField();
        baseUrl.setId("oauthBaseUrl");
        baseUrl.setPromptText("empty = the official endpoint");
        baseUrl.textProperty().bindBidirectional(signIn.baseUrlProperty());
        Button start = Forms.button("_Open sign-in page", Feather.LOG_IN, "oauthStart", Styles.ACCENT);
        start.setOnAction(e -> signIn.start());
        start.setDefaultButton(true);
        GridPane details = new GridPane(12, 10);
        details.add(Forms.field("_Name", name), 0, 0, 2, 1);
        details.add(Forms.field("_Platform", platform), 0, 1);
        details.add(Forms.field("_Base URL", baseUrl), 1, 1);
        details.add(start, 0, 2);
        details.disableProperty().bind(signIn.stepProperty().isNotEqualTo(OAuthSignIn.Step.DETAILS).or(signIn.busyProperty()));

        StackPane browser = new StackPane(new Label("The provider's sign-in page opens here."));
        browser.setId("oauthBrowser");
        browser.setPrefSize(720, 460);
        VBox.setVgrow(browser, Priority.ALWAYS);
        signIn.pageUrlProperty().subscribe(url -> {
            if (!url.isBlank()) {
                browser.getChildren().setAll(webView(signIn, url));
            }
        });

        TextField pasted = new TextField();
        pasted.setId("oauthPasted");
        pasted.setPromptText("only if the page shows a code: paste it (or the whole address) here");
        pasted.textProperty().bindBidirectional(signIn.pastedProperty());
        HBox.setHgrow(pasted, Priority.ALWAYS);
        Button use = Forms.button("_Use code", Feather.CHECK, "oauthUseCode", null);
        use.setOnAction(e -> signIn.submitPasted());
        HBox paste = new HBox(8, pasted, use);
        paste.disableProperty().bind(signIn.stepProperty().isNotEqualTo(OAuthSignIn.Step.AUTHORISING));

        Label done = new Label();
        done.setId("oauthConnected");
        done.getStyleClass().add(Styles.SUCCESS);
        signIn.connectedProperty().subscribe(a -> done.setText(a == null ? ""
                : a.name() + " (" + a.platform().wireName() + ", " + a.status() + ") is connected. You can close this window."));
        Button close = new Button("Close");
        close.setId("oauthClose");
        close.setCancelButton(true);

        VBox root = new VBox(12, details, browser, paste, Forms.errorLabel(signIn.errorProperty()), done, close);
        root.setPadding(new Insets(16));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Add an OAuth account");
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        close.setOnAction(e -> stage.close());
        stage.show();
        return stage;
    }

    private static WebView webView(OAuthSignIn signIn, String url) {
        WebView view = new WebView();
        view.setId("oauthWebView");
        // the redirect target often does not exist (or is the provider's code page): its address is all we need
        view.getEngine().locationProperty().subscribe(signIn::browserAt);
        view.getEngine().load(url);
        return view;
    }
}
