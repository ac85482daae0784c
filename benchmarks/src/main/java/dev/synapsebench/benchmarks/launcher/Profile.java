package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How long a run measures. {@code default} is {@link NetworkBenchmark}'s annotations; the others
 * replace them. JMH flags given on the command line ({@code -f}, {@code -wi}, {@code -i}, ...)
 * win over any profile.
 */
enum Profile {

    /** Smoke runs and CI: one fork, 1 x 100 ms warm-up, 3 x 100 ms measurement; about a minute, rough numbers. */
    QUICK(1, 1, TimeValue.milliseconds(100), 3, TimeValue.milliseconds(100)),

    /**
     * The annotations: 2 forks, 3 x 400 ms warm-up, 6 x 400 ms measurement (12 samples per score);
     * about 5 minutes for all 64 forks on a 2-core machine.
     */
    DEFAULT(0, 0, null, 0, null),

    /** Careful runs on a quiet machine: 5 forks, 5 x 1 s warm-up, 10 x 1 s measurement; about 20 minutes. */
    FULL(5, 5, TimeValue.seconds(1), 10, TimeValue.seconds(1));

    private final int forks;
    private final int warmupIterations;
    private final TimeValue warmupTime;
    private final int measurementIterations;
    private final TimeValue measurementTime;

    Profile(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
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

    /** Applies this profile to {@code builder} wherever {@code given} (the command line) says nothing. */
    void applyTo(ChainedOptionsBuilder builder, Options given) {
        if (this == DEFAULT) {
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
