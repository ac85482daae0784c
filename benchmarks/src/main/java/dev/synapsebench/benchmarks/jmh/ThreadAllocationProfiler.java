package dev.synapsebench.benchmarks.jmh;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.Collection;
import java.util.List;

/**
 * Bytes the benchmark thread itself allocated per operation ({@value #METRIC}): the iteration's
 * {@link AllocationBracket} divided by all its operations. JMH's {@code gc.alloc.rate.norm} divides
 * the allocation of every thread of the fork, over a window that also holds JMH's own
 * per-iteration objects (about 7 KB), by the same operations: right at millions of operations per
 * iteration, hundreds to thousands of bytes too many at a few.
 *
 * <p>Reports nothing for a benchmark whose state opens no bracket (the peak), for modes whose
 * generated code allocates JMH's sample buffer or results inside it ({@code sample}, {@code ss}),
 * for more than one benchmark thread, and where the JVM cannot count a thread's allocation (said
 * once per fork).
 */
public final class ThreadAllocationProfiler implements InternalProfiler {

    /** The secondary metric's name in JMH's results. */
    public static final String METRIC = dev.synapsebench.model.Allocation.THREAD_METRIC;

    private static boolean toldUnsupported;

    @Override
    public String getDescription() {
        return "Bytes the benchmark thread allocates per operation, between its iteration's setup and teardown";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        AllocationBracket.discard();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long bytes = AllocationBracket.take();
        String unsupported = AllocationBracket.unsupportedReason();
        if (unsupported != null) {
            tellOnce(unsupported);
            return List.of();
        }
        long ops = result.getMetadata().getAllOps();
        if (bytes < 0 || ops <= 0 || !bracketsOnlyTheBenchmark(benchmarkParams)) {
            return List.of();
        }
        return List.of(new ScalarResult(METRIC, (double) bytes / ops, "B/op", AggregationPolicy.AVG));
    }

    /**
     * avgt and thrpt allocate JMH's per-iteration objects outside the bracket; one thread, because the
     * bracket is a single static one.
     */
    static boolean bracketsOnlyTheBenchmark(BenchmarkParams params) {
        return params.getThreads() == 1 && switch (params.getMode()) {
            case AverageTime, Throughput -> true;
            default -> false;
        };
    }

    private static synchronized void tellOnce(String reason) {
        if (!toldUnsupported) {
            toldUnsupported = true;
            System.out.println("# " + METRIC + " not measured: " + reason);
        }
    }
}
