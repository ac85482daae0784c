package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.RunFolder;
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
 * Puts the fork's parity check into JMH's results, so that {@code jmh.json} keeps what each row was
 * checked against: the largest relative difference from the scalar reference (the worst fork's,
 * {@value RunFolder#PARITY_DIFFERENCE}), the tolerance allowed and the steps compared. The check
 * itself runs in the trial's setup, before any iteration ({@link ParityCheck}); this only reports
 * it with every iteration's results. Nothing for benchmarks without one (the peak).
 */
public final class ParityProfiler implements InternalProfiler {

    private static volatile ParityCheck.Finding checked;

    /** Called by the benchmark's setup once its check has passed. */
    static void record(ParityCheck.Finding result) {
        checked = result;
    }

    @Override
    public String getDescription() {
        return "The parity check's result (largest relative difference from scalar, tolerance, steps)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        ParityCheck.Finding parity = checked;
        if (parity == null) {
            return List.of();
        }
        return List.of(
                new ScalarResult(BenchmarkSchema.PARITY_DIFFERENCE, parity.maxRelativeDifference(), "", AggregationPolicy.MAX),
                new ScalarResult(BenchmarkSchema.PARITY_TOLERANCE, parity.tolerance(), "", AggregationPolicy.MAX),
                new ScalarResult(BenchmarkSchema.PARITY_STEPS, parity.steps(), "steps", AggregationPolicy.MIN));
    }
}
