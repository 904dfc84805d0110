package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShellScriptsIT {

    @Test
    void everyDeploymentScriptIsShellcheckClean() throws IOException {
        Scripts.assumeInstalled(Scripts.available("shellcheck", "--version"),
                "shellcheck is not installed (apt-get install shellcheck): scripts not linted");
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "--severity=style"));
        try (Stream<Path> files = Files.list(Scripts.DEPLOY)) {
            files.filter(f -> f.getFileName().toString().endsWith(".sh")).sorted()
                    .forEach(f -> command.add(f.getFileName().toString()));
        }
        assertThat(command).contains("install.sh", "backup.sh", "restore.sh", "dist.sh", "docker-healthcheck.sh");

        Scripts.Result result = Scripts.run(command);

        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }
}
