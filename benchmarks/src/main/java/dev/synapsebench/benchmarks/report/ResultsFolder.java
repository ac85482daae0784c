package dev.synapsebench.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One run's report folder, {@code results/<UTC timestamp>-<host>/}.
 *
 * <p>Files are written into a hidden staging folder {@code results/.tmp-<name>-<pid>/} (git-ignored),
 * each through a temporary file renamed into place, and the finished folder is published with one
 * atomic rename. So a killed run leaves no half-written JSON under a final name, and an earlier
 * run is never touched: a name already taken gets a {@code -2}, {@code -3}, ... suffix, and a
 * directory rename cannot replace a non-empty directory.
 */
public final class ResultsFolder {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;
    private final String name;
    private final Path staging;

    private ResultsFolder(Path root, String name, Path staging) {
        this.root = root;
        this.name = name;
        this.staging = staging;
    }

    /**
     * Creates {@code root} if needed and the staging folder for a run started at {@code start}.
     *
     * @throws UncheckedIOException when the folder cannot be created
     */
    public static ResultsFolder create(Path root, Instant start, String host) {
        String name = TIMESTAMP.format(start) + "-" + safe(host);
        try {
            Files.createDirectories(root);
            Path staging = Files.createDirectory(root.resolve(".tmp-" + name + "-" + ProcessHandle.current().pid()));
            return new ResultsFolder(root, name, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a results folder in " + root, e);
        }
    }

    /** Host names as they may appear in a folder name: letters, digits, '.', '-', '_'. */
    public static String safe(String host) {
        String s = host == null ? "" : host.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "unknown-host" + s : s;
    }

    public Path staging() {
        return staging;
    }

    /** Where JMH writes its JSON (inside the staging folder; JMH writes it once, at the end). */
    public Path jmhJson() {
        return staging.resolve("jmh.json");
    }

    /** Writes {@code fileName} in the staging folder: temporary file, then atomic rename. */
    public void write(String fileName, String content) {
        Path target = staging.resolve(fileName);
        Path temporary = staging.resolve("." + fileName + ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Moves the finished folder to its final name in one rename; returns where it is now. */
    public Path publish() {
        try {
            for (int attempt = 1; ; attempt++) {
                Path target = root.resolve(attempt == 1 ? name : name + "-" + attempt);
                if (Files.exists(target)) {
                    continue;
                }
                try {
                    return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // another run took the name between the check and the rename: try the next
                }
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("the file system under " + root + " cannot rename atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + staging, e);
        }
    }
}
