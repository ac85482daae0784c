package dev.synapsebench.benchmarks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the launcher's child processes (the fork probe, numpy's race) leave behind: the last line
 * they printed, for a one-sentence error, and the temporary files to remove afterwards.
 */
final class ChildOutput {

    private ChildOutput() {
    }

    /** The last non-blank line of {@code output}, trimmed, or {@code ifNone}. */
    static String lastLine(String output, String ifNone) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? ifNone : lines.get(lines.size() - 1).trim();
    }

    /** Deletes {@code file} if there is one; a temporary file left behind is harmless. */
    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // harmless: see above
            }
        }
    }
}
