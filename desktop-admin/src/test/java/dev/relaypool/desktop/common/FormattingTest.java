package dev.relaypool.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.LoginOutcome;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormattingTest {
    @Test
    void durationsReadNaturallyAndRoundUp() {
        assertThat(Formatting.duration(Duration.ZERO)).isEqualTo("1 second");
        assertThat(Formatting.duration(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(Formatting.duration(Duration.ofSeconds(61))).isEqualTo("2 minutes");
        assertThat(Formatting.duration(Duration.ofMinutes(60))).isEqualTo("1 hour");
        assertThat(Formatting.duration(Duration.ofMinutes(125))).isEqualTo("2 hours 5 minutes");
    }

    @Test
    void serverErrorsAreExplainedWithoutJargonFirst() {
        URI server = URI.create("https://relay.example.com/");
        assertThat(Messages.of(new LoginOutcome.Failed(503, "database down"), server))
                .isEqualTo("The server had a problem (503): database down. Try again in a moment.");
        assertThat(Messages.of(new ApiResult.Unauthorized<>(), server)).startsWith("Your session has ended");
        assertThat(Messages.of(new LoginOutcome.Unreachable("not a valid server address"), server))
                .isEqualTo("That is not a valid server address.");
    }
}
