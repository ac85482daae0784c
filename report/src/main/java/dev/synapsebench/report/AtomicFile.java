package dev.synapsebench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary file beside it and one atomic rename, so a reader (or a killed
 * run) never sees half a page or half a PNG, and an earlier version stays whole until replaced.
 */
final class AtomicFile {

    private AtomicFile() {
    }

    /** @throws UncheckedIOException when the folder cannot be written */
    static void write(Path target, byte[] content) {
        // not Files.createTempFile: its owner-only permissions would stay on the renamed file
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // the write already failed; that is the error to report
        }
    }
}
