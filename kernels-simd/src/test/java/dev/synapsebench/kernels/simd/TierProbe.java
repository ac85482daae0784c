package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

import java.util.List;

/**
 * What {@link TierIndependenceTest} runs in a JVM of each JIT tier, in float64 and float32: the
 * sigmoid of 2^14 values across [-40, 40] and a dot-product-form update of rows 200 long, whose
 * bits it prints as a hash each (a last-bit difference shows in dozens of 2^14 sigmoids, where a
 * short training may not reach it); then simd trains a tutorial network and a small synthetic one
 * and it prints every trained weight's bits.
 */
public final class TierProbe {

    /** The tutorials' 3-4-1 (xor), and a synthetic network that takes the blocked products and the per-operation paths. */
    static final List<String> NETWORKS = List.of("3-4-1", "8-16-1x16");

    private TierProbe() {
    }

    /**
     * @param args iterations per network, and how many times to run everything first so that C2
     *             compiles it with profiles, as in a long run (0 where the JVM never gets to C2)
     */
    public static void main(String[] args) {
        long iterations = Long.parseLong(args[0]);
        int warmUps = Integer.parseInt(args[1]);
        StringBuilder out = new StringBuilder();
        for (MatrixKernel<?> kernel : List.of(new SimdKernel(), new dev.synapsebench.kernels.simd.float32.SimdKernel())) {
            for (int w = 0; w < warmUps; w++) {
                sigmoidBits(kernel);
                updateBits(kernel);
                for (String name : NETWORKS) {
                    Workload workload = Workloads.resolve(name);
                    Network.seeded(kernel, workload.topology(), workload.trainingSet(), 2).train(iterations);
                }
            }
            out.append(kernel.dtype()).append(" sigmoid: ").append(sigmoidBits(kernel)).append('\n');
            out.append(kernel.dtype()).append(" update: ").append(updateBits(kernel)).append('\n');
            for (String name : NETWORKS) {
                Workload workload = Workloads.resolve(name);
                Network<?> network = Network.seeded(kernel, workload.topology(), workload.trainingSet(), 1);
                network.train(iterations);
                out.append(kernel.dtype()).append(' ').append(name).append(':');
                for (Matrix w : network.weights()) {
                    for (double v : w.values()) {
                        out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
                    }
                }
                out.append('\n');
            }
        }
        System.out.print(out);
    }

    /** The bits of the sigmoid of 2^14 values spread over [-40, 40], hashed. */
    private static <M> int sigmoidBits(MatrixKernel<M> kernel) {
        int n = 1 << 14;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = -40 + 80.0 * ((i * 40503L) % n) / n + 1e-7 * (i % 97);
        }
        M m = kernel.create(128, n / 128);
        kernel.load(m, values);
        kernel.sigmoid(m);
        kernel.store(m, values);
        return java.util.Arrays.hashCode(values);
    }

    /** The bits of {@code c += aT·b} with an inner length of 200 (the dot products' lane sums), hashed. */
    private static <M> int updateBits(MatrixKernel<M> kernel) {
        int inner = 200, rows = 16, cols = 3;
        double[] a = new double[inner * rows], b = new double[inner * cols], c = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i * 0.37) * 1.7;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.cos(i * 0.11) / 3;
        }
        M ma = kernel.create(inner, rows), mb = kernel.create(inner, cols), mc = kernel.create(rows, cols);
        kernel.load(ma, a);
        kernel.load(mb, b);
        kernel.load(mc, c);
        kernel.multiplyAddTransA(ma, mb, mc);
        kernel.store(mc, c);
        return java.util.Arrays.hashCode(c);
    }
}
