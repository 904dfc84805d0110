package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh against archives made by dist.sh, in a scratch --root (no root, no systemctl needed). */
class InstallScriptIT {
    private static final Path INSTALL = Scripts.DEPLOY.resolve("install.sh");

    @TempDir Path work;
    private Path root;
    private Path v1;
    private Path v2;

    @BeforeEach
    void buildReleases() throws IOException {
        root = work.resolve("root");
        v1 = FakeRelease.build(work, "1.0.0");
        v2 = FakeRelease.build(work, "1.1.0");
    }

    @Test
    void distArchiveHoldsWhatTheServiceAndTheLauncherNeed() {
        Scripts.Result listing = Scripts.run(List.of("tar", "-tzf", v1.toString()));

        assertThat(listing.output().lines()).contains("relaypool-1.0.0/VERSION", "relaypool-1.0.0/relaypool",
                "relaypool-1.0.0/README.md", "relaypool-1.0.0/server/target/relaypool-server.jar",
                "relaypool-1.0.0/server/target/lib/dependency.jar",
                "relaypool-1.0.0/desktop-admin/target/relaypool-desktop.jar",
                "relaypool-1.0.0/desktop-admin/target/lib/javafx.jar", "relaypool-1.0.0/deploy/install.sh",
                "relaypool-1.0.0/deploy/relaypool.service", "relaypool-1.0.0/deploy/config.example.yaml",
                "relaypool-1.0.0/deploy/.env.example");
        assertThat(listing.output()).doesNotContain("deploy/pom.xml", "deploy/src/");
    }

    @Test
    void installLaysOutReleaseConfigDataAndUnit() throws IOException {
        Scripts.Result result = install("install", v1.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("skipping creating the system user", "skipping systemctl enable --now relaypool");
        assertThat(current()).isEqualTo("releases/1.0.0");
        assertThat(root.resolve("opt/relaypool/current/server/target/relaypool-server.jar")).hasContent("server 1.0.0");
        assertThat(root.resolve("opt/relaypool/jdk/bin/java")).isExecutable();
        assertThat(root.resolve("etc/relaypool/config.yaml")).hasSameTextualContentAs(Scripts.DEPLOY.resolve("config.example.yaml"));
        assertThat(root.resolve("etc/relaypool/relaypool.env")).exists();
        assertThat(root.resolve("var/lib/relaypool")).isDirectory();
        assertThat(root.resolve("etc/systemd/system/relaypool.service")).hasSameTextualContentAs(Scripts.DEPLOY.resolve("relaypool.service"));
    }

    @Test
    void refusesASecondInstallAndPointsToUpgrade() {
        install("install", v1.toString());

        Scripts.Result again = install("install", v2.toString());

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("already installed", "upgrade");
        assertThat(current()).isEqualTo("releases/1.0.0");
    }

    @Test
    void upgradeSwitchesReleaseAndKeepsTheOperatorsConfigAndData() throws IOException {
        install("install", v1.toString());
        Files.writeString(root.resolve("etc/relaypool/config.yaml"), "server:\n  port: 9000\n");
        Files.writeString(root.resolve("var/lib/relaypool/master.key"), "secret");

        Scripts.Result result = install("upgrade", v2.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(current()).isEqualTo("releases/1.1.0");
        assertThat(link("previous")).isEqualTo("releases/1.0.0");
        assertThat(root.resolve("opt/relaypool/current/server/target/relaypool-server.jar")).hasContent("server 1.1.0");
        assertThat(root.resolve("etc/relaypool/config.yaml")).hasContent("server:\n  port: 9000");
        assertThat(root.resolve("var/lib/relaypool/master.key")).hasContent("secret");
    }

    @Test
    void rollbackReturnsToThePreviousReleaseAndBackAgain() {
        install("install", v1.toString());
        install("upgrade", v2.toString());

        Scripts.Result rollback = install("rollback");
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(current()).isEqualTo("releases/1.0.0");
        assertThat(install("status").output()).contains("current:  1.0.0", "previous: 1.1.0");

        install("rollback");
        assertThat(current()).isEqualTo("releases/1.1.0");
    }

    @Test
    void rollbackWithoutAPreviousReleaseChangesNothing() {
        install("install", v1.toString());

        Scripts.Result rollback = install("rollback");

        assertThat(rollback.exitCode()).isNotZero();
        assertThat(rollback.output()).contains("no previous release");
        assertThat(current()).isEqualTo("releases/1.0.0");
    }

    @Test
    void upgradeKeepsOnlyTheCurrentAndThePreviousRelease() throws IOException {
        Path v3 = FakeRelease.build(work, "1.2.0");
        install("install", v1.toString());
        install("upgrade", v2.toString());

        install("upgrade", v3.toString());

        try (var releases = Files.list(root.resolve("opt/relaypool/releases"))) {
            assertThat(releases.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.1.0", "1.2.0");
        }
    }

    @Test
    void uninstallKeepsConfigAndDataUnlessPurged() throws IOException {
        install("install", v1.toString());
        Files.writeString(root.resolve("var/lib/relaypool/master.key"), "secret");

        Scripts.Result uninstall = install("uninstall");

        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(root.resolve("opt/relaypool")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/relaypool.service")).doesNotExist();
        assertThat(root.resolve("var/lib/relaypool/master.key")).hasContent("secret");
        assertThat(root.resolve("etc/relaypool/config.yaml")).exists();
        assertThat(install("status").output()).contains("not installed");

        install("install", v2.toString());
        Scripts.Result purge = install("uninstall", "--purge");

        assertThat(purge.exitCode()).as(purge.output()).isZero();
        assertThat(root.resolve("var/lib/relaypool")).doesNotExist();
        assertThat(root.resolve("etc/relaypool")).doesNotExist();
    }

    @Test
    void refusesAJavaOlderThan25AndSaysWhatToInstall() throws IOException {
        Path oldJava = work.resolve("jdk-17/bin/java");
        Files.createDirectories(oldJava.getParent());
        Files.writeString(oldJava, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        oldJava.toFile().setExecutable(true);

        Scripts.Result result = Scripts.bash(INSTALL, "--root", root.toString(), "--java-home",
                work.resolve("jdk-17").toString(), "install", v1.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("not a Java 25 or newer", "found: 17", "temurin-25-jre");
        assertThat(root.resolve("opt/relaypool/current")).doesNotExist();
    }

    private Scripts.Result install(String... arguments) {
        List<String> args = new ArrayList<>(List.of("--root", root.toString(), "--java-home", Scripts.javaHome().toString()));
        args.addAll(List.of(arguments));
        return Scripts.bash(INSTALL, args.toArray(String[]::new));
    }

    private String current() {
        return link("current");
    }

    private String link(String name) {
        try {
            return Files.readSymbolicLink(root.resolve("opt/relaypool").resolve(name)).toString();
        } catch (IOException e) {
            throw new AssertionError("no symlink opt/relaypool/" + name, e);
        }
    }
}
