package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitIT {
    private static final Path UNIT = Scripts.DEPLOY.resolve("relaypool.service");
    private static final String INSTALLED_JAVA = "/opt/relaypool/jdk/bin/java";

    @Test
    void unitPassesSystemdAnalyzeVerify(@TempDir Path dir) throws IOException {
        Scripts.assumeInstalled(Scripts.available("systemd-analyze", "--version"),
                "systemd-analyze is not installed (apt-get install systemd): unit not verified");
        // verify checks that ExecStart's binary exists; on this machine the JDK is not at the installed path.
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("ExecStart=" + INSTALLED_JAVA + " ");
        Path copy = dir.resolve("relaypool.service");
        Files.writeString(copy, unit.replace(INSTALLED_JAVA, Scripts.javaHome().resolve("bin/java").toString()));

        Scripts.Result result = Scripts.run(dir, Map.of(), List.of("systemd-analyze", "verify", copy.toString()));

        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void unitIsHardenedButLetsTheJvmCompileAndStopGracefully() throws IOException {
        Map<String, String> settings = Files.readAllLines(UNIT).stream()
                .filter(line -> line.matches("^[A-Za-z]+=.*"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (first, second) -> first + " " + second));

        assertThat(settings).containsEntry("NoNewPrivileges", "yes").containsEntry("ProtectSystem", "strict")
                .containsEntry("ProtectHome", "yes").containsEntry("PrivateTmp", "yes")
                .containsEntry("ReadWritePaths", "/var/lib/relaypool").containsEntry("CapabilityBoundingSet", "")
                .containsEntry("Restart", "on-failure").containsEntry("MemoryDenyWriteExecute", "no")
                .containsKey("RestrictAddressFamilies");
        // The JVM's grace period is 30 s by default (server.shutdown-grace-seconds).
        assertThat(Integer.parseInt(settings.get("TimeoutStopSec"))).isGreaterThan(30);
        assertThat(Integer.parseInt(settings.get("LimitNOFILE"))).isGreaterThanOrEqualTo(65536);
    }
}
