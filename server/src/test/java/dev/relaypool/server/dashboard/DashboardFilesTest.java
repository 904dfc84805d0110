package dev.relaypool.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules the CSP and the token design rely on, checked over every dashboard file: no inline script or style, no
 * HTML built from strings, nothing kept in browser storage.
 */
class DashboardFilesTest {
    private static final Path ROOT = Path.of("src/main/resources/dashboard");

    @Test
    void pageLoadsScriptsAndStylesOnlyFromFiles() throws IOException {
        String html = Files.readString(ROOT.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContain("<style", " style=", "onload=", "onclick=", "javascript:");
    }

    @Test
    void scriptsNeverUseInlineStylesHtmlStringsEvalOrStorage() throws IOException {
        for (Path file : files(".js")) {
            String code = Files.readString(file);
            assertThat(code).as(file.toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                            "new Function", "localStorage", "sessionStorage", "indexedDB", "document.cookie",
                            ".setAttribute('style'", "cssText");
        }
    }

    @Test
    void everyFileHasAServableName() throws IOException {
        for (Path file : files("")) {
            String relative = ROOT.relativize(file).toString().replace('\\', '/');
            assertThat(StaticResources.safe("dashboard/" + relative)).as(relative).isTrue();
        }
    }

    @Test
    void safePathsStayInsideTheirDirectory() {
        assertThat(StaticResources.safe("dashboard/assets/js/main.js")).isTrue();
        assertThat(StaticResources.safe("dashboard/assets/../index.html")).isFalse();
        assertThat(StaticResources.safe("dashboard//index.html")).isFalse();
        assertThat(StaticResources.safe("/etc/passwd.txt")).isFalse();
        assertThat(StaticResources.safe("dashboard/assets/app.class")).isFalse();
        assertThat(StaticResources.safe("dashboard/assets/x%2f.js")).isFalse();
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
