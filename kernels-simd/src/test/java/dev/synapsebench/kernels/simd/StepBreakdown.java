package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where simd's training step of a two-layer sweep network spends its time, operation by
 * operation: the profile behind the README's missed targets (this VM exposes no hardware
 * counters, so {@code -prof perfnorm} does not work). Not a test and not a JMH benchmark: each
 * operation runs alone in a loop, warmed up for 3 s, and the median of 15 blocks of 200 ms is
 * printed with its GFLOP/s; compare only within one run.
 *
 * <pre>
 * mvn -q -pl kernels-simd -am test-compile
 * java --add-modules jdk.incubator.vector -cp core/target/classes:kernels-simd/target/classes:kernels-simd/target/test-classes \
 *      dev.synapsebench.kernels.simd.StepBreakdown 784-128-10x256 64-256-1x256
 * </pre>
 *
 * <p>{@code -DstepFirst=true} times the whole step before anything else, as a JMH fork does (it
 * only ever runs the step). Compare several JVMs, not one: on the reference machine the
 * 784-128-10x256 step's median ranged from 1.32 to 1.75 ms over 6 runs, either way round.
 */
public final class StepBreakdown {

    public static void main(String[] args) {
        for (String name : args.length == 0 ? new String[] {"784-128-10x256"} : args) {
            breakdown(Workloads.resolve(name));
        }
    }

    private static void breakdown(Workload workload) {
        int[] sizes = workload.topology().sizes();
        if (sizes.length != 3) {
            throw new IllegalArgumentException("two-layer networks only: " + workload.name());
        }
        int n = workload.trainingSet().examples(), in = sizes[0], hidden = sizes[1], out = sizes[2];
        Random random = new Random(1);
        SimdMatrix x = filled(random, n, in), y = filled(random, n, out), w0 = filled(random, in, hidden),
                w1 = filled(random, hidden, out), a0 = filled(random, n, hidden), a1 = filled(random, n, out),
                d0 = filled(random, n, hidden), d1 = filled(random, n, out);
        double f0 = 2.0 * n * in * hidden, f1 = 2.0 * n * hidden * out;
        System.out.printf("%s (%d examples): median of 15 x 200 ms per operation, alone in a loop%n", workload.name(), n);
        if (Boolean.getBoolean("stepFirst")) {
            time("the whole step, timed first", Network.of(new SimdKernel(), workload)::trainingStep, 2 * f0 + 3 * f1);
        }
        List<Double> rows = new ArrayList<>();
        rows.add(time("forward layer 1: sigmoid(X·W0)", () -> VectorOps.multiply(x, w0, a0, true), f0));
        rows.add(time("forward layer 2: sigmoid(a0·W1)", () -> VectorOps.multiply(a0, w1, a1, true), f1));
        rows.add(time("output delta", () -> VectorOps.outputDelta(y, a1, d1), 0));
        rows.add(time("hidden delta: (d1·W1T)·a0(1-a0)", () -> VectorOps.multiplyTransB(d1, w1, d0, a0), f1));
        rows.add(time("update W1 += a0T·d1", () -> VectorOps.multiplyAddTransA(a0, d1, w1), f1));
        rows.add(time("update W0 += XT·d0 (with the copy)", () -> VectorOps.multiplyAddTransA(x, d0, w0), f0));
        double sum = rows.stream().mapToDouble(Double::doubleValue).sum();
        Network<SimdMatrix> network = Network.of(new SimdKernel(), workload);
        double step = time("the whole step (Network.trainingStep)", network::trainingStep, 2 * f0 + 3 * f1);
        System.out.printf("  sum of the operations %.1f us; the step %.1f us%n", sum, step);
        double copy = time("  of which: the transposed copy of X", () -> Packing.packTransposed(x, w0.stride), 0);
        System.out.printf("  the copy is %.0f%% of the step%n%n", 100 * copy / step);
    }

    private static double time(String what, Runnable op, double flops) {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        double[] blocks = new double[15];
        for (int b = 0; b < blocks.length; b++) {
            long start = System.nanoTime();
            int ops = 0;
            while (System.nanoTime() - start < 200_000_000L) {
                op.run();
                ops++;
            }
            blocks[b] = (System.nanoTime() - start) / 1e3 / ops;
        }
        java.util.Arrays.sort(blocks);
        double median = blocks[blocks.length / 2];
        System.out.printf("  %-40s %9.1f us  (%.1f-%.1f)%s%n", what, median, blocks[0], blocks[blocks.length - 1],
                flops > 0 ? String.format("  %5.1f GFLOP/s", flops / median / 1e3) : "");
        return median;
    }

    private static SimdMatrix filled(Random random, int rows, int cols) {
        SimdMatrix m = new SimdMatrix(rows, cols);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() - 0.5;
        }
        m.load(values);
        return m;
    }
}
