package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.benchmarks.jmh.PeakBenchmark;
import dev.synapsebench.core.DType;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peaks of one core this run measured ({@link PeakBenchmark}), in GFLOP/s, FP64 and FP32: the
 * best measurement iteration (a peak is what the core can do; on a shared machine other load only
 * ever slows an iteration down, so the mean understates it), with the mean and JMH's 99.9% error
 * beside it. NaN when the peak benchmark did not run or failed.
 *
 * @param fp64 the float64 peak, what float64 rows' "% of peak" divides by
 * @param fp32 the float32 peak, for float32 rows
 */
record Peak(Measured fp64, Measured fp32) {

    /** One peak: the best iteration, the mean over iterations and forks, JMH's 99.9% error of the mean. */
    record Measured(double gflops, double mean, double error, String method) {
        boolean measured() {
            return !Double.isNaN(gflops);
        }
    }

    static final String METHOD = "JMH PeakBenchmark.%s: " + PeakBenchmark.CHAINS
            + " independent chains of %s.fma on the preferred species, " + PeakBenchmark.ROUNDS
            + " rounds per operation, one thread";

    static Peak of(Collection<RunResult> results) {
        return new Peak(measured(results, "fmaChains", "DoubleVector"),
                measured(results, "fmaChainsFloat32", "FloatVector"));
    }

    @SuppressWarnings("rawtypes") // JMH declares getSecondaryResults() with the raw type Result
    private static Measured measured(Collection<RunResult> results, String benchmark, String vector) {
        String method = String.format(METHOD, benchmark, vector);
        for (RunResult run : results) {
            if (run.getParams().getBenchmark().equals(PeakBenchmark.class.getName() + "." + benchmark)) {
                Result flops = run.getSecondaryResults().get(PeakBenchmark.FLOPS_METRIC);
                if (flops != null && flops.getScoreUnit().equals("ops/s")) {
                    return new Measured(flops.getStatistics().getMax() / 1e9, flops.getScore() / 1e9,
                            flops.getScoreError() / 1e9, method);
                }
            }
        }
        return new Measured(Double.NaN, Double.NaN, Double.NaN, method);
    }

    /** The FP64 peak (what the run's rows are put against unless they are float32). */
    double gflops() {
        return fp64.gflops();
    }

    /** The peak for rows of each dtype, by {@code DType.id()}. */
    Map<String, Double> byDtype() {
        Map<String, Double> peaks = new LinkedHashMap<>();
        peaks.put(DType.FLOAT64.id(), fp64.gflops());
        peaks.put(DType.FLOAT32.id(), fp32.gflops());
        return peaks;
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("measured", fp64.measured());
        if (fp64.measured()) {
            node.put("fp64GflopsOneCore", fp64.gflops());
            node.put("basis", "best measurement iteration");
            node.put("meanGflops", fp64.mean());
            node.put("meanError999", fp64.error());
        }
        node.put("method", fp64.method());
        ObjectNode fp32Node = node.putObject("fp32");
        fp32Node.put("measured", fp32.measured());
        if (fp32.measured()) {
            fp32Node.put("meanGflops", fp32.mean()).put("meanError999", fp32.error());
        }
        fp32Node.put("method", fp32.method());
        if (fp32.measured()) {
            node.put("fp32GflopsOneCore", fp32.gflops());
        }
        return node;
    }

    @Override
    public String toString() {
        return describe("FP64", fp64) + "; " + describe("FP32", fp32);
    }

    private static String describe(String name, Measured m) {
        return !m.measured() ? name + " peak: not measured (the peak benchmark did not run)"
                : String.format("%s peak of one core: %.1f GFLOP/s (best iteration; mean %.1f ± %.1f) by %s", name,
                m.gflops(), m.mean(), m.error(), m.method());
    }
}
