package dev.relaypool.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.api.ErrorResponse;
import dev.relaypool.model.auth.LoginRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
    private static BodyReader.Parsed<LoginRequest> parse(String json) {
        return BodyReader.parse(json.getBytes(StandardCharsets.UTF_8), LoginRequest.class);
    }

    private static ErrorResponse error(BodyReader.Parsed<?> parsed) {
        assertThat(parsed).isInstanceOf(BodyReader.Parsed.Failed.class);
        return (ErrorResponse) ((BodyReader.Parsed.Failed<?>) parsed).error().body();
    }

    @Test
    void parsesAValidBodyAndIgnoresUnknownFields() {
        assertThat(parse("{\"email\":\"a@b.c\",\"password\":\"pw\",\"extra\":1}"))
                .isEqualTo(new BodyReader.Parsed.Ok<>(new LoginRequest("a@b.c", "pw", null)));
    }

    @Test
    void namesTheProblemOfMalformedJsonWithoutEchoingTheBody() {
        ErrorResponse error = error(parse("{\"email\":\"a@b.c\",\"password\":\"s3cret\""));
        assertThat(error.error().code()).isEqualTo("invalid_json");
        assertThat(error.error().message()).startsWith("malformed JSON at line 1").doesNotContain("s3cret");
    }

    @Test
    void aRecordRefusingAValueIsAnInvalidRequestNamingTheField() {
        ErrorResponse error = error(parse("{\"email\":\"a@b.c\"}"));
        assertThat(error.error()).isEqualTo(new dev.relaypool.model.api.ApiError("invalid_request", "password is required"));
    }

    @Test
    void aWrongShapeIsInvalidJsonAndAnEmptyBodyNamesTheMissingField() {
        assertThat(error(parse("[1,2]")).error().code()).isEqualTo("invalid_json");
        assertThat(error(parse("null")).error().code()).isEqualTo("invalid_json");
        assertThat(error(parse("")).error()).isEqualTo(new dev.relaypool.model.api.ApiError("invalid_request", "email is required"));
        assertThat(error(parse("{\"email\":{\"x\":1},\"password\":\"p\"}")).error().message()).contains("(at email)");
    }
}
