package dev.relaypool.desktop.redeem;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Inputs;
import dev.relaypool.desktop.common.Inputs.Parsed;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.PartFile;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.api.Page;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Redeem codes screen: codes filtered by status and type, generating a batch (balance, subscription days of a
 * group, or concurrency), saving a batch as CSV (the server's export) and disabling an unused code.
 */
public final class RedeemCodesViewModel {
    private static final ListQuery SUBSCRIPTION_GROUPS = new ListQuery("", Map.of("billingType", "subscription"), "name", false, 0, 500);

    private final ScreenContext context;
    private final PagedList<RedeemCodeView> list;
    private final Action action;
    private final ObjectProperty<RedeemCodeView> selected = new SimpleObjectProperty<>();
    private final ObservableList<GroupView> groups = FXCollections.observableArrayList();
    private final StringProperty type = new SimpleStringProperty("balance");
    private final StringProperty value = new SimpleStringProperty("");
    private final ObjectProperty<GroupView> group = new SimpleObjectProperty<>();
    private final StringProperty days = new SimpleStringProperty("30");
    private final StringProperty count = new SimpleStringProperty("10");
    private final StringProperty expires = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");
    private final ObjectProperty<RedeemBatch> generated = new SimpleObjectProperty<>();
    private final StringProperty saveStatus = new SimpleStringProperty("");

    public RedeemCodesViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().redeemCodes()::list);
        this.action = new Action(context);
    }

    public PagedList<RedeemCodeView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<RedeemCodeView> selectedProperty() { return selected; }
    /** Groups billed by subscription: what a subscription code can grant. */
    public ObservableList<GroupView> groups() { return groups; }
    /** "balance", "subscription" or "concurrency". */
    public StringProperty typeProperty() { return type; }
    /** USD for balance codes, slots for concurrency codes. */
    public StringProperty valueProperty() { return value; }
    public ObjectProperty<GroupView> groupProperty() { return group; }
    public StringProperty daysProperty() { return days; }
    public StringProperty countProperty() { return count; }
    /** "YYYY-MM-DD" (the code works through that day) or empty for never. */
    public StringProperty expiresProperty() { return expires; }
    public StringProperty notesProperty() { return notes; }
    public StringProperty formErrorProperty() { return formError; }
    /** The batch just generated, until its dialog is closed. */
    public ObjectProperty<RedeemBatch> generatedProperty() { return generated; }
    public StringProperty saveStatusProperty() { return saveStatus; }

    public void load() {
        list.reload();
        context.call((at, token) -> context.api().directory().groups(at, token, SUBSCRIPTION_GROUPS), result -> {
            if (result instanceof ApiResult.Ok<Page<GroupView>>(Page<GroupView> page)) {
                groups.setAll(page.items());
            }
        });
    }

    public void startGenerate() {
        type.set("balance");
        value.set("");
        group.set(groups.size() == 1 ? groups.getFirst() : null);
        days.set("30");
        count.set("10");
        expires.set("");
        notes.set("");
        formError.set("");
    }

    public void generate(Runnable close) {
        RedeemGenerateRequest request = request();
        if (request == null) {
            return;
        }
        action.run((at, token) -> context.api().redeemCodes().generate(at, token, request),
                request.count() + (request.count() == 1 ? " code was" : " codes were") + " generated.", batch -> {
                    saveStatus.set("");
                    generated.set(batch);
                    list.reload();
                    close.run();
                }, formError::set);
    }

    private RedeemGenerateRequest request() {
        String kind = type.get();
        Parsed<BigDecimal> amount = Inputs.decimal(value.get());
        Parsed<Long> slots = Inputs.whole(value.get(), 1);
        Parsed<Long> validity = Inputs.whole(days.get(), 1);
        Parsed<Long> how = Inputs.whole(count.get(), 1);
        Parsed<Instant> until = Inputs.endOfDay(expires.get(), context.clock().getZone());
        String problem = switch (kind) {
            case "balance" -> !amount.valid() || amount.empty() || amount.value().signum() == 0
                    ? "Enter the USD each code adds, such as 10 or 2.50." : "";
            case "concurrency" -> !slots.valid() || slots.empty() ? "Enter how many concurrent requests each code adds, such as 2." : "";
            default -> group.get() == null ? "Choose the subscription group the codes grant."
                    : !validity.valid() || validity.empty() || validity.value() > 3660 ? "Days is a whole number from 1 to 3660." : "";
        };
        if (problem.isEmpty()) {
            problem = !how.valid() || how.empty() || how.value() > 1000 ? "Generate from 1 to 1000 codes at a time."
                    : !until.valid() ? "Expiry must be a date such as 2026-12-31, or empty for never."
                    : until.value() != null && !until.value().isAfter(context.clock().instant()) ? "The expiry date has passed already." : "";
        }
        formError.set(problem);
        if (!problem.isEmpty()) {
            return null;
        }
        BigDecimal each = switch (kind) {
            case "balance" -> amount.value();
            case "concurrency" -> BigDecimal.valueOf(slots.value());
            default -> BigDecimal.ONE;
        };
        boolean subscription = kind.equals("subscription");
        return new RedeemGenerateRequest(kind, each, how.value().intValue(), subscription ? group.get().id() : null,
                subscription ? validity.value().intValue() : null, until.value(), notes.get());
    }

    /** Forgets the batch once its dialog is closed (its codes stay listed on the server). */
    public void forgetGenerated() {
        generated.set(null);
    }

    /** Saves the server's CSV of {@code batchId} into {@code file}, through a temporary file next to it. */
    public void saveCsv(String batchId, Path file) {
        saveStatus.set("Saving…");
        context.call((at, token) -> PartFile.write(file, out -> context.api().redeemCodes().exportCsv(at, token, batchId, out)),
                result -> saveStatus.set(switch (result) {
                    case ApiResult.Ok<Long> ok -> "Saved the codes to " + file + ".";
                    case ApiResult.Failed<Long>(int status, String message) when status == 0 -> "Not saved: " + message + ".";
                    default -> "Not saved. " + context.explain(result);
                }));
    }

    public void disable(RedeemCodeView code) {
        action.run((at, token) -> context.api().redeemCodes().disable(at, token, code.id()),
                "Code " + code.code() + " is disabled; it can no longer be redeemed.", done -> list.reload());
    }

    /** What a code gives, in words: "$10.00", "30 days of pro-plan", "+2 concurrency". */
    public String describe(RedeemCodeView code) {
        return switch (code.type()) {
            case "balance" -> dev.relaypool.desktop.common.Formatting.money(code.value());
            case "concurrency" -> "+" + code.value().stripTrailingZeros().toPlainString() + " concurrency";
            default -> code.validityDays() + " days of " + groups.stream().filter(g -> code.groupId() != null && g.id() == code.groupId())
                    .map(GroupView::name).findFirst().orElse("group " + code.groupId());
        };
    }
}
