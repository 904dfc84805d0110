package dev.relaypool.desktop.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The server's error envelope: {@code {"error":{"code":"...","message":"..."}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(Detail error) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Detail(String code, String message) {}

    String code() {
        return error == null || error.code() == null ? "" : error.code();
    }

    String message() {
        return error == null || error.message() == null ? "" : error.message();
    }
}
