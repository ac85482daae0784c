package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.testing.MatrixKernelContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract checks allocation on the tutorials' shapes (mostly the fused step); these take the
 * per-operation path and {@link BlockedProducts}' tiles, in both dtypes, after every operation has
 * run on a mix of shapes first, as in a test JVM: then C2 sees branches taken rarely (a tile's
 * continued inner block) and leaves calls there that it would inline in a fresh JVM, and a call
 * that returns a vector boxes it (the float32 twin boxed 7 KB per 20-24-3x12 step this way, in
 * about half the JVMs, before {@link BlockedProducts} stopped loading through a helper). Shapes:
 * wide tiles with edges on both sides (40-70-13x80); an update with fewer than 6 columns, by dot
 * products on 8 lanes and by outer products of gathered rows on 16 (12 examples: 20-24-3x12).
 */
class SimdAllocationTest {

    /** Output rows, inner size, output columns: narrow and wide layouts of 8 and 16 lanes, tile edges, inner blocks. */
    private static final int[][] MIXED_SHAPES = {{4, 3, 4}, {7, 3, 4}, {4, 4, 1}, {8, 5, 4}, {6, 7, 3}, {1, 3, 4},
            {2, 5, 3}, {3, 9, 2}, {16, 16, 16}, {12, 5, 9}, {17, 12, 6}, {9, 7, 17}, {33, 65, 31}, {3, 129, 5},
            {70, 40, 20}, {65, 300, 7}};

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FLOAT64, 40-70-13x80", "FLOAT32, 40-70-13x80", "FLOAT64, 20-24-3x12", "FLOAT32, 20-24-3x12"})
    void perOperationStepAllocatesNothing(DType dtype, String workload) {
        MatrixKernel<?> kernel = SimdKernels.of(dtype);
        Random random = new Random(11);
        for (int round = 0; round < 2; round++) {
            for (int[] shape : MIXED_SHAPES) {
                everyOperation(kernel, shape[0], shape[1], shape[2], random);
            }
        }
        Network<?> network = Network.of(kernel, Workloads.resolve(workload));
        long allocated = MatrixKernelContract.allocatedAfterWarmUp(network, 1000, 1_000_000_000L);
        assertTrue(allocated < 512, () -> "simd " + dtype.id() + " allocated " + allocated
                + " bytes in 1000 training steps of " + workload);
    }

    private static <M> void everyOperation(MatrixKernel<M> kernel, int n, int inner, int m, Random random) {
        M a = random(kernel, n, inner, random), b = random(kernel, inner, m, random);
        M bt = random(kernel, m, inner, random), at = random(kernel, inner, n, random);
        M out = random(kernel, n, m, random), act = random(kernel, n, m, random);
        kernel.multiply(a, b, out);
        kernel.forwardLayer(a, b, out);
        kernel.multiplyTransB(a, bt, out);
        kernel.hiddenDelta(a, bt, act, out);
        kernel.multiplyAddTransA(at, b, out);
        kernel.sigmoid(out);
        kernel.outputDelta(act, act, out);
        kernel.scaleBySigmoidDerivative(out, act);
    }

    private static <M> M random(MatrixKernel<M> kernel, int rows, int cols, Random random) {
        M m = kernel.create(rows, cols);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        kernel.load(m, values);
        return m;
    }
}
