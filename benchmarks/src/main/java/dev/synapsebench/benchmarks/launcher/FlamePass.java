package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.benchmarks.publish.EnvironmentReport;
import dev.synapsebench.model.FlameGraphs;
import dev.synapsebench.model.RunFiles;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flame graphs' pass ({@code --flame}), run after every measurement so that no timing shares the
 * machine with a profiler: each measured row of one benchmark runs again in a fork of its own under
 * async-profiler, through JMH's {@code -prof async} ({@link RunPlan#flameOptions}), and its flame
 * graph is moved out of JMH's folder per benchmark and parameters into
 * {@code flame/BENCHMARK-BACKEND-NETWORK-DTYPE.html}. What JMH measures in those forks is dropped: a
 * profiled fork is no measurement, and jmh.json holds the measured passes only.
 */
final class FlamePass {

    /** async-profiler's event: see {@link #EVENT_NOTE}. */
    static final String EVENT = "itimer";

    static final String EVENT_NOTE = "CPU time sampled by the kernel's interval timer (setitimer), which needs no"
            + " hardware performance counters: virtual machines often expose none, and there async-profiler's cpu"
            + " event (perf_events) fails";

    /** 1 ms: about a thousand samples per second sampled (async-profiler's default, 10 ms, gives a hundred). */
    static final long INTERVAL_NANOS = 1_000_000;

    /** What JMH 1.37's {@code -prof async} names a forward flame graph, in its folder per benchmark and parameters. */
    static final String JMH_GRAPH = "flame-" + EVENT + "-forward.html";

    private FlamePass() {
    }

    /**
     * Profiles {@code plan}'s flame rows ({@link RunPlan#flameRows}) on the measured backends.
     *
     * @param runFolder where {@code flame/} goes: the run's staging folder, or the working directory without --results
     * @param output    JMH's {@code -o} file, if any, after the measured passes' output
     * @param console   where to say what is being profiled
     * @return what was made, or why not; never an exception for a profiler that does not load
     * @throws UncheckedIOException when the graphs cannot be written into {@code runFolder}
     */
    static FlameGraphs run(RunPlan plan, List<String> measured, Path runFolder, JmhOutput output, PrintStream console) {
        List<RunPlan.FlameRow> rows = plan.flameRows(measured);
        Optional<String> platform = AsyncProfilerLibrary.platform();
        if (platform.isEmpty()) {
            return skipped(plan, "async-profiler ships no library for " + System.getProperty("os.name") + " on "
                    + System.getProperty("os.arch") + ", so no flame graphs were made");
        }
        Path work = createTemporaryFolder();
        try {
            Optional<Path> library = AsyncProfilerLibrary.extract(platform.get(), work);
            if (library.isEmpty()) {
                return skipped(plan, "this build has no async-profiler library for " + platform.get()
                        + " on its class path, so no flame graphs were made");
            }
            Path target = runFolder.resolve(RunFiles.FLAME_DIR);
            Files.createDirectories(target);
            List<FlameGraphs.Graph> graphs = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                RunPlan.FlameRow row = rows.get(i);
                console.println("# Flame graph " + (i + 1) + " of " + rows.size() + ": " + row.name());
                Path raw = Files.createDirectory(work.resolve("row-" + i));
                try {
                    output.runner(plan.flameOptions(row, profilerOptions(library.get(), raw, row))).run();
                } catch (ProfilersFailedException e) {
                    // the library does not load here (the host JVM tries it first): no row will do better
                    return result(plan, graphs, failures, "async-profiler did not load here (" + Main.rootMessage(e)
                            + "), so no flame graphs were made");
                } catch (RunnerException e) {
                    failures.add(row.name() + ": its fork failed (" + Main.rootMessage(e) + ")");
                    continue;
                }
                Optional<Path> graph = find(raw);
                if (graph.isEmpty()) {
                    failures.add(row.name() + ": no flame graph (its fork failed; JMH's output says why)");
                    continue;
                }
                String file = row.name() + ".html";
                Files.move(graph.get(), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                graphs.add(new FlameGraphs.Graph(row.backend(), row.network(), row.dtype(), row.params(),
                        RunFiles.FLAME_DIR + "/" + file));
            }
            return result(plan, graphs, failures, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flame graphs into " + runFolder.resolve(RunFiles.FLAME_DIR), e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * JMH's {@code -prof async} options for one row: the library, the event, a forward flame graph
     * in HTML (JMH's {@code flamegraph} output), titled with the row, into {@code dir}.
     */
    static String profilerOptions(Path library, Path dir, RunPlan.FlameRow row) {
        // async-profiler splits its arguments at commas, JMH its options at semicolons: the title has neither
        String title = Stream.concat(Stream.of(row.benchmark(), row.backend(), row.network(), row.dtype()),
                new TreeMap<>(row.params()).entrySet().stream().map(p -> p.getKey() + " " + p.getValue()))
                .collect(Collectors.joining(" "));
        return String.join(";", "libPath=" + library.toAbsolutePath(), "event=" + EVENT, "interval=" + INTERVAL_NANOS,
                "output=flamegraph", "direction=forward", "dir=" + dir.toAbsolutePath(), "title=" + title);
    }

    private static FlameGraphs skipped(RunPlan plan, String reason) {
        return result(plan, List.of(), List.of(), reason);
    }

    private static FlameGraphs result(RunPlan plan, List<FlameGraphs.Graph> graphs, List<String> failures,
                                      String skipped) {
        Profile.Iterations timing = plan.launch().profile().flame();
        String profiler = "async-profiler " + EnvironmentReport.version("async-profiler").orElse("(version unknown)")
                + " through JMH's -prof async";
        return new FlameGraphs(plan.launch().flame().orElseThrow(), profiler, EVENT, EVENT_NOTE,
                INTERVAL_NANOS / 1e6, timing.warmupIterations() + " x " + timing.warmupTime(),
                timing.measurementIterations() + " x " + timing.measurementTime(), timing.measuredMillis() / 1e3,
                graphs, failures, skipped);
    }

    /** JMH's graph for the one row profiled into {@code dir} (in a folder named after the benchmark and parameters). */
    private static Optional<Path> find(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals(JMH_GRAPH)).findFirst();
        }
    }

    private static Path createTemporaryFolder() {
        try {
            return Files.createTempDirectory("synapse-flame");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for async-profiler", e);
        }
    }

    /** Removes the library and JMH's raw output; a leftover in the temporary folder is harmless. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(ChildOutput::delete);
        } catch (IOException e) {
            // harmless: see above
        }
    }
}
