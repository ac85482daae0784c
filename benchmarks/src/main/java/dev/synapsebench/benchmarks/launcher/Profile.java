package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How long a run measures. A profile times the tutorials' networks, the size sweep, the peak and
 * many networks at once ({@code trainMany}) each their own way: a sweep operation takes microseconds
 * to hundreds of milliseconds, so an iteration holds few of them, and there are many more
 * (benchmark, backend, network) cases; a many-networks invocation is 16,384 network-steps
 * (milliseconds; nd4j's a fifth of a second), and every row of the list is a fork of its own. The
 * sweep's warm-up covers the JIT: on a quiet 2-core machine simd's blocked kernels run C2's code,
 * allocation-free, within about 1 s of a fork's start (measured step by step, every sweep
 * network), and the fork's parity check plus the warm-up iterations take longer than that.
 * {@code default} times the tutorials by the benchmarks' annotations. JMH flags given on the command
 * line ({@code -f}, {@code -wi}, {@code -i}, ...) win over any profile, except in the flame graphs'
 * pass ({@link #flame()}), which measures nothing.
 */
enum Profile {

    /**
     * Smoke runs and CI: one fork, 1 x 100 ms warm-up, 3 x 100 ms measurement, sweep too; rough
     * numbers. The peak gets 3 x 200 ms of warm-up even here: in 100 ms, on a busy machine, C2 may
     * not have compiled the FMA loop yet, and an interpreted Vector API loop runs at 0.1% of the peak.
     * Many networks: 1 x 100 ms warm-up, 2 x 100 ms. Flame graphs: 1 x 300 ms warm-up, 2 x 500 ms sampled
     * (about 1,000 samples at async-profiler's 1 ms interval: enough to see the hot methods).
     */
    QUICK(Iterations.of(1, 1, TimeValue.milliseconds(100), 3, TimeValue.milliseconds(100)),
            Iterations.of(1, 1, TimeValue.milliseconds(100), 3, TimeValue.milliseconds(100)),
            Iterations.of(1, 3, TimeValue.milliseconds(200), 3, TimeValue.milliseconds(200)),
            Iterations.of(1, 1, TimeValue.milliseconds(100), 2, TimeValue.milliseconds(100)),
            Iterations.of(1, 1, TimeValue.milliseconds(300), 2, TimeValue.milliseconds(500))),

    /**
     * The annotations for the tutorials (2 forks, 2 x 300 ms warm-up, 4 x 250 ms measurement: 8
     * samples per score; a tutorial step is compiled by C2 within the first 300 ms, after the fork's
     * 1000 parity steps); the sweep 2 forks, 3 x 300 ms warm-up, 4 x 200 ms measurement (8 samples).
     * Budget: the whole run must measure within 10 minutes on 2 cores. Longer plans did not fit:
     * 3 x 400 and 6 x 400 ms for the tutorials and 4 x 250 ms for the sweep took about 10 minutes
     * without float32's rows (10:51 with them), and 3 x 300 and 5 x 250 ms with three many-networks
     * rows measured 11 minutes.
     * Fork start-ups, not iterations, are a third of the time (about 1 s a fork, 2 s with ND4J's
     * natives). With 2 x 250 ms of warm-up, simd's first measured 8-16-1x16 iteration still ran
     * partly in C1 (15 µs a step, against 1.1 in the iterations after it); 3 x 300 ms is past that.
     * Many networks: 2 forks (the least the default profile allows), 2 x 200 ms warm-up, 3 x 200 ms
     * measurement (6 samples per score; also {@code ManyNetworksBenchmark}'s annotations); the fork's
     * parity check has already run the measured batch (at most an invocation's network-steps) before the warm-up.
     */
    DEFAULT(Iterations.ANNOTATIONS, Iterations.of(2, 3, TimeValue.milliseconds(300), 4, TimeValue.milliseconds(200)),
            Iterations.ANNOTATIONS, Iterations.of(2, 2, TimeValue.milliseconds(200), 3, TimeValue.milliseconds(200)),
            Iterations.FLAME_GRAPHS),

    /** Careful runs on a quiet machine: 5 forks, 5 x 1 s warm-up, 10 x 1 s measurement, everywhere. */
    FULL(Iterations.of(5, 5, TimeValue.seconds(1), 10, TimeValue.seconds(1)),
            Iterations.of(5, 5, TimeValue.seconds(1), 10, TimeValue.seconds(1)),
            Iterations.of(5, 5, TimeValue.seconds(1), 10, TimeValue.seconds(1)),
            Iterations.of(5, 5, TimeValue.seconds(1), 10, TimeValue.seconds(1)),
            Iterations.FLAME_GRAPHS);

    /** Forks and iterations; {@link #ANNOTATIONS} leaves the benchmark's own. */
    record Iterations(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
                  TimeValue measurementTime) {

        static final Iterations ANNOTATIONS = new Iterations(0, 0, null, 0, null);

        /**
         * The flame graphs' pass ({@code --flame}) after default and full runs: one fork per row, 2 x 500 ms
         * of warm-up (async-profiler samples it too, then discards it: its own warm-up) and 4 x 1 s sampled,
         * about 6 s a row with the fork's start. A profile needs samples, not repeated forks; quick
         * samples 2 x 500 ms after 1 x 300 ms (its own row in {@link #QUICK}). Its own timing, whatever the command line says
         * ({@link Iterations#overrideOn}): a second fork would only overwrite the first one's graph.
         */
        static final Iterations FLAME_GRAPHS = of(1, 2, TimeValue.milliseconds(500), 4, TimeValue.seconds(1));

        static Iterations of(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
                         TimeValue measurementTime) {
            return new Iterations(forks, warmupIterations, warmupTime, measurementIterations, measurementTime);
        }

        /** Applies every one of these settings to {@code builder}, whatever the command line says. */
        void overrideOn(ChainedOptionsBuilder builder) {
            builder.forks(forks).warmupIterations(warmupIterations).warmupTime(warmupTime)
                    .measurementIterations(measurementIterations).measurementTime(measurementTime);
        }

        /** The time sampled or measured per fork, in milliseconds. */
        long measuredMillis() {
            return measurementIterations * measurementTime.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Applies these settings to {@code builder} wherever {@code given} (the command line) says nothing. */
        void applyTo(ChainedOptionsBuilder builder, Options given) {
            if (this == ANNOTATIONS) {
                return;
            }
            if (!given.getForkCount().hasValue()) {
                builder.forks(forks);
            }
            if (!given.getWarmupIterations().hasValue()) {
                builder.warmupIterations(warmupIterations);
            }
            if (!given.getWarmupTime().hasValue()) {
                builder.warmupTime(warmupTime);
            }
            if (!given.getMeasurementIterations().hasValue()) {
                builder.measurementIterations(measurementIterations);
            }
            if (!given.getMeasurementTime().hasValue()) {
                builder.measurementTime(measurementTime);
            }
        }
    }

    private final Iterations tutorials;
    private final Iterations sweep;
    private final Iterations peak;
    private final Iterations manyNetworks;
    private final Iterations flame;

    Profile(Iterations tutorials, Iterations sweep, Iterations peak, Iterations manyNetworks, Iterations flame) {
        this.tutorials = tutorials;
        this.sweep = sweep;
        this.peak = peak;
        this.manyNetworks = manyNetworks;
        this.flame = flame;
    }

    static Profile parse(String name) {
        String key = name == null || name.isBlank() ? "default" : name.trim().toLowerCase(Locale.ROOT);
        for (Profile profile : values()) {
            if (profile.id().equals(key)) {
                return profile;
            }
        }
        throw new UsageException("unknown profile '" + name + "'; use one of " + Arrays.stream(values())
                .map(Profile::id).collect(Collectors.joining(", ")));
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The timing of the tutorials' networks. */
    Iterations tutorials() {
        return tutorials;
    }

    /** The timing of the peak ({@code PeakBenchmark}). */
    Iterations peak() {
        return peak;
    }

    /** The timing of the synthetic networks. */
    Iterations sweep() {
        return sweep;
    }

    /** The timing of many networks at once ({@code trainMany}). */
    Iterations manyNetworks() {
        return manyNetworks;
    }

    /** The timing of each row of the flame graphs' pass ({@code --flame}): one fork, overriding the command line. */
    Iterations flame() {
        return flame;
    }
}
