package dev.synapsebench.cli;

import dev.synapsebench.model.RunFolderException;
import dev.synapsebench.report.ResultsIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code synapse index [RESULTS_DIR]}: writes the results folder's README.md, the table of its runs,
 * from the run folders, which it only reads.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Write RESULTS_DIR/README.md: one table row per run folder (date, machine, ISA, JDK, commit,"
                + " profile, simd's trainingStep on the largest network), each linked to its report.md.",
                "Run folders are only read. Prints the path of README.md.",
                "Exit status: 0 written, 2 no such folder, a run folder that cannot be read, or README.md cannot be"
                        + " written."})
final class IndexCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RESULTS_DIR",
            description = "The results folder (default: results/ of the repository, or of the working directory).")
    Path results;

    @Override
    public void run() {
        Path folder = results != null ? results : defaultResults();
        if (!Files.isDirectory(folder)) {
            throw new UsageException((Files.exists(folder) ? folder + " is not a folder" : "there is no results folder "
                    + folder) + "; give the folder of the run folders: synapse index RESULTS_DIR");
        }
        Path written;
        try {
            written = ResultsIndex.write(folder);
        } catch (RunFolderException e) {
            throw new UsageException("cannot index " + folder + ": " + e.getMessage());
        } catch (UncheckedIOException e) { // a read-only folder, a disk full, a folder named README.md
            throw new UsageException(e.getMessage() + ": " + reason(e.getCause()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(written);
        out.flush();
    }

    private static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "the file system refused";
        }
        return String.valueOf(e.getMessage());
    }

    /** The repository's results/ when started by ./synapse, else the working directory's. */
    private static Path defaultResults() {
        String home = System.getenv(ReportCommand.HOME_VARIABLE);
        return home == null || home.isBlank() ? Path.of("results") : Path.of(home, "results");
    }
}
