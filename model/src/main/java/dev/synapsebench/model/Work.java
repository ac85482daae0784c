package dev.synapsebench.model;

import dev.synapsebench.core.Topology;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

/**
 * The floating-point work of one benchmark operation, for GFLOP/s: 2 operations per multiply-add of
 * the products (a multiply and an add, whether the backend fuses them or not); the element-wise
 * work (sigmoid, deltas) is not counted. Per layer {@code l} with {@code N} examples:
 *
 * <pre>
 *   forward       2 * sum_l N * in_l * out_l
 *   weightUpdate  2 * sum_l N * in_l * out_l * (l == 0 ? 1 : 2)     (update; hidden delta for l >= 1)
 *   trainingStep  forward + weightUpdate
 *   trainMany     trainingStep                (its operation is one network's step)
 *   train         iterations * trainingStep
 * </pre>
 */
public final class Work {

    private Work() {
    }

    /** Floating-point operations of one {@code benchmark} operation on {@code network}; NaN when unknown. */
    public static double flops(String benchmark, String network) {
        Workload workload;
        try {
            workload = Workloads.resolve(network);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
        Topology t = workload.topology();
        int n = workload.trainingSet().examples();
        double forward = 2.0 * t.forwardMultiplyAdds(n);
        double backward = 2.0 * t.backwardMultiplyAdds(n);
        return switch (benchmark) {
            case BenchmarkSchema.FORWARD -> forward;
            case BenchmarkSchema.WEIGHT_UPDATE -> backward;
            case BenchmarkSchema.TRAINING_STEP, BenchmarkSchema.TRAIN_MANY -> forward + backward;
            case BenchmarkSchema.TRAIN -> workload.iterations() * (forward + backward);
            default -> Double.NaN;
        };
    }

    /** GFLOP/s of {@code flops} done in {@code score} of {@code unit} ({@code ns/op}, {@code us/op}, {@code ms/op}, {@code s/op}). */
    public static double gflops(double flops, double score, String unit) {
        return flops / seconds(score, unit) / 1e9;
    }

    /** A time per operation in seconds; NaN for a unit that is not one (throughput's {@code ops/s}). */
    public static double seconds(double score, String unit) {
        return score * switch (unit) {
            case "ns/op" -> 1e-9;
            case "us/op" -> 1e-6;
            case "ms/op" -> 1e-3;
            case "s/op" -> 1.0;
            default -> Double.NaN;
        };
    }
}
