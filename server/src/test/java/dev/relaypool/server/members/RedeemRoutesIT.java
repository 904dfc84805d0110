package dev.relaypool.server.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.member.RedeemRequest;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.ApiClient.SignedIn;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The redeem routes on the one redeem service: generate and export as admin, redeem as member, clear 4xx. */
class RedeemRoutesIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        api = new ApiClient(relay.baseUrl());
        admin = api.signUp(postgres, "admin").token();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static Reply generate(String usd, Instant expiresAt) {
        Reply batch = api.call("POST", "/api/v1/admin/redeem-codes", new RedeemGenerateRequest("balance",
                new BigDecimal(usd), 2, null, null, expiresAt, "promo, spring"), admin);
        assertThat(batch.status()).as(batch.text()).isEqualTo(201);
        return batch;
    }

    @Test
    void generatedCodeIsRedeemedOnceThenAnswers409() {
        Reply batch = generate("4.25", null);
        String code = batch.body().path("codes").get(0).path("code").asText();
        SignedIn ann = api.signUp(postgres, "member");

        Reply first = api.call("POST", "/api/v1/redeem", new RedeemRequest(code.toLowerCase()), ann.token());
        Reply again = api.call("POST", "/api/v1/redeem", new RedeemRequest(code), ann.token());

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.body().path("type").asText()).isEqualTo("balance");
        assertThat(first.body().path("value").decimalValue()).isEqualByComparingTo("4.25");
        assertThat(first.body().path("balance").decimalValue()).isEqualByComparingTo("4.25");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("already used");
    }

    @Test
    void unknownCodeIs404AndExpiredCodeIs409() {
        SignedIn bob = api.signUp(postgres, "member");
        String expired = generate("1", Instant.now().minusSeconds(60)).body().path("codes").get(0).path("code").asText();

        assertThat(api.call("POST", "/api/v1/redeem", new RedeemRequest("RP-NOPE-NOPE"), bob.token()).status())
                .isEqualTo(404);
        Reply late = api.call("POST", "/api/v1/redeem", new RedeemRequest(expired), bob.token());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text()).contains("expired");
        assertThat(api.get("/api/v1/balance", bob.token()).body().path("balance").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void exportsABatchAsCsv() {
        Reply batch = generate("2", null);
        String batchId = batch.body().path("batchId").asText();

        Reply csv = api.get("/api/v1/admin/redeem-codes/export?batchId=" + batchId, admin);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.text().lines()).hasSize(3);
        assertThat(csv.text()).contains(batch.body().path("codes").get(1).path("code").asText())
                .contains("\"promo, spring\"");
        assertThat(api.get("/api/v1/admin/redeem-codes/export", admin).status()).isEqualTo(400);
    }
}
