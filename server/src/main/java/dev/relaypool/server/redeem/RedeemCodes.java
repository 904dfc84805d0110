package dev.relaypool.server.redeem;

import static dev.relaypool.server.storage.schema.Tables.REDEEM_CODES;

import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.RedeemCodesRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;

/**
 * Front door of redeem codes: generate a batch, export it as CSV, redeem a code once. Redemption claims the code
 * with a conditional {@code UPDATE ... WHERE status = 'unused' ... RETURNING}, so of two concurrent redemptions of
 * one code exactly one gets the row back; the grant happens in the same transaction.
 */
public final class RedeemCodes {
    /** Crockford's base32: no I, L, O or U, so a code read aloud or typed cannot be confused. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Database database;
    private final SecureRandom random;
    private final Clock clock;
    private final Runnable afterRedeem;

    /** {@code afterRedeem} runs after each successful redemption: drop caches of balances and limits. */
    public RedeemCodes(Database database, SecureRandom random, Clock clock, Runnable afterRedeem) {
        this.database = database;
        this.random = random;
        this.clock = clock;
        this.afterRedeem = afterRedeem;
    }

    public GeneratedBatch generate(NewBatch spec) {
        String batchId = UUID.randomUUID().toString();
        List<String> codes = new ArrayList<>(spec.count());
        for (int i = 0; i < spec.count(); i++) {
            codes.add(newCode());
        }
        database.transaction(db -> {
            InsertSetMoreStep<RedeemCodesRecord> insert = null;
            for (String code : codes) {
                RedeemCodesRecord row = db.newRecord(REDEEM_CODES);
                row.setCode(code);
                row.setType(spec.type().wireName());
                row.setValue(spec.value());
                row.setGroupId(spec.groupId());
                row.setValidityDays(spec.validityDays());
                row.setExpiresAt(spec.expiresAt().map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null));
                row.setBatchId(batchId);
                row.setNotes(spec.notes());
                insert = insert == null ? db.insertInto(REDEEM_CODES).set(row) : insert.newRecord().set(row);
            }
            insert.execute();
        });
        return new GeneratedBatch(batchId, codes);
    }

    /** One line per code of the batch, with a header; fields quoted as RFC 4180 wants. */
    public String exportCsv(String batchId) {
        StringBuilder csv = new StringBuilder("code,type,value,group_id,validity_days,status,expires_at,used_by,used_at,notes\r\n");
        for (RedeemCodesRecord r : database.dsl().selectFrom(REDEEM_CODES).where(REDEEM_CODES.BATCH_ID.eq(batchId))
                .orderBy(REDEEM_CODES.ID).fetch()) {
            csv.append(String.join(",", r.getCode(), r.getType(), r.getValue().stripTrailingZeros().toPlainString(),
                    text(r.getGroupId()), text(r.getValidityDays()), r.getStatus(), text(r.getExpiresAt()),
                    text(r.getUsedBy()), text(r.getUsedAt()), quoted(r.getNotes()))).append("\r\n");
        }
        return csv.toString();
    }

    public RedeemResult redeem(long userId, String presented) {
        String code = presented == null ? "" : presented.trim().toUpperCase(Locale.ROOT);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        RedeemResult result;
        try {
            result = database.transactionResult(db -> claimAndGrant(db, userId, code, now));
        } catch (Grants.Ungrantable e) {
            return new RedeemResult.Unusable(e.getMessage()); // rolled back: the code stays unused
        }
        if (result instanceof RedeemResult.Redeemed) {
            afterRedeem.run();
        }
        return result;
    }

    private static RedeemResult claimAndGrant(DSLContext db, long userId, String code, OffsetDateTime now) {
        RedeemCodesRecord claimed = db.update(REDEEM_CODES)
                .set(REDEEM_CODES.STATUS, "used").set(REDEEM_CODES.USED_BY, userId).set(REDEEM_CODES.USED_AT, now)
                .where(REDEEM_CODES.CODE.eq(code).and(REDEEM_CODES.STATUS.eq("unused"))
                        .and(REDEEM_CODES.EXPIRES_AT.isNull().or(REDEEM_CODES.EXPIRES_AT.gt(now))))
                .returning().fetchOne();
        if (claimed != null) {
            return new Grants(db, now).grant(userId, claimed);
        }
        RedeemCodesRecord existing = db.selectFrom(REDEEM_CODES).where(REDEEM_CODES.CODE.eq(code)).fetchOne();
        if (existing == null) {
            return new RedeemResult.NotFound();
        }
        return switch (existing.getStatus()) {
            case "used" -> new RedeemResult.AlreadyUsed(existing.getUsedAt().toInstant());
            case "disabled" -> new RedeemResult.Disabled();
            default -> new RedeemResult.Expired(existing.getExpiresAt().toInstant());
        };
    }

    private String newCode() {
        StringBuilder code = new StringBuilder("RP");
        for (int i = 0; i < 16; i++) { // 80 random bits
            if (i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String value) {
        return value.matches("[^\",\r\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
