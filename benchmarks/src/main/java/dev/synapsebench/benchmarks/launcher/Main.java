package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.benchmarks.publish.EnvironmentReport;
import dev.synapsebench.benchmarks.publish.ResultsFolder;
import dev.synapsebench.benchmarks.publish.Summary;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.report.Report;
import dev.synapsebench.model.FlameGraphs;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.RunFiles;
import dev.synapsebench.report.ResultsIndex;
import dev.synapsebench.model.Machine;
import dev.synapsebench.model.RunFolder;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code benchmarks.jar} runs (its Main-Class, {@code Bootstrap}, calls it on Java 21 or newer and
 * otherwise re-runs the jar on a JDK new enough): JMH's own command line ({@code java -jar benchmarks.jar
 * trainingStep -p backend=scalar -rf json} works as with any JMH jar), plus what this project needs
 * on every run:
 * <ul>
 *   <li>the JVM options the installed backends declare, added to every fork for the fork JVM's
 *       version, then the user's {@code --jvm-args} ({@link Forks});</li>
 *   <li>a probe of the fork JVM first ({@link ForkProbe}): backends that cannot run there are
 *       skipped with their reason, the others run ({@link BackendSelection});</li>
 *   <li>allocation per operation in every report: the benchmark thread's own
 *       ({@code ThreadAllocationProfiler}) and the fork's ({@code -prof gc}); a run stops at
 *       the first failing benchmark (a parity mismatch) unless {@code -foe false} is given;
 *       {@code -f 0} is refused (every backend would share one JVM) ({@link RunPlan});</li>
 *   <li>profiles ({@code --profile=quick|default|full}), a summary table at the end, and with
 *       {@code --results=DIR} a new report folder ({@link ResultsFolder}) with its report.md and
 *       charts ({@link Report}) and machine.json, and the folder's README.md, the table of its runs,
 *       written again ({@link ResultsIndex});</li>
 *   <li>with {@code --flame}, flame graphs of one benchmark's measured rows, profiled after everything
 *       was measured ({@link FlamePass}).</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args)); // a backend's native library may leave non-daemon threads behind
    }

    /** Runs the launcher; returns the exit status (0 ok, 1 run failed, 2 bad input). */
    public static int run(String... args) {
        try {
            return launch(args);
        } catch (UsageException | CommandLineOptionException e) {
            System.err.println("benchmarks: " + e.getMessage());
            return 2;
        } catch (RunnerException e) {
            System.err.println("benchmarks: the run failed (JMH's output above shows where): " + rootMessage(e));
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("benchmarks: " + e.getMessage() + ": " + rootMessage(e));
            return 1;
        }
    }

    /** Plan, probe, select, run, summarise, publish. */
    private static int launch(String[] args) throws CommandLineOptionException, RunnerException {
        Instant started = Instant.now();
        LaunchOptions launch = LaunchOptions.parse(args);
        CommandLineOptions given = new CommandLineOptions(launch.jmhArgs().toArray(String[]::new));
        if (InformationRequests.answer(launch, given)) {
            return 0;
        }
        RunPlan plan = RunPlan.of(launch, given);
        try (RunLock lock = RunLock.acquire(RunLock.defaultFile(), "profile " + launch.profile().id()
                + launch.results().map(dir -> ", results in " + dir.toAbsolutePath().normalize()).orElse(""))) {
            return measureAndPublish(started, launch, plan, args);
        }
    }

    /** Everything that needs the machine to itself: probe, passes, numpy, publication. */
    private static int measureAndPublish(Instant started, LaunchOptions launch, RunPlan plan, String[] args)
            throws RunnerException {
        plan.describe(System.out);

        JsonNode probe = ForkProbe.run(plan.forks().jvm(), plan.forks().args(), System.getProperty("java.class.path"),
                plan.backends());
        // the many-networks rows' "all threads" are the fork machine's processors, recorded as a number
        plan = plan.withForkProcessors(probe.path("cpu").path("logicalProcessors").asInt(plan.forkProcessors()));
        BackendSelection selection = BackendSelection.of(probe, plan.backends());
        selection.skipped().forEach((name, reason) -> System.out.println("# Skipping backend " + name + ": " + reason));
        if (selection.measured().isEmpty()) {
            throw new UsageException("none of the selected backends " + plan.backends() + " can run here");
        }
        System.out.println("# Backends measured: " + String.join(", ", selection.measured()) + "; networks: "
                + String.join(", ", plan.networks()));

        ResultsFolder folder = launch.results().map(dir -> resultsFolder(dir, started)).orElse(null);
        try {
            Collection<RunResult> results = measure(plan, selection, folder);
            Peak peak = Peak.of(results);
            System.out.println("# " + peak);

            NumpyRace.Outcome numpy = raceNumpy(plan);
            EnvironmentReport.Launch environment = new EnvironmentReport.Launch(started, Instant.now(),
                    EnvironmentReport.hostName(), launch.profile().id(), List.of(args), plan.forks().jvm().executable(),
                    plan.forks().args(), plan.forks().added(), plan.forks().extra(), probe, selection.measured(),
                    selection.skipped(), Path.of("").toAbsolutePath(), peak.toJson(), numpySummary(numpy));
            String jmhJson = JmhJson.of(results);
            ObjectNode environmentJson = EnvironmentReport.build(environment); // runs git: once
            // the summary reads the run's model, as the report reads the published folder
            MeasuredRun run = RunFolder.of(folder == null ? Path.of("") : folder.staging(),
                    tree(jmhJson), environmentJson, numpy.report());
            String summary = Summary.text(run, numpyNote(numpy));
            List<String> missing = plan.missing(run.results(), selection.measured());
            // last, so that nothing measured shared the machine with the profiler; not for a run that failed
            Optional<FlameGraphs> flame = missing.isEmpty() ? profile(plan, selection.measured(), folder)
                    : Optional.empty();
            flame.ifPresent(graphs -> environmentJson.set(FlameGraphs.SECTION, graphs.toJson()));
            System.out.print(summary);
            selection.skipped().forEach((name, reason) -> System.out.println("Skipped " + name + ": " + reason));
            if (folder == null) {
                flame.ifPresent(graphs -> printFlameGraphs(graphs, Path.of("").toAbsolutePath()));
            }
            if (!missing.isEmpty()) {
                System.err.println("benchmarks: no result for " + String.join("; ", missing)
                        + (folder == null ? "" : "; nothing published"));
                return 1;
            }
            if (folder != null) {
                folder.write(RunFiles.JMH_JSON, jmhJson);
                folder.write(RunFiles.NUMPY_JSON, EnvironmentReport.prettyJson(numpy.report()));
                folder.write(RunFiles.ENVIRONMENT_JSON, EnvironmentReport.prettyJson(environmentJson));
                folder.write(RunFiles.MACHINE_JSON, Machine.fromEnvironment(environmentJson).toJsonText());
                folder.write(RunFiles.SUMMARY_TXT, summary);
                folder.write(RunFiles.SUMMARY_JSON, EnvironmentReport.prettyJson(Summary.json(run)));
                boolean reported = writeRunReport(folder.staging());
                Path published = folder.publish();
                System.out.println("Results: " + published + " (" + String.join(", ", RunFiles.SUMMARY_TXT, RunFiles.SUMMARY_JSON,
                        RunFiles.JMH_JSON, RunFiles.NUMPY_JSON, RunFiles.ENVIRONMENT_JSON, RunFiles.MACHINE_JSON) + ")");
                if (reported) {
                    System.out.println("Report: " + published.resolve(RunFiles.REPORT_MD));
                }
                flame.ifPresent(graphs -> printFlameGraphs(graphs, published));
                writeIndex(folder.root());
            }
            return 0;
        } finally {
            keepUnpublished(folder);
        }
    }

    /**
     * report.md and its charts, read back from the staging folder's data files as {@code synapse
     * report} would. The data matter more than their page: when the page fails (a corrupt file, or a
     * machine whose AWT has no fonts, which throws Errors), say so and publish the data anyway.
     */
    private static boolean writeRunReport(Path staging) {
        try {
            Report.write(RunFolder.read(staging), staging);
            return true;
        } catch (RuntimeException | Error e) {
            System.err.println("benchmarks: no report.md for this run (" + rootMessage(e) + "); the data is published,"
                    + " and 'synapse report RUN_DIR' can write it later");
            return false;
        }
    }

    /**
     * A run that ends without publishing (a failure, an exception) keeps what it measured as
     * {@code .failed-<name>}; only an interrupted JVM removes its staging folder (its shutdown hook).
     */
    private static void keepUnpublished(ResultsFolder folder) {
        if (folder == null || folder.isSettled()) {
            return;
        }
        try {
            System.err.println("benchmarks: the partial data of this run are in " + folder.keepAsFailed());
        } catch (UncheckedIOException e) {
            System.err.println("benchmarks: the partial data of this run are in " + folder.staging() + " (" + e.getMessage()
                    + ")");
        }
    }

    /**
     * results/README.md again, now with this run (the caller still holds the run lock, so no other run
     * publishes meanwhile). The run is published whatever happens here: a failure is one line.
     */
    private static void writeIndex(Path root) {
        try {
            System.out.println("Index: " + ResultsIndex.write(root));
        } catch (RuntimeException e) {
            System.err.println("benchmarks: " + root.resolve(ResultsIndex.FILE) + " not written again ("
                    + rootMessage(e) + "); 'synapse index' writes it");
        }
    }

    /** The run's staging folder, after removing what killed runs left (the caller holds the run lock). */
    private static ResultsFolder resultsFolder(Path dir, Instant started) {
        try {
            Path root = dir.toAbsolutePath().normalize();
            for (Path abandoned : ResultsFolder.removeAbandoned(root, EnvironmentReport.hostName())) {
                System.out.println("# Removed " + abandoned + ", left by a run that was killed before it finished");
            }
            ResultsFolder folder = ResultsFolder.create(root, started, EnvironmentReport.hostName());
            folder.removeOnInterrupt();
            return folder;
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage() + ": " + e.getCause());
        }
    }

    /** The plan's JMH runs, one after another; on failure, says where the partial report is before passing it on. */
    private static Collection<RunResult> measure(RunPlan plan, BackendSelection selection, ResultsFolder folder)
            throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        Optional<ResultFile> resultFile = plan.resultFile();
        try (JmhOutput output = JmhOutput.of(plan.given())) { // -o: one file for every pass
            for (RunPlan.Pass pass : plan.passes()) {
                System.out.println("# Measuring " + pass.name() + (pass.isPeak() ? "" : ": " + String.join(", ",
                        pass.benchmarks()) + " on " + String.join(", ", pass.networks())));
                results.addAll(output.runner(plan.jmhOptions(pass, selection.measured())).run());
                if (folder != null) {
                    folder.write(RunFiles.JMH_JSON, JmhJson.of(results)); // what is done so far, for a failed run
                }
                resultFile.ifPresent(file -> file.write(results)); // every pass so far (-rf/-rff)
            }
        } catch (RunnerException e) {
            if (folder != null) {
                System.err.println("benchmarks: nothing published");
            }
            resultFile.filter(file -> !results.isEmpty()).ifPresent(file -> System.err.println("benchmarks: "
                    + file.file() + " holds only the passes finished before the failure"));
            throw e;
        }
        resultFile.ifPresent(file -> System.out.println("Benchmark result is saved to " + file.file()));
        return results;
    }

    /** {@code --flame}'s pass, if asked for, with JMH's output going where the measured passes' went. */
    private static Optional<FlameGraphs> profile(RunPlan plan, List<String> measured, ResultsFolder folder) {
        if (plan.launch().flame().isEmpty()) {
            return Optional.empty();
        }
        System.out.println("# Profiling " + plan.launch().flame().get() + " for its flame graphs (--flame) ...");
        try (JmhOutput output = JmhOutput.appending(plan.given())) {
            return Optional.of(FlamePass.run(plan, measured, folder == null ? Path.of("") : folder.staging(), output,
                    System.out));
        }
    }

    /** Where the flame graphs are (under {@code runFolder}), or why there are none or fewer. */
    private static void printFlameGraphs(FlameGraphs flame, Path runFolder) {
        if (flame.skipped() != null) {
            System.out.println("Flame graphs: none: " + flame.skipped());
        }
        if (!flame.graphs().isEmpty()) {
            System.out.println("Flame graphs (" + flame.event() + ", " + flame.sampled() + " sampled per row): "
                    + runFolder.resolve(RunFiles.FLAME_DIR) + " (" + flame.graphs().stream()
                    .map(g -> Path.of(g.file()).getFileName().toString()).collect(Collectors.joining(", ")) + ")");
        }
        flame.failures().forEach(failure -> System.out.println("No flame graph for " + failure));
    }

    /**
     * numpy's tutorial loop on the run's networks, after the JMH runs (so it has the machine to
     * itself): one BLAS thread, then all cores; or one line saying why not.
     */
    private static NumpyRace.Outcome raceNumpy(RunPlan plan) {
        System.out.println("# Timing numpy's tutorial loop on " + String.join(", ", plan.networks())
                + " (one BLAS thread, then all cores) ...");
        NumpyRace.Outcome numpy = NumpyRace.run(plan.networks().stream().map(Workloads::resolve).toList(), System.out,
                plan.launch().profile() == Profile.QUICK ? NumpyRace.Settings.QUICK : NumpyRace.Settings.DEFAULT);
        if (numpy.skippedBecause() != null) {
            System.out.println("# numpy: " + numpy.skippedBecause());
        }
        return numpy;
    }

    private static String numpyNote(NumpyRace.Outcome numpy) {
        List<String> notes = new ArrayList<>();
        if (numpy.skippedBecause() != null) {
            notes.add("numpy: " + numpy.skippedBecause());
        } else {
            notes.add("numpy-1t / numpy-all: the tutorials' numpy loop on 1 / " + numpy.allThreadsCount()
                    + " BLAS threads (numpy.json).");
        }
        numpy.oneThread().values().stream().filter(t -> t.problem() != null)
                .forEach(t -> notes.add("numpy on " + t.network() + " left out: " + t.problem()));
        return String.join(" ", notes);
    }

    private static JsonNode numpySummary(NumpyRace.Outcome numpy) {
        com.fasterxml.jackson.databind.node.ObjectNode node = EnvironmentReport.JSON.createObjectNode();
        node.put("measured", numpy.skippedBecause() == null || !numpy.oneThread().isEmpty());
        if (numpy.skippedBecause() != null) {
            node.put("reason", numpy.skippedBecause());
        }
        node.put("details", "numpy.json");
        return node;
    }

    /** JSON the launcher has just written, read back as a tree. */
    private static JsonNode tree(String json) {
        try {
            return EnvironmentReport.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read back the results it wrote", e);
        }
    }

    /** The innermost cause's message: the sentence worth printing. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
