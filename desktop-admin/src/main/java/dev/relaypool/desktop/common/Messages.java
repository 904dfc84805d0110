package dev.relaypool.desktop.common;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.LoginOutcome;
import java.net.URI;
import java.time.Duration;

/** Outcomes turned into sentences an operator understands; no stack traces, no HTTP jargon first. */
public final class Messages {
    private Messages() {}

    public static String of(LoginOutcome outcome, URI server) {
        return switch (outcome) {
            case LoginOutcome.SignedIn signedIn -> "Signed in as " + signedIn.tokens().user().displayName() + ".";
            case LoginOutcome.Rejected rejected -> "The email or password is not right.";
            case LoginOutcome.TotpRequired totp -> "Enter the 6-digit code from your authenticator app.";
            case LoginOutcome.TooManyAttempts(Duration wait) ->
                    "Too many sign-in attempts. Try again in " + Formatting.duration(wait) + ".";
            case LoginOutcome.Unreachable(String detail) -> unreachable(server, detail);
            case LoginOutcome.Failed(int status, String message) -> failed(status, message);
        };
    }

    public static String of(ApiResult<?> result, URI server) {
        return switch (result) {
            case ApiResult.Ok<?> ok -> "";
            case ApiResult.Unauthorized<?> unauthorized -> "Your session has ended. Sign in again to continue.";
            case ApiResult.Unreachable<?>(String detail) -> unreachable(server, detail);
            case ApiResult.Failed<?>(int status, String message) -> failed(status, message);
        };
    }

    private static String unreachable(URI server, String detail) {
        String where = server == null ? "the server" : "the server at " + server;
        if (detail != null && detail.startsWith("not a valid")) {
            return "That is not a valid server address.";
        }
        return "Cannot reach " + where + ". Check the address and that the server is running.";
    }

    private static String failed(int status, String message) {
        if (status == 0 && message != null && !message.isBlank()) {
            // status 0: it failed here (a file that could not be read or written), not at the server
            return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
        }
        String reason = message == null || message.isBlank() ? "" : ": " + message;
        if (status >= 500) {
            return "The server had a problem (" + status + ")" + reason + ". Try again in a moment.";
        }
        return "The server refused the request (" + status + ")" + reason + ".";
    }
}
