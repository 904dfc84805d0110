package dev.relaypool.desktop.groups;

import dev.relaypool.desktop.common.Inputs;
import dev.relaypool.desktop.common.Inputs.Parsed;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import java.math.BigDecimal;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The fields of the group form, filled from a group to edit or empty for a new one, checked into a request. */
public final class GroupFormModel {
    private final GroupView editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<Platform> platform = new SimpleObjectProperty<>(Platform.ANTHROPIC);
    private final StringProperty billingType = new SimpleStringProperty("balance");
    private final StringProperty multiplier = new SimpleStringProperty("1");
    private final BooleanProperty exclusive = new SimpleBooleanProperty(false);
    private final StringProperty daily = new SimpleStringProperty("");
    private final StringProperty weekly = new SimpleStringProperty("");
    private final StringProperty monthly = new SimpleStringProperty("");
    private final StringProperty rpm = new SimpleStringProperty("");
    private final StringProperty tpm = new SimpleStringProperty("");
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final StringProperty error = new SimpleStringProperty("");

    GroupFormModel(GroupView editing) {
        this.editing = editing;
        if (editing != null) {
            name.set(editing.name());
            description.set(editing.description());
            platform.set(editing.platform());
            billingType.set(editing.billingType());
            multiplier.set(Inputs.text(editing.rateMultiplier()));
            exclusive.set(editing.exclusive());
            daily.set(Inputs.text(editing.dailyLimitUsd()));
            weekly.set(Inputs.text(editing.weeklyLimitUsd()));
            monthly.set(Inputs.text(editing.monthlyLimitUsd()));
            rpm.set(Inputs.text(editing.rpmLimit()));
            tpm.set(Inputs.text(editing.tpmLimit()));
            active.set(editing.status().equals("active"));
        }
    }

    public GroupView editing() { return editing; }
    public StringProperty nameProperty() { return name; }
    public StringProperty descriptionProperty() { return description; }
    public ObjectProperty<Platform> platformProperty() { return platform; }
    /** "balance" or "subscription". */
    public StringProperty billingTypeProperty() { return billingType; }
    public StringProperty multiplierProperty() { return multiplier; }
    public BooleanProperty exclusiveProperty() { return exclusive; }
    public StringProperty dailyLimitProperty() { return daily; }
    public StringProperty weeklyLimitProperty() { return weekly; }
    public StringProperty monthlyLimitProperty() { return monthly; }
    public StringProperty rpmLimitProperty() { return rpm; }
    public StringProperty tpmLimitProperty() { return tpm; }
    public BooleanProperty activeProperty() { return active; }
    public StringProperty errorProperty() { return error; }

    /** The request, or null with {@link #errorProperty()} saying which field is wrong. */
    GroupRequest request() {
        Parsed<BigDecimal> rate = Inputs.decimal(multiplier.get());
        Parsed<BigDecimal> day = Inputs.decimal(daily.get());
        Parsed<BigDecimal> week = Inputs.decimal(weekly.get());
        Parsed<BigDecimal> month = Inputs.decimal(monthly.get());
        Parsed<Long> perMinute = Inputs.whole(rpm.get(), 1);
        Parsed<Long> tokens = Inputs.whole(tpm.get(), 1);
        String problem = name.get().isBlank() ? "Give the group a name."
                : platform.get() == null ? "Choose the platform whose accounts serve the group."
                : !rate.valid() || rate.empty() ? "The multiplier is a number such as 1 or 0.8 (what members pay per list dollar)."
                : !day.valid() || !week.valid() || !month.valid() ? "Limits are USD amounts such as 20, or empty for none."
                : !perMinute.valid() || perMinute.value() != null && perMinute.value() > Integer.MAX_VALUE
                        ? "Requests per minute is a whole number above 0, or empty for no limit."
                : !tokens.valid() ? "Tokens per minute is a whole number above 0, or empty for no limit." : "";
        error.set(problem);
        if (!problem.isEmpty()) {
            return null;
        }
        return new GroupRequest(name.get(), description.get(), platform.get(), billingType.get(), rate.value(),
                exclusive.get(), day.value(), week.value(), month.value(),
                perMinute.value() == null ? null : perMinute.value().intValue(), tokens.value(),
                active.get() ? "active" : "disabled");
    }
}
