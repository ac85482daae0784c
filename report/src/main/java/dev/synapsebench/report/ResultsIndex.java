package dev.synapsebench.report;

import dev.synapsebench.model.RunFiles;
import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.FigureFormat;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.RunFolder;
import dev.synapsebench.model.RunFolderException;
import dev.synapsebench.model.Work;
import dev.synapsebench.model.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code results/README.md}: one table row per run folder, linked to its report.md. Made only from
 * the runs' files (no clock, no host), so writing it twice gives the same bytes and a test can
 * tell a hand edit from the generated page.
 */
public final class ResultsIndex {

    /** The index's file name in the results folder. */
    public static final String FILE = "README.md";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String HEADLINE_BACKEND = "simd";
    private static final String HEADLINE_BENCHMARK = "trainingStep";

    private ResultsIndex() {
    }

    /**
     * Writes {@code results/README.md} atomically.
     *
     * @return the file written
     * @throws RunFolderException   with one sentence when a run folder cannot be read
     * @throws UncheckedIOException when the folder cannot be listed or written
     */
    public static Path write(Path results) {
        Path file = results.resolve(FILE);
        AtomicFile.write(file, markdown(results).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** The page for the run folders in {@code results}, oldest first. */
    public static String markdown(Path results) {
        StringBuilder page = new StringBuilder();
        page.append("# results/\n\n");
        page.append("Benchmark reports, one folder per run: `results/<UTC timestamp>-<host>/` with JMH's own `jmh.json`\n");
        page.append("and `environment.json` (machine, JDK, flags, library versions, git commit, the exact command),\n");
        page.append("`machine.json` (what is known of the machine, each fact with its source), and `report.md` with its\n");
        page.append("charts (`./synapse report RUN_DIR` writes them again from the data files).\n");
        page.append("Runs are never overwritten; commit the ones worth keeping.\n\n");
        page.append("This page is generated: `./synapse index` writes it from the run folders, and the benchmark\n");
        page.append("launcher writes it again after each run it publishes. Edit the generator, not the page.\n\n");
        page.append("| run | date | machine | ISA | JDK | commit | profile | ").append(HEADLINE_BACKEND).append(' ')
                .append(HEADLINE_BENCHMARK).append(", largest network |\n");
        page.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Path folder : runFolders(results)) {
            page.append(row(RunFolder.read(folder))).append('\n');
        }
        return page.toString();
    }

    /** The folders holding a jmh.json, by name (names start with the run's UTC time); staging and failed runs are hidden. */
    static List<Path> runFolders(Path results) {
        if (!Files.isDirectory(results)) {
            throw new RunFolderException("there is no results folder " + results);
        }
        try (Stream<Path> entries = Files.list(results)) {
            return entries.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> Files.isRegularFile(f.resolve(RunFiles.JMH_JSON)))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results, e);
        }
    }

    private static String row(MeasuredRun run) {
        Machine machine = Machine.of(run);
        List<String> cells = new ArrayList<>();
        cells.add("[" + run.name() + "](" + run.name() + "/" + RunFiles.REPORT_MD + ")");
        cells.add(run.environmentText("run", "started").map(ResultsIndex::date).orElse("not recorded"));
        // the measured peak tells apart kinds of machine that report the same name and ISA
        cells.add(machine.describe() + (Double.isFinite(run.peakGflops())
                ? ", FP64 peak " + FigureFormat.gflops(run.peakGflops()) + " GFLOP/s" : ""));
        cells.add(machine.text(Machine.ISA).map(isa -> isa + machine.text(Machine.VECTOR_BITS)
                .filter(bits -> !isa.contains("-bit")).map(bits -> " (" + bits + "-bit)").orElse(""))
                .orElse("unknown"));
        cells.add(run.environmentText("jdk", "runtime.version").or(() -> run.environmentText("jdk", "version"))
                .orElse("not recorded"));
        cells.add(run.environmentText("git", "commit").map(c -> "`" + c.substring(0, Math.min(7, c.length())) + "`"
                + (run.environmentText("git", "dirty").orElse("").equals("true") ? " (dirty)" : ""))
                .orElse("not recorded"));
        cells.add(run.environmentText("run", "profile").orElse("not recorded"));
        cells.add(headline(run));
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |";
    }

    /**
     * The run's headline figure: simd's trainingStep (float64) on the largest network the run
     * measured, its GFLOP/s and % of the run's peak, from {@link DerivedFigures} and {@link FigureFormat}.
     */
    static String headline(MeasuredRun run) {
        DerivedFigures figures = DerivedFigures.of(run);
        Optional<Measurement> largest = run.results().stream()
                .filter(r -> r.backend().equals(HEADLINE_BACKEND) && r.benchmark().equals(HEADLINE_BENCHMARK)
                        && r.otherParams().isEmpty() && Double.isFinite(figures.gflops(r)))
                .max(Comparator.comparingDouble(r -> Work.flops(r.benchmark(), r.network())));
        if (largest.isEmpty()) {
            return "not measured";
        }
        Measurement row = largest.get();
        double ofPeak = figures.fractionOfPeak(row);
        return row.network() + ": " + FigureFormat.gflops(figures.gflops(row)) + " GFLOP/s"
                + (Double.isFinite(ofPeak) ? ", " + FigureFormat.percent(ofPeak) + " of peak" : " (no peak measured)");
    }

    private static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
