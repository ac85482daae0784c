package dev.synapsebench.model;

import java.util.Map;

/**
 * Bytes allocated per operation, both ways a run measures them (NaN where it did not):
 *
 * @param threadBytesPerOp what the benchmark thread allocated in its iterations' calls
 *                         ({@value #THREAD_METRIC}; runs before it have none)
 * @param gcBytesPerOp     JMH's {@value #GC_METRIC}: every thread of the fork over the iteration's
 *                         window, JMH's own objects (about 7 KB per iteration) included, per operation
 */
public record Allocation(double threadBytesPerOp, double gcBytesPerOp) {

    /** The benchmarks' own metric (their {@code ThreadAllocationProfiler}). */
    public static final String THREAD_METRIC = "alloc.thread.norm";

    /** JMH's GC profiler metric. */
    public static final String GC_METRIC = "gc.alloc.rate.norm";

    /** For rows that measure no allocation (numpy). */
    public static final Allocation NOT_MEASURED = new Allocation(Double.NaN, Double.NaN);

    /** From a result's secondary metrics, metric name to score (JMH's results or {@code jmh.json}). */
    public static Allocation of(Map<String, Double> secondaryScores) {
        return new Allocation(scoreOf(secondaryScores, THREAD_METRIC),
                scoreOf(secondaryScores, GC_METRIC));
    }

    /** The figure to show: the thread's own where measured, else JMH's (older runs). */
    public double bytesPerOp() {
        return isThreadOwn() ? threadBytesPerOp : gcBytesPerOp;
    }

    /** The metric {@link #bytesPerOp} comes from; null when neither was measured. */
    public String metric() {
        if (isThreadOwn()) {
            return THREAD_METRIC;
        }
        return Double.isNaN(gcBytesPerOp) ? null : GC_METRIC;
    }

    /** Whether {@link #bytesPerOp} is the benchmark thread's own figure. */
    public boolean isThreadOwn() {
        return !Double.isNaN(threadBytesPerOp);
    }

    /** By the end of the name, as before: older JMH versions prefixed profilers' metrics with "·". */
    private static double scoreOf(Map<String, Double> scores, String metric) {
        return scores.entrySet().stream().filter(e -> e.getKey().endsWith(metric)).mapToDouble(Map.Entry::getValue)
                .findFirst().orElse(Double.NaN);
    }
}
