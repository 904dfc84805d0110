package dev.relaypool.desktop.common;

import dev.relaypool.desktop.api.ApiResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a download into a {@code .part} file next to the target and moves it into place only when the download
 * succeeded, so a failed or cancelled download never leaves a half file under the name the operator chose.
 */
public final class PartFile {
    private PartFile() {}

    @FunctionalInterface
    public interface Download {
        ApiResult<Long> into(OutputStream out);
    }

    /** Runs on a background thread; a local write failure is {@code Failed(0, "could not write …")}. */
    public static ApiResult<Long> write(Path file, Download download) {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        ApiResult<Long> result;
        try (OutputStream out = Files.newOutputStream(partial)) {
            result = download.into(out);
        } catch (IOException e) {
            return new ApiResult.Failed<>(0, "could not write " + file + ": " + e.getMessage());
        }
        try {
            if (result instanceof ApiResult.Ok<Long>) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            return new ApiResult.Failed<>(0, "could not write " + file + ": " + e.getMessage());
        }
        return result;
    }
}
