package dev.relaypool.server.api;

/** Turns the credential of an {@code Authorization: Bearer} header into a principal. May block (it runs on a virtual thread). */
@FunctionalInterface
public interface Authenticator {

    Result authenticate(String bearerCredential);

    sealed interface Result {
        record Authenticated(Principal principal) implements Result {}

        /** The credential is not (or no longer) valid; the message says why without revealing secrets. */
        record Rejected(String message) implements Result {}
    }
}
