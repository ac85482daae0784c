package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.benchmarks.report.ResultsFolder;
import dev.synapsebench.benchmarks.report.Summary;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Workloads;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.profile.GCProfiler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run will do, from the launcher's options and JMH's command line: the fork JVM and its
 * arguments, the backends and networks requested, and the JMH options that carry them out.
 *
 * @param launch   the launcher's own options
 * @param given    JMH's command line
 * @param forks    the fork JVM and its arguments
 * @param backends backends requested: {@code --backends}, else JMH's {@code -p backend=}, else every
 *                 installed one (reference first, see {@link Kernels#runOrder()})
 * @param networks workloads requested by benchmark name: {@code --networks}, else {@code -p network=},
 *                 else the registry's default set ({@link Workloads#defaultBenchmarkNames()})
 */
record RunPlan(LaunchOptions launch, CommandLineOptions given, Forks forks, List<String> backends,
               List<String> networks) {

    /** @throws UsageException for {@code -f 0}, or a fork JVM that cannot run */
    static RunPlan of(LaunchOptions launch, CommandLineOptions given) {
        if (given.getForkCount().hasValue() && given.getForkCount().get() < 1) {
            throw new UsageException("-f " + given.getForkCount().get() + " would run every backend in this JVM, "
                    + "where they would distort each other's compiled code; use -f 1 or more");
        }
        Forks forks = Forks.of(given, launch);
        List<String> backends = chosen(launch.backends(), given.getParameter("backend").orElse(null),
                Kernels.runOrder());
        List<String> networks = chosen(launch.networks(), given.getParameter("network").orElse(null),
                Workloads.defaultBenchmarkNames());
        return new RunPlan(launch, given, forks, backends, networks);
    }

    void describe(PrintStream out) {
        out.println("# synapse-bench: profile " + launch.profile().id() + "; forks run on "
                + forks.jvm().executable() + " (" + forks.jvm().properties().get("java.vendor") + " "
                + forks.jvm().properties().get("java.runtime.version") + ")");
        out.println("# JVM options added to every fork for the backends: " + String.join(" ", forks.added()));
        out.println("# Probing the fork JVM and the backends " + backends + " (a backend's first run may unpack "
                + "native libraries and take a minute) ...");
    }

    /** The command line's options, plus the profile, the fork options, the selection, -prof gc and the report file. */
    Options jmhOptions(List<String> measured, ResultsFolder folder) {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        launch.profile().applyTo(options, given);
        options.jvm(forks.jvm().executable());
        options.jvmArgsAppend(forks.append().toArray(String[]::new));
        options.param("backend", measured.toArray(String[]::new));
        options.param("network", networks.toArray(String[]::new));
        launch.benchmarkPattern().ifPresent(options::include);
        if (given.getProfilers().stream().map(ProfilerConfig::getKlass).noneMatch(RunPlan::isGcProfiler)) {
            options.addProfiler("gc");
        }
        if (!given.shouldFailOnError().hasValue()) {
            options.shouldFailOnError(true); // a parity mismatch stops the run
        }
        if (folder != null) {
            options.resultFormat(ResultFormatType.JSON).result(folder.jmhJson().toString());
        }
        return options.build();
    }

    /** Every (benchmark, network, backend) that ran for some backend must have run for all of them. */
    List<String> missing(List<Summary.Row> rows, List<String> measured) {
        Set<String> present = new LinkedHashSet<>();
        Set<String> benchmarks = new LinkedHashSet<>();
        for (Summary.Row row : rows) {
            present.add(row.benchmark() + " " + row.network() + " " + row.backend());
            benchmarks.add(row.benchmark());
        }
        List<String> missing = new ArrayList<>();
        for (String benchmark : benchmarks) {
            for (String network : networks) {
                for (String backend : measured) {
                    if (!present.contains(benchmark + " " + network + " " + backend)) {
                        missing.add(benchmark + " on " + network + " with " + backend);
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            missing.add("any benchmark");
        }
        return missing;
    }

    private static boolean isGcProfiler(String klass) {
        return klass.equals("gc") || klass.equals(GCProfiler.class.getName());
    }

    /** The launcher's selection, else JMH's {@code -p name=...}, else the default. */
    private static List<String> chosen(List<String> launcher, Collection<String> jmh, List<String> otherwise) {
        if (!launcher.isEmpty()) {
            return launcher;
        }
        if (jmh != null && !jmh.isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(jmh));
        }
        return otherwise;
    }
}
