package dev.synapsebench.cli;

import dev.synapsebench.model.RunFiles;
import dev.synapsebench.report.Report;
import dev.synapsebench.model.RunFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code synapse report [RUN_DIR]}: writes a run's report.md and charts again from its data files,
 * which it only reads.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.md and its charts (PNG) for a run folder from the run's data files (jmh.json,"
                + " environment.json, numpy.json, machine.json), which are only read.",
                "Prints the path of report.md."})
final class ReportCommand implements Runnable {

    /** Set by the ./synapse launcher to the repository root. */
    static final String HOME_VARIABLE = "SYNAPSE_HOME";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUN_DIR",
            description = "The run folder (default: the newest under results/ of the repository, or of the working"
                    + " directory).")
    Path runFolder;

    @CommandLine.Option(names = "--headlines", paramLabel = "FILE",
            description = "Instead of a report, write the headline tables of a Markdown file (the README's) anew,"
                    + " each from the run folder its '<!-- headline results/RUN -->' marker names, in place.")
    Path headlines;

    @Override
    public void run() {
        if (headlines != null) {
            writeHeadlines(headlines);
            return;
        }
        Path folder = runFolder != null ? runFolder : newestRun(resultsFolder());
        dev.synapsebench.model.MeasuredRun run = RunFolder.read(folder);
        try {
            Report.write(run, folder);
        } catch (java.io.UncheckedIOException e) { // a read-only folder, a disk full, a folder named report.md
            throw new UsageException("cannot write the report into " + folder + ": " + describe(e.getCause()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(folder.resolve(RunFiles.REPORT_MD));
        out.flush();
    }

    /** The headline blocks of {@code file} written anew from their runs, relative to the file's folder. */
    private void writeHeadlines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " is not a file");
        }
        try {
            String markdown = Files.readString(file);
            Path root = file.toAbsolutePath().getParent();
            String updated = dev.synapsebench.report.page.HeadlineBlocks.update(markdown, root);
            Path temporary = root.resolve("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, updated);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": " + dev.synapsebench.report.page.HeadlineBlocks.count(updated) + " headline tables");
            out.flush();
        } catch (IOException e) {
            throw new UsageException("cannot write the headline tables of " + file + ": " + describe(e));
        }
    }

    private static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
            return fs.getFile() + ": " + reason;
        }
        return String.valueOf(e.getMessage());
    }

    /** The repository's results/ when started by ./synapse, else the working directory's. */
    private static Path resultsFolder() {
        String home = System.getenv(HOME_VARIABLE);
        return home == null || home.isBlank() ? Path.of("results") : Path.of(home, "results");
    }

    /**
     * The run folder with the greatest name (names start with the run's UTC time) that holds a
     * {@code jmh.json}; the launcher's hidden staging folders are not runs.
     *
     * @throws IllegalArgumentException with one sentence when there is none
     */
    static Path newestRun(Path results) {
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException("there is no results folder " + results.toAbsolutePath()
                    + "; give a run folder: synapse report RUN_DIR");
        }
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> Files.isRegularFile(f.resolve(RunFiles.JMH_JSON)))
                    .max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElseThrow(() -> new IllegalArgumentException("there is no run under " + results.toAbsolutePath()
                            + " (no folder with a jmh.json); give a run folder: synapse report RUN_DIR"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results, e);
        }
    }
}
