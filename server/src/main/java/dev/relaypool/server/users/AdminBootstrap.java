package dev.relaypool.server.users;

import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.server.storage.Database;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Locale;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: when no admin exists, creates one with {@code security.admin-email} and a generated password, and
 * prints that password once to the console (standard output, not the log). Later starts find the admin and print
 * nothing. Nodes starting together serialise on an advisory lock, so only one creates the admin.
 */
public final class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final long LOCK_KEY = 0x52454c4159L; // "RELAY": any constant unique to this job
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 20; // ~116 bits

    public enum Outcome { CREATED, ADMIN_EXISTS, EMAIL_TAKEN }

    private final Database database;
    private final PasswordHasher hasher;
    private final PrintStream console;
    private final SecureRandom random = new SecureRandom();

    public AdminBootstrap(Database database, PasswordHasher hasher, PrintStream console) {
        this.database = database;
        this.hasher = hasher;
        this.console = console;
    }

    public Outcome run(String adminEmail) {
        String password = generatePassword();
        String hash = hasher.hash(password);
        Outcome outcome = database.transactionResult(tx -> {
            tx.select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER, DSL.val(LOCK_KEY))).fetch();
            if (tx.fetchExists(USERS, USERS.ROLE.eq("admin"))) {
                return Outcome.ADMIN_EXISTS;
            }
            if (tx.fetchExists(USERS, DSL.lower(USERS.EMAIL).eq(adminEmail.toLowerCase(Locale.ROOT)))) {
                return Outcome.EMAIL_TAKEN;
            }
            tx.insertInto(USERS)
                    .set(USERS.EMAIL, adminEmail)
                    .set(USERS.DISPLAY_NAME, "Administrator")
                    .set(USERS.PASSWORD_HASH, hash)
                    .set(USERS.PASSWORD_CHANGE_REQUIRED, true)
                    .set(USERS.ROLE, "admin")
                    .execute();
            return Outcome.CREATED;
        });
        switch (outcome) {
            case CREATED -> {
                log.info("Created the admin user {}; its password was printed to the console once", adminEmail);
                printBanner(adminEmail, password);
            }
            case ADMIN_EXISTS -> log.debug("An admin user exists");
            case EMAIL_TAKEN -> log.warn("No admin user exists and {} (security.admin-email) belongs to a member; "
                    + "set security.admin-email to an unused address to create an admin", adminEmail);
        }
        return outcome;
    }

    private void printBanner(String email, String password) {
        String rule = "=".repeat(72);
        console.println();
        console.println(rule);
        console.println("  Relaypool admin account created");
        console.println();
        console.println("    login:    " + email);
        console.println("    password: " + password);
        console.println();
        console.println("  This password is shown only this once. Sign in and change it.");
        console.println(rule);
        console.println();
        console.flush();
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
