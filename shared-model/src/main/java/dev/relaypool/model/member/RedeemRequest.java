package dev.relaypool.model.member;

/** {@code POST /redeem}: a code to redeem. */
public record RedeemRequest(String code) {
    public RedeemRequest {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code is required");
        }
        code = code.strip();
    }

    @Override
    public String toString() {
        return "RedeemRequest[code=***]";
    }
}
