package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A small source tree in the shape of a built Relaypool (placeholder jars, the real launcher and deploy files),
 * packed by the real deploy/dist.sh: the archive install.sh is tested with is made the way releases are.
 */
final class FakeRelease {
    private FakeRelease() {}

    static Path build(Path workDir, String version) throws IOException {
        Path source = workDir.resolve("source-" + version);
        write(source.resolve("pom.xml"), "<project>\n  <groupId>dev.relaypool</groupId>\n  <version>" + version
                + "</version>\n</project>\n");
        write(source.resolve("server/target/relaypool-server.jar"), "server " + version);
        write(source.resolve("server/target/lib/dependency.jar"), "dependency");
        write(source.resolve("desktop-admin/target/relaypool-desktop.jar"), "desktop " + version);
        write(source.resolve("desktop-admin/target/lib/javafx.jar"), "javafx");
        write(source.resolve("README.md"), "# Relaypool " + version);
        Files.copy(Scripts.REPOSITORY.resolve("relaypool"), source.resolve("relaypool"));
        copyTree(Scripts.DEPLOY, source.resolve("deploy"));

        Path out = workDir.resolve("dist");
        Scripts.Result result = Scripts.bash(Scripts.DEPLOY.resolve("dist.sh"), source.toString(), out.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        Path archive = out.resolve("relaypool-" + version + ".tar.gz");
        assertThat(archive).exists();
        return archive;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.filter(p -> !from.relativize(p).startsWith("target")).forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
