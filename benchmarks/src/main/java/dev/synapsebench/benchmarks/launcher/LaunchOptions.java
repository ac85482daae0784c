package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.core.DType;
import dev.synapsebench.core.JavaVersions;
import dev.synapsebench.core.Workloads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's own options, all of the form {@code --name=value}; every other argument is
 * JMH's and passed on untouched. Empty values mean "not given", so Maven can pass its properties
 * through unconditionally ({@code --backends=${backends}}).
 *
 * @param profile    quick, default or full
 * @param backends   backends to run (empty: every installed one)
 * @param networks   workloads to run, by benchmark name (empty: the registry's default set)
 * @param benchmarks benchmark methods to run (empty: all)
 * @param dtypes     arithmetics to run, float64 and/or float32 (empty: float64, and float32 on some rows; see RunPlan)
 * @param jvm        java executable for the forks, if not the launcher's
 * @param jvmArgs    extra JVM options for every fork the launcher starts (the probe, the peak, the
 *                   benchmarks, the flame graphs), after the backends' own, so they win
 * @param flame      the benchmark to profile into flame graphs after the measurements, if any
 * @param results    folder under which to write {@code <UTC timestamp>-<host>/}, if any
 * @param jmhArgs    everything else, for JMH
 */
public record LaunchOptions(Profile profile, List<String> backends, List<String> networks, List<String> benchmarks,
                     List<String> dtypes, Optional<String> jvm, List<String> jvmArgs, Optional<String> flame,
                     Optional<Path> results, List<String> jmhArgs) {

    /** What a bare {@code --flame} (Maven: {@code -Dflame}, which Maven sets to "true") profiles. */
    static final String DEFAULT_FLAME_BENCHMARK = BenchmarkSchema.TRAINING_STEP;

    static final String HELP = """
            synapse-bench launcher options (all other arguments are JMH's, listed above):
              --profile=quick|default|full  quick: 1 fork, 1x100ms warm-up, 3x100ms measurement (smoke runs)
                                            default: 2 forks; tutorials 2x300ms warm-up, 4x250ms measurement;
                                            sweep 3x300ms warm-up, 4x200ms measurement;
                                            many networks (trainMany) 2x200ms warm-up, 3x200ms measurement
                                            full: 5 forks, 5x1s warm-up, 10x1s measurement
              --backends=scalar,...         backends to run (default: every installed one; unavailable ones are skipped)
              --networks=NAME,...           workloads to run: %s,
                                            or any synthetic IN-H...-OUTxN (default: %s)
              --benchmarks=forward,...      forward, weightUpdate, trainingStep, trainMany, train (default: all);
                                            trainMany: batches of 3-1 and 3-4-1 networks (float64 unless
                                            --dtypes says), in ns per network-step
              --dtypes=float64,float32      arithmetics on every row (default: float64, plus float32 on
                                            trainingStep for 3-4-1, 128-512-1x512, 784-128-10x256)
              --jvm=/path/to/java           JVM for the forks (default: the one running this launcher)
              --jvm-args="-XX:UseAVX=2"     extra JVM options, split at spaces, for every fork: the benchmarks,
                                            the FP64/FP32 peak and the probe (environment.json records them and
                                            the vector width the forks saw); a JVM that refuses them exits with 2
              --flame[=BENCHMARK]           after the measured run, profile BENCHMARK (default: trainingStep) on
                                            each of its measured (backend, network, dtype) rows with
                                            async-profiler's itimer event, one fork per row: quick 1 x 300 ms
                                            warm-up, then 2 x 500 ms sampled; default and full 2 x 500 ms, then
                                            4 x 1 s sampled. Writes flame/BENCHMARK-BACKEND-NETWORK-DTYPE.html
                                            into the run folder (./flame/ without --results); the measured
                                            results are not touched
              --jmh-args="-f 3 -prof stack" more JMH arguments, split at spaces
              --results=DIR                 write DIR/<UTC timestamp>-<host>/{jmh.json,environment.json}
              --help                        this help (as -h)
            JMH's -rf/-rff write ONE file with the results of every pass (peaks, tutorials, sweep, ...),
            named -rff or jmh-result.<format> (-rf latex is refused: use json, csv, scsv or text);
            -o FILE keeps JMH's output of every pass.
            -l and -lp list what this launcher would measure: -lp with the parameter values it would use.
            Needs Java %d or newer: started on an older java, it re-runs itself on the newest JDK %d+ it finds
            (SYNAPSE_JAVA, JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks) or exits with 2.
            """.formatted(String.join(", ", Workloads.benchmarkNames()), String.join(", ",
            Workloads.defaultBenchmarkNames()), JavaVersions.MINIMUM, JavaVersions.MINIMUM);

    public static LaunchOptions parse(String... args) {
        Profile profile = Profile.DEFAULT;
        List<String> backends = List.of();
        List<String> networks = List.of();
        List<String> benchmarks = List.of();
        List<String> dtypes = List.of();
        Optional<String> jvm = Optional.empty();
        List<String> jvmArgs = List.of();
        Optional<String> flame = Optional.empty();
        Optional<Path> results = Optional.empty();
        List<String> jmh = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help")) {
                jmh.add("-h"); // JMH's help, then the launcher's
                continue;
            }
            if (arg.equals("--flame")) {
                flame = Optional.of(DEFAULT_FLAME_BENCHMARK);
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                jmh.add(arg);
                continue;
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1).trim();
            switch (name) {
                case "profile" -> profile = Profile.parse(value);
                case "backends" -> backends = list(value);
                case "networks" -> networks = resolvable(list(value));
                case "benchmarks" -> benchmarks = checked(list(value), BenchmarkSchema.BENCHMARK_ORDER, "benchmark");
                case "dtypes" -> dtypes = checked(list(value), Arrays.stream(DType.values()).map(DType::id).toList(),
                        "dtype");
                case "jvm" -> jvm = value.isEmpty() ? Optional.empty() : Optional.of(value);
                case "jvm-args" -> jvmArgs = jvmOptions(list(value, "\\s+"));
                case "flame" -> flame = flame(value);
                case "jmh-args" -> jmh.addAll(list(value, "\\s+"));
                case "results" -> results = value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
                default -> jmh.add(arg);
            }
        }
        return new LaunchOptions(profile, backends, networks, benchmarks, dtypes, jvm, jvmArgs, flame, results,
                List.copyOf(jmh));
    }

    /** {@code --flame=}'s value: empty or "false" (an unset Maven property) is off, "true" ({@code -Dflame}) the default. */
    private static Optional<String> flame(String value) {
        return switch (value) {
            case "", "false" -> Optional.empty();
            case "true" -> Optional.of(DEFAULT_FLAME_BENCHMARK);
            default -> Optional.of(checked(List.of(value), BenchmarkSchema.BENCHMARK_ORDER, "benchmark for --flame")
                    .get(0));
        };
    }

    /**
     * JVM options only: a word without a dash would become the forks' main class. Whether the fork JVM
     * takes them is asked of that JVM once it is known ({@link Forks}).
     */
    private static List<String> jvmOptions(List<String> options) {
        for (String option : options) {
            if (!option.startsWith("-")) {
                throw new UsageException("--jvm-args takes JVM options, each starting with '-' (write an option's value"
                        + " as -name=value), not '" + option + "'");
            }
        }
        return options;
    }

    /** The JMH include pattern for the selected benchmark methods, if any were selected. */
    public Optional<String> benchmarkPattern() {
        return benchmarks.isEmpty() ? Optional.empty() : Optional.of(RunPlan.pattern(benchmarks));
    }

    private static List<String> list(String value) {
        return list(value, "\\s*,\\s*");
    }

    private static List<String> list(String value, String separator) {
        return value.isBlank() ? List.of() : Arrays.stream(value.trim().split(separator)).filter(s -> !s.isEmpty())
                .toList();
    }

    /** Registry names or synthetic {@code IN-H...-OUTxN} names; anything else is one sentence. */
    private static List<String> resolvable(List<String> networks) {
        for (String network : networks) {
            try {
                Workloads.resolve(network);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return networks;
    }

    private static List<String> checked(List<String> values, Collection<String> known, String what) {
        for (String value : values) {
            if (!known.contains(value)) {
                throw new UsageException("unknown " + what + " '" + value + "'; use one of " + String.join(", ", known));
            }
        }
        return values;
    }
}
