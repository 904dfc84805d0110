package dev.relaypool.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTest {

    @Test
    void masksSecretFieldsAtAnyDepthAndKeepsTheRest() {
        Map<String, Object> change = Audit.change(new AccountCreateRequest("main", Platform.OPENAI, null, "sk-live-123",
                null, 3, 1, Map.of(), "", List.of()));

        assertThat(change).containsEntry("apiKey", "***").containsEntry("name", "main").containsEntry("priority", 1);
        assertThat(Audit.masked(Map.of("nested", Map.of("password", "hunter2", "host", "h"),
                "list", List.of(Map.of("refresh_token", "r"))))).hasToString(
                        Audit.masked(Map.of("nested", Map.of("password", "***", "host", "h"),
                                "list", List.of(Map.of("refresh_token", "***"))))
                                .toString());
        assertThat(Audit.masked(Map.of("nested", Map.of("password", "hunter2"))).toString()).doesNotContain("hunter2");
        assertThat(Audit.secret("api-key")).isTrue();
        assertThat(Audit.secret("keyId")).isFalse();
    }
}
