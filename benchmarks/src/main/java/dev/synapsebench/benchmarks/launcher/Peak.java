package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.benchmarks.jmh.PeakBenchmark;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;

/**
 * The FP64 peak of one core this run measured ({@link PeakBenchmark}), in GFLOP/s: the best
 * measurement iteration (a peak is what the core can do; on a shared machine other load only ever
 * slows an iteration down, so the mean understates it), with the mean and JMH's 99.9% error beside
 * it. NaN when the peak benchmark did not run or failed.
 *
 * @param gflops the best iteration, what "% of peak" divides by
 * @param mean   the mean over iterations and forks
 * @param error  JMH's 99.9% error of the mean
 */
record Peak(double gflops, double mean, double error, String method) {

    static final String METHOD = "JMH PeakBenchmark.fmaChains: " + PeakBenchmark.CHAINS
            + " independent chains of DoubleVector.fma on the preferred species, " + PeakBenchmark.ROUNDS
            + " rounds per operation, one thread";

    @SuppressWarnings("rawtypes") // JMH declares getSecondaryResults() with the raw type Result
    static Peak of(Collection<RunResult> results) {
        for (RunResult run : results) {
            if (run.getParams().getBenchmark().equals(PeakBenchmark.class.getName() + ".fmaChains")) {
                Result flops = run.getSecondaryResults().get(PeakBenchmark.FLOPS_METRIC);
                if (flops != null && flops.getScoreUnit().equals("ops/s")) {
                    return new Peak(flops.getStatistics().getMax() / 1e9, flops.getScore() / 1e9,
                            flops.getScoreError() / 1e9, METHOD);
                }
            }
        }
        return new Peak(Double.NaN, Double.NaN, Double.NaN, METHOD);
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("measured", !Double.isNaN(gflops));
        if (!Double.isNaN(gflops)) {
            node.put("fp64GflopsOneCore", gflops);
            node.put("basis", "best measurement iteration");
            node.put("meanGflops", mean);
            node.put("meanError999", error);
        }
        node.put("method", method);
        return node;
    }

    @Override
    public String toString() {
        return Double.isNaN(gflops) ? "FP64 peak: not measured (the peak benchmark did not run)"
                : String.format("FP64 peak of one core: %.1f GFLOP/s (best iteration; mean %.1f ± %.1f) by %s", gflops,
                mean, error, method);
    }
}
