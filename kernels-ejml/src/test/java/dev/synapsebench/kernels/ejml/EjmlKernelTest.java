package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.testing.MatrixKernelContract;
import dev.synapsebench.core.testing.Tolerance;
import dev.synapsebench.kernels.scalar.ScalarKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the contract does not check: bit-exactness at the tutorials' sizes (the contract allows
 * 1e-12), and no allocation at the sizes that take the block products.
 */
class EjmlKernelTest {

    static List<Workload> presets() {
        return Workloads.tutorials();
    }

    /** At these sizes EJML takes its "small" kernels: numpy's summation order, so the scalar kernel's bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void trainsTheTutorialNetworksBitForBitLikeTheScalarKernel(Workload preset) {
        Network<EjmlMatrix> ejml = Network.of(new EjmlKernel(), preset);
        Network<?> scalar = Network.of(new ScalarKernel(), preset);
        ejml.train(preset.iterations());
        scalar.train(preset.iterations());
        List<Matrix> expected = scalar.weights();
        List<Matrix> actual = ejml.weights();
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertBitExact(expected.get(l), actual.get(l), preset.name() + " W" + l);
        }
        Tolerance.assertBitExact(scalar.lastOutput(), ejml.lastOutput(), preset.name() + " output");
    }

    /**
     * The block path allocates nothing either: transposes and products write into each handle's
     * scratch. As in the contract's check, windows of steps run until one is clean or 20 s have
     * passed (while the JIT compiles, a deoptimization may allocate a few hundred bytes; with
     * {@code -Xint} no step after the first allocates), then a fresh window is measured, with the
     * contract's slack of 512 bytes (one allocation per step would show as at least 1600). Shapes:
     * every variant of {@link Products} (one and ten outputs, inner lengths below 4, partial
     * blocks) and two sweep networks.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8-16-1x16", "70-130-3x67", "12-100-10x3", "64-256-1x256"})
    void trainingStepsAllocateNothingAtSize(String network) {
        Network<EjmlMatrix> net = Network.of(new EjmlKernel(), Workloads.resolve(network));
        // at least 2 s first: in its first tens of milliseconds clean windows alternate with ones that allocate
        long allocated = MatrixKernelContract.allocatedAfterWarmUp(net, 100, 2_000_000_000L);
        assertTrue(allocated < 512, () -> "allocated " + allocated + " bytes in 100 training steps of " + network);
    }
}
