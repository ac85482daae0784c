package dev.synapsebench.benchmarks.jmh;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bracket and the profiler's arithmetic; no timing. */
class ThreadAllocationProfilerTest {

    private static final IterationParams ITERATION = new IterationParams(IterationType.MEASUREMENT, 1,
            TimeValue.milliseconds(100), 1);

    /** Sinks the test's allocations, so the JIT cannot remove them. */
    private static final List<Object> KEPT = new ArrayList<>();

    @Test
    void anEmptyBracketReadsZero() {
        assumeTrue(AllocationBracket.unsupportedReason() == null, AllocationBracket.unsupportedReason());
        for (int i = 0; i < 3; i++) { // the first pair also links the calls
            AllocationBracket.open();
            AllocationBracket.close();
        }
        assertEquals(0, AllocationBracket.take(), "the snapshots themselves allocate nothing inside the bracket");
        assertEquals(-1, AllocationBracket.take(), "taken once");
    }

    @Test
    void aBracketHoldsWhatTheThreadAllocated() {
        assumeTrue(AllocationBracket.unsupportedReason() == null, AllocationBracket.unsupportedReason());
        AllocationBracket.open();
        KEPT.add(new long[125_000]);
        AllocationBracket.close();
        long bytes = AllocationBracket.take();
        KEPT.clear();
        assertTrue(bytes >= 1_000_000 && bytes < 1_000_000 + 4096, bytes + " bytes for a 1 MB array");
    }

    @Test
    void aCloseWithoutOpenPublishesNothing() {
        AllocationBracket.discard();
        AllocationBracket.close();
        assertEquals(-1, AllocationBracket.take());
    }

    @Test
    void reportsTheBracketPerOperationOfTheIteration() {
        assumeTrue(AllocationBracket.unsupportedReason() == null, AllocationBracket.unsupportedReason());
        ThreadAllocationProfiler profiler = new ThreadAllocationProfiler();
        BenchmarkParams params = params(Mode.AverageTime, 1);
        profiler.beforeIteration(params, ITERATION);
        AllocationBracket.open();
        KEPT.add(new long[125_000]);
        AllocationBracket.close();
        KEPT.clear();
        List<? extends Result> results = List.copyOf(profiler.afterIteration(params, ITERATION, iteration(params, 1000)));
        assertEquals(1, results.size());
        assertEquals(ThreadAllocationProfiler.METRIC, results.get(0).getLabel());
        assertEquals("B/op", results.get(0).getScoreUnit());
        double perOp = results.get(0).getScore();
        assertTrue(perOp >= 1000 && perOp < 1005, perOp + " B/op: 1 MB over 1000 operations");
    }

    @Test
    void reportsNothingWithoutABracketOrWhereItWouldHoldJmhsObjects() {
        ThreadAllocationProfiler profiler = new ThreadAllocationProfiler();
        BenchmarkParams avgt = params(Mode.AverageTime, 1);
        profiler.beforeIteration(avgt, ITERATION);
        assertTrue(profiler.afterIteration(avgt, ITERATION, iteration(avgt, 10)).isEmpty(), "no bracket: the peak");

        for (BenchmarkParams other : List.of(params(Mode.SampleTime, 1), params(Mode.SingleShotTime, 1),
                params(Mode.AverageTime, 2))) {
            profiler.beforeIteration(other, ITERATION);
            AllocationBracket.open();
            AllocationBracket.close();
            assertTrue(profiler.afterIteration(other, ITERATION, iteration(other, 10)).isEmpty(),
                    other.getMode() + " with " + other.getThreads() + " threads");
        }
    }

    @Test
    void aStaleBracketIsNotReportedForTheNextIteration() {
        ThreadAllocationProfiler profiler = new ThreadAllocationProfiler();
        BenchmarkParams params = params(Mode.Throughput, 1);
        AllocationBracket.open();
        AllocationBracket.close(); // an iteration whose profiler never ran (it failed)
        profiler.beforeIteration(params, ITERATION);
        assertTrue(profiler.afterIteration(params, ITERATION, iteration(params, 10)).isEmpty());
    }

    private static IterationResult iteration(BenchmarkParams params, long allOps) {
        return new IterationResult(params, ITERATION, new IterationResultMetaData(allOps, allOps));
    }

    private static BenchmarkParams params(Mode mode, int threads) {
        return new BenchmarkParams("b", "b_jmhTest", true, threads, new int[]{threads}, List.of(), 1, 0, ITERATION,
                ITERATION, mode, new WorkloadParams(), TimeUnit.NANOSECONDS, 1, "java", List.of(), "25", "vm", "25",
                "1.37", TimeValue.minutes(10));
    }
}
