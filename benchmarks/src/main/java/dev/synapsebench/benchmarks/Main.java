package dev.synapsebench.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Main-Class of {@code benchmarks.jar}: JMH's own command line ({@code java -jar benchmarks.jar
 * trainingStep -p backend=simd -rf json} works as with any JMH jar), plus what this project needs
 * on every run:
 * <ul>
 *   <li>the JVM flags the backends need, added to every fork for the fork JVM's version
 *       ({@link ForkJvm#backendFlags});</li>
 *   <li>a probe of the fork JVM first: backends that cannot run there are skipped with their
 *       reason, the others run;</li>
 *   <li>{@code -prof gc} always, so allocation per operation is in every report; a run stops at
 *       the first failing benchmark (a parity mismatch) unless {@code -foe false} is given;
 *       {@code -f 0} is refused (every backend would share one JVM);</li>
 *   <li>profiles ({@code --profile=quick|default|full}), a summary table at the end, and with
 *       {@code --results=DIR} a new report folder (see {@link ResultsFolder}).</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args)); // ND4J may leave non-daemon threads behind
    }

    /** Runs the launcher; returns the exit status (0 ok, 1 run failed, 2 bad input). */
    static int run(String... args) {
        try {
            return launch(List.of(args), LaunchOptions.parse(args));
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

    private static int launch(List<String> args, LaunchOptions launch) throws CommandLineOptionException, RunnerException {
        Instant started = Instant.now();
        CommandLineOptions given = new CommandLineOptions(launch.jmhArgs().toArray(String[]::new));
        if (answeredInformationRequest(given)) {
            return 0;
        }
        if (given.getForkCount().hasValue() && given.getForkCount().get() < 1) {
            throw new UsageException("-f " + given.getForkCount().get() + " would run every backend in this JVM, "
                    + "where they would distort each other's compiled code; use -f 1 or more");
        }
        Forks forks = Forks.of(given, launch);
        List<String> requested = chosen(launch.backends(), given.getParameter("backend").orElse(null), "backend");
        List<String> networks = chosen(launch.networks(), given.getParameter("network").orElse(null), "network");
        System.out.println("# synapse-bench: profile " + launch.profile().id() + "; forks run on "
                + forks.jvm().executable() + " (" + forks.jvm().properties().get("java.vendor") + " "
                + forks.jvm().properties().get("java.runtime.version") + ")");
        System.out.println("# JVM flags added to every fork for the backends: " + String.join(" ", forks.added()));
        System.out.println("# Probing the fork JVM and the backends " + requested + " (the first ND4J run unpacks its "
                + "natives into ~/.javacpp/cache and can take a minute) ...");
        JsonNode probe = ForkProbe.run(forks.jvm(), forks.args(), System.getProperty("java.class.path"), requested);

        List<String> measured = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        sortBackends(probe, requested, measured, skipped);
        skipped.forEach((name, reason) -> System.out.println("# Skipping backend " + name + ": " + reason));
        if (measured.isEmpty()) {
            throw new UsageException("none of the selected backends " + requested + " can run here");
        }
        System.out.println("# Backends measured: " + String.join(", ", measured) + "; networks: "
                + String.join(", ", networks));

        ResultsFolder folder = launch.results()
                .map(dir -> ResultsFolder.create(dir.toAbsolutePath().normalize(), started, EnvironmentReport.hostName()))
                .orElse(null);
        Collection<RunResult> results;
        try {
            results = new Runner(jmhOptions(given, launch, forks, measured, networks, folder)).run();
        } catch (RunnerException e) {
            if (folder != null) {
                System.err.println("benchmarks: nothing published; what JMH wrote is in " + folder.staging());
            }
            throw e;
        }

        List<Summary.Row> rows = Summary.rows(results, requested, networks);
        Summary.print(rows, System.out);
        skipped.forEach((name, reason) -> System.out.println("Skipped " + name + ": " + reason));
        List<String> missing = missing(rows, measured, networks);
        if (!missing.isEmpty()) {
            System.err.println("benchmarks: no result for " + String.join("; ", missing)
                    + (folder == null ? "" : "; nothing published, the partial report is in " + folder.staging()));
            return 1;
        }
        if (folder != null) {
            EnvironmentReport.Run run = new EnvironmentReport.Run(started, Instant.now(), EnvironmentReport.hostName(),
                    launch.profile(), args, forks.jvm(), forks.args(), forks.added(), probe, measured, skipped,
                    Path.of("").toAbsolutePath());
            folder.write("environment.json", EnvironmentReport.toJson(run));
            Path published = folder.publish();
            System.out.println("Report: " + published.resolve("jmh.json") + " and environment.json");
        }
        return 0;
    }

    /**
     * The fork JVM and its arguments as JMH will assemble them: {@code -jvmArgsPrepend}, then
     * {@code -jvmArgs} (by JMH's rule, the launcher JVM's own arguments when not given), then
     * {@code -jvmArgsAppend} followed by the backend flags not already there.
     */
    private record Forks(ForkJvm jvm, List<String> append, List<String> added, List<String> args) {

        static Forks of(CommandLineOptions given, LaunchOptions launch) {
            ForkJvm jvm = ForkJvm.inspect(launch.jvm().orElse(given.getJvm().orElse(ForkJvm.currentExecutable())));
            List<String> prepend = list(given.getJvmArgsPrepend().orElse(List.of()));
            List<String> base = list(given.getJvmArgs().orElse(ManagementFactory.getRuntimeMXBean().getInputArguments()));
            List<String> append = list(given.getJvmArgsAppend().orElse(List.of()));
            List<String> added = new ArrayList<>();
            for (String flag : jvm.backendFlags()) {
                if (!prepend.contains(flag) && !base.contains(flag) && !append.contains(flag)) {
                    added.add(flag);
                }
            }
            append.addAll(added);
            List<String> args = new ArrayList<>(prepend);
            args.addAll(base);
            args.addAll(append);
            return new Forks(jvm, append, added, args);
        }
    }

    /** The command line's options, plus the profile, the fork flags, the selection, -prof gc and the report file. */
    private static Options jmhOptions(CommandLineOptions given, LaunchOptions launch, Forks forks,
                                      List<String> measured, List<String> networks, ResultsFolder folder) {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        launch.profile().applyTo(options, given);
        options.jvm(forks.jvm().executable());
        options.jvmArgsAppend(forks.append().toArray(String[]::new));
        options.param("backend", measured.toArray(String[]::new));
        if (!launch.networks().isEmpty()) {
            options.param("network", networks.toArray(String[]::new));
        }
        launch.benchmarkPattern().ifPresent(options::include);
        if (given.getProfilers().stream().map(ProfilerConfig::getKlass).noneMatch(Main::isGcProfiler)) {
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

    /** -h, -l, -lp, -lprof, -lrf: answered like org.openjdk.jmh.Main does, without running anything. */
    private static boolean answeredInformationRequest(CommandLineOptions given) throws CommandLineOptionException {
        if (given.shouldHelp()) {
            try {
                given.showHelp();
            } catch (IOException e) {
                throw new UsageException("cannot print JMH's help: " + e);
            }
            System.out.println();
            System.out.print(LaunchOptions.HELP);
            return true;
        }
        boolean answered = false;
        if (given.shouldList()) {
            new Runner(given).list();
            answered = true;
        }
        if (given.shouldListWithParams()) {
            new Runner(given).listWithParams(given);
            answered = true;
        }
        if (given.shouldListProfilers()) {
            given.listProfilers();
            answered = true;
        }
        if (given.shouldListResultFormats()) {
            given.listResultFormats();
            answered = true;
        }
        return answered;
    }

    private static boolean isGcProfiler(String klass) {
        return klass.equals("gc") || klass.equals(org.openjdk.jmh.profile.GCProfiler.class.getName());
    }

    /** The launcher's selection, else JMH's {@code -p name=...}, else every value of the @Param. */
    private static List<String> chosen(List<String> launcher, Collection<String> jmh, String param) {
        if (!launcher.isEmpty()) {
            return launcher;
        }
        if (jmh != null && !jmh.isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(jmh));
        }
        return paramValues(param);
    }

    /** The values of {@code @Param} field {@code name} of {@link NetworkBenchmark.Workload}. */
    static List<String> paramValues(String name) {
        try {
            return Arrays.asList(NetworkBenchmark.Workload.class.getField(name).getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("NetworkBenchmark.Workload has no @Param " + name, e);
        }
    }

    /** Splits {@code requested} into what the probe found available and what it did not. */
    private static void sortBackends(JsonNode probe, List<String> requested, List<String> measured,
                                     Map<String, String> skipped) {
        Map<String, JsonNode> probed = new LinkedHashMap<>();
        probe.path("backends").forEach(b -> probed.put(b.path("name").asText(), b));
        List<String> installed = new ArrayList<>();
        probe.path("installed").forEach(name -> installed.add(name.asText()));
        for (String name : requested) {
            JsonNode backend = probed.get(name);
            if (backend == null) {
                skipped.put(name, "not installed (no module on the class path provides a backend called '" + name
                        + "'; installed: " + String.join(", ", installed) + ")");
            } else if (!backend.path("available").asBoolean()) {
                skipped.put(name, backend.path("reason").asText("unavailable"));
            } else {
                measured.add(name);
            }
        }
    }

    /** Every (benchmark, network, backend) that ran for some backend must have run for all of them. */
    private static List<String> missing(List<Summary.Row> rows, List<String> backends, List<String> networks) {
        Set<String> present = new LinkedHashSet<>();
        Set<String> benchmarks = new LinkedHashSet<>();
        for (Summary.Row row : rows) {
            present.add(row.benchmark() + " " + row.network() + " " + row.backend());
            benchmarks.add(row.benchmark());
        }
        List<String> missing = new ArrayList<>();
        for (String benchmark : benchmarks) {
            for (String network : networks) {
                for (String backend : backends) {
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

    private static List<String> list(Collection<String> values) {
        return new ArrayList<>(values);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
