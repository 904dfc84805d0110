package dev.relaypool.desktop.settings;

import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Inputs;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.InvitationCodeView;
import dev.relaypool.model.admin.InvitationCreateRequest;
import java.time.Instant;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Invitation codes on the Settings screen: listed by the server, created a few at a time, disabled. */
public final class InvitationsViewModel {
    private final ScreenContext context;
    private final PagedList<InvitationCodeView> list;
    private final Action action;
    private final ObjectProperty<InvitationCodeView> selected = new SimpleObjectProperty<>();
    private final StringProperty count = new SimpleStringProperty("5");
    private final StringProperty maxUses = new SimpleStringProperty("1");
    private final StringProperty expires = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");
    private final StringProperty created = new SimpleStringProperty("");

    public InvitationsViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().settings()::invitationCodes);
        this.action = new Action(context);
    }

    public PagedList<InvitationCodeView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<InvitationCodeView> selectedProperty() { return selected; }
    public StringProperty countProperty() { return count; }
    public StringProperty maxUsesProperty() { return maxUses; }
    /** "YYYY-MM-DD" (valid through that day) or empty for never. */
    public StringProperty expiresProperty() { return expires; }
    public StringProperty notesProperty() { return notes; }
    public StringProperty formErrorProperty() { return formError; }
    /** The codes just created, one a line, to copy and hand out. */
    public StringProperty createdProperty() { return created; }

    public void startCreate() {
        count.set("5");
        maxUses.set("1");
        expires.set("");
        notes.set("");
        formError.set("");
    }

    public void create(Runnable close) {
        Inputs.Parsed<Long> how = Inputs.whole(count.get(), 1);
        Inputs.Parsed<Long> uses = Inputs.whole(maxUses.get(), 1);
        Inputs.Parsed<Instant> until = Inputs.endOfDay(expires.get(), context.clock().getZone());
        String problem = !how.valid() || how.empty() || how.value() > 100 ? "Create from 1 to 100 codes at a time."
                : !uses.valid() || uses.empty() || uses.value() > 10_000 ? "Each code allows from 1 to 10000 sign-ups."
                : !until.valid() ? "Expiry must be a date such as 2026-12-31, or empty for never."
                : until.value() != null && !until.value().isAfter(context.clock().instant()) ? "The expiry date has passed already." : "";
        formError.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        InvitationCreateRequest request = new InvitationCreateRequest(how.value().intValue(), uses.value().intValue(),
                until.value(), notes.get());
        action.run((at, token) -> context.api().settings().createInvitationCodes(at, token, request),
                request.count() + (request.count() == 1 ? " invitation code was" : " invitation codes were") + " created.", codes -> {
                    created.set(codes.stream().map(InvitationCodeView::code).collect(Collectors.joining("\n")));
                    list.reload();
                    close.run();
                }, formError::set);
    }

    public void disable(InvitationCodeView code) {
        action.run((at, token) -> context.api().settings().disableInvitationCode(at, token, code.id()),
                "Invitation code " + code.code() + " is disabled.", done -> list.reload());
    }
}
