package dev.synapsebench.benchmarks.publish;

import dev.synapsebench.model.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run's report folder, {@code results/<UTC timestamp>-<host>/}.
 *
 * <p>Files are written into a hidden staging folder {@code results/.tmp-<name>-<pid>/} (git-ignored),
 * each through a temporary file renamed into place, and the finished folder is published with one
 * atomic rename. So a killed run leaves no half-written JSON under a final name, and an earlier
 * run is never touched: a name already taken gets a {@code -2}, {@code -3}, ... suffix, and a
 * directory rename cannot replace a non-empty directory.
 *
 * <p>What a run that does not finish leaves behind:
 * <ul>
 *   <li>a run that fails on its own (a parity mismatch, a fork that died) keeps its partial data as
 *       {@code results/.failed-<name>/} ({@link #keepAsFailed()}), for the user to read;</li>
 *   <li>a run interrupted by SIGINT or SIGTERM deletes its staging folder on the way out
 *       ({@link #removeOnInterrupt()});</li>
 *   <li>a run killed by SIGKILL cannot: the next run, holding the run lock, removes every staging
 *       folder of this host whose process is gone ({@link #removeAbandoned}).</li>
 * </ul>
 */
public final class ResultsFolder {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String STAGING_PREFIX = ".tmp-";
    private static final String FAILED_PREFIX = ".failed-";

    private final Path root;
    private final String name;
    private final Path staging;
    /** Set once the staging folder has been renamed (published or kept as failed): nothing left to remove. */
    private volatile boolean settled;

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
            Path staging = Files.createDirectory(root.resolve(STAGING_PREFIX + name + "-" + ProcessHandle.current().pid()));
            return new ResultsFolder(root, name, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a results folder in " + root, e);
        }
    }

    /**
     * Removes the staging folders that runs of {@code host} left in {@code root} when they were
     * killed: those whose process no longer runs. Call it only while holding the run lock, so no
     * live run of this machine can be starting one. Staging folders of other hosts (a results folder
     * on a shared disk) and of live processes are left alone.
     *
     * @return the folders removed
     */
    public static List<Path> removeAbandoned(Path root, String host) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Pattern ours = Pattern.compile(Pattern.quote(STAGING_PREFIX) + "\\d{8}T\\d{6}Z-" + Pattern.quote(safe(host))
                + "-(\\d+)");
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                Matcher m = ours.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !isAlive(Long.parseLong(m.group(1)))) {
                    deleteTree(entry);
                    removed.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up the unfinished runs in " + root, e);
        }
        return removed;
    }

    private static boolean isAlive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Host names as they may appear in a folder name: letters, digits, '.', '-', '_'. */
    public static String safe(String host) {
        String s = host == null ? "" : host.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "unknown-host" + s : s;
    }

    /** Whether the staging folder has been published or kept as failed. */
    public boolean isSettled() {
        return settled;
    }

    /** The results folder the run is published in. */
    public Path root() {
        return root;
    }

    public Path staging() {
        return staging;
    }

    /** Where JMH writes its JSON (inside the staging folder; JMH writes it once, at the end). */
    public Path jmhJson() {
        return staging.resolve(RunFiles.JMH_JSON);
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
        return settle(name);
    }

    /**
     * Keeps a failed run's partial data as {@code .failed-<name>} (hidden, so reports and compares
     * never take it for a run; never removed by a later run); returns where it is now.
     */
    public Path keepAsFailed() {
        return settle(FAILED_PREFIX + name);
    }

    /**
     * Deletes the staging folder if the JVM is stopped (SIGINT, SIGTERM) before the folder was
     * published or kept: an interrupted run's data are incomplete and not worth a folder. Best
     * effort: what a deletion racing a last write leaves, the next run removes.
     */
    public void removeOnInterrupt() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!settled && Files.isDirectory(staging)) {
                try {
                    deleteTree(staging);
                    System.err.println("benchmarks: stopped before the end; nothing published, " + staging + " removed");
                } catch (IOException e) {
                    System.err.println("benchmarks: stopped before the end; nothing published (the next run removes "
                            + staging + ")");
                }
            }
        }, "remove-unpublished-run"));
    }

    private Path settle(String finalName) {
        try {
            for (int attempt = 1; ; attempt++) {
                Path target = root.resolve(attempt == 1 ? finalName : finalName + "-" + attempt);
                if (Files.exists(target)) {
                    continue;
                }
                try {
                    Path moved = Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    settled = true;
                    return moved;
                } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // another run took the name between the check and the rename: try the next
                }
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("the file system under " + root + " cannot rename atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + staging + " to its final name", e);
        }
    }
}
