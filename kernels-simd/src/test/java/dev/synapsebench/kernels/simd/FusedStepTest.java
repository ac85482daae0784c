package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.TrainingSet;
import dev.synapsebench.core.testing.MatrixKernelContract;
import dev.synapsebench.core.testing.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;


/**
 * {@link FusedStep} against the per-operation path on random small networks: the fused
 * {@code trainingStep} must agree with {@code forwardPass} then {@code backwardPass} (which
 * {@link SimdKernel} leaves to the SPI's defaults over {@link VectorOps}) within the project's
 * 1e-12 relative. The two do the same arithmetic in the same order, and agree bit for bit when
 * both run compiled by C2 or both not; but within one JVM one path may already run C2 code while
 * the other still runs the interpreter or C1, and there the lane-wise {@code EXP} is not C2's
 * (SVML) intrinsic and may differ in the last bit, so bit equality would test JIT timing (run
 * with {@code -Xint} and a tolerance of 0, all cases agree bit for bit). Shapes cover every
 * column layout of {@link SimdMatrix} (1, 2, 3-4 and 5-8 examples on 8 lanes), one and two
 * layers, both register paths with 1 to 4 hidden units (3-1-1, 4-2-1, 4-3-1, 3-4-1 with 3-4 and
 * 7-8 examples), the general path, and a three-layer network, which takes the per-operation path.
 *
 * <p>The float32 twin (16 lanes on AVX-512) the same way, within numpy float32 parity, on those
 * shapes and on the layouts of 16 lanes: 5-8 examples are half-vector columns there, 9-16 whole
 * ones, and layers of up to 16 units fuse (6-3-1 with 5-8 examples is the shape of {@code
 * twoLayersInRegisters} on 16 lanes, which the twin sends to the general path).
 */
class FusedStepTest {

    private static final int STEPS = 200;

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        int[][] topologies = {{3, 1}, {3, 4, 1}, {5, 8, 2}, {8, 3, 1}, {2, 2}, {4, 3, 1}, {4, 2, 1}, {3, 1, 1}, {4, 6, 3, 2}};
        int[] exampleCounts = {1, 2, 3, 4, 7, 8};
        long seed = 1;
        for (int[] sizes : topologies) {
            for (int examples : exampleCounts) {
                cases.add(Arguments.of(Topology.of(sizes), examples, seed++));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> float32Networks() {
        List<Arguments> cases = new ArrayList<>(networks().toList());
        int[][] topologies = {{3, 4, 1}, {6, 3, 1}, {8, 2, 1}, {12, 16, 3}, {16, 4, 1}, {5, 12}};
        int[] exampleCounts = {5, 8, 12, 16};
        long seed = 1000;
        for (int[] sizes : topologies) {
            for (int examples : exampleCounts) {
                cases.add(Arguments.of(Topology.of(sizes), examples, seed++));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} examples")
    @MethodSource("networks")
    void fusedStepAgreesWithPerOperationPath(Topology topology, int examples, long seed) {
        agree(new SimdKernel(), topology, examples, seed, MatrixKernelContract.NUMPY_PARITY);
    }

    @ParameterizedTest(name = "float32 {0}, {1} examples")
    @MethodSource("float32Networks")
    void float32FusedStepAgreesWithPerOperationPath(Topology topology, int examples, long seed) {
        agree(new dev.synapsebench.kernels.simd.float32.SimdKernel(), topology, examples, seed,
                MatrixKernelContract.FLOAT32_NUMPY_PARITY);
    }

    private static <M> void agree(MatrixKernel<M> kernel, Topology topology, int examples, long seed, double tolerance) {
        Random random = new Random(seed);
        TrainingSet set = new TrainingSet(randomMatrix(random, examples, topology.inputs(), 0, 1),
                randomMatrix(random, examples, topology.outputs(), 0, 1));
        List<Matrix> initial = new ArrayList<>();
        for (int l = 0; l < topology.layers(); l++) {
            initial.add(randomMatrix(random, topology.fanIn(l), topology.fanOut(l), -1, 1));
        }
        Network<M> fused = new Network<>(kernel, topology, set, initial);
        Network<M> perOperation = new Network<>(kernel, topology, set, initial);

        for (int i = 0; i < STEPS; i++) {
            fused.trainingStep();
            perOperation.forward();
            perOperation.backward();
        }

        List<Matrix> expected = perOperation.weights(), actual = fused.weights();
        for (int l = 0; l < topology.layers(); l++) {
            Tolerance.assertClose(expected.get(l), actual.get(l), tolerance, "weights of layer " + (l + 1));
        }
        Tolerance.assertClose(perOperation.lastOutput(), fused.lastOutput(), tolerance, "last output");
    }

    private static Matrix randomMatrix(Random random, int rows, int cols, double low, double high) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return new Matrix(rows, cols, values);
    }
}
