package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.testing.MatrixKernelContract;
import dev.synapsebench.core.testing.Tolerance;
import dev.synapsebench.kernels.scalar.ScalarKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the contract does not check, in both dtypes (the float32 twin is generated from the float64
 * sources, so it takes the same paths): bit-exactness at the tutorials' sizes (the contract allows
 * a tolerance), no allocation at the sizes that take the block products, and that each dtype's
 * kernel hands out the other.
 */
class EjmlKernelTest {

    /** The networks of the allocation check: every variant of {@link Products} (see there) and two sweep networks. */
    private static final List<String> BLOCK_NETWORKS = List.of("8-16-1x16", "70-130-3x67", "12-100-10x3", "64-256-1x256");

    static Stream<Arguments> presets() {
        List<Arguments> cases = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (Workload preset : Workloads.tutorials()) {
                cases.add(Arguments.of(dtype, preset));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> blockNetworks() {
        List<Arguments> cases = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (String network : BLOCK_NETWORKS) {
                cases.add(Arguments.of(dtype, network));
            }
        }
        return cases.stream();
    }

    @Test
    void eachDtypeHandsOutTheOther() {
        for (DType dtype : DType.values()) {
            MatrixKernel<?> kernel = EjmlKernels.of(dtype);
            assertEquals(dtype, kernel.dtype());
            assertEquals("ejml", kernel.name());
            assertSame(kernel.getClass(), kernel.withDtype(dtype).orElseThrow().getClass(), dtype::id);
            for (DType other : DType.values()) {
                assertEquals(other, kernel.withDtype(other).orElseThrow().dtype(), () -> dtype + " -> " + other);
            }
        }
        assertTrue(new EjmlKernel().withDtype(DType.FLOAT32).orElseThrow()
                instanceof dev.synapsebench.kernels.ejml.float32.EjmlKernel);
    }

    /**
     * At these sizes EJML takes its "small" kernels: numpy's summation order, so the scalar kernel's
     * bits, in float64 and (both twins summing in float) in float32.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("presets")
    void trainsTheTutorialNetworksBitForBitLikeTheScalarKernel(DType dtype, Workload preset) {
        Network<?> ejml = Network.of(EjmlKernels.of(dtype), preset);
        Network<?> scalar = Network.of(ScalarKernels.of(dtype), preset);
        ejml.train(preset.iterations());
        scalar.train(preset.iterations());
        List<Matrix> expected = scalar.weights();
        List<Matrix> actual = ejml.weights();
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertBitExact(expected.get(l), actual.get(l), dtype.id() + " " + preset.name() + " W" + l);
        }
        Tolerance.assertBitExact(scalar.lastOutput(), ejml.lastOutput(), dtype.id() + " " + preset.name() + " output");
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
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("blockNetworks")
    void trainingStepsAllocateNothingAtSize(DType dtype, String network) {
        Network<?> net = Network.of(EjmlKernels.of(dtype), Workloads.resolve(network));
        // at least 2 s first: in its first tens of milliseconds clean windows alternate with ones that allocate
        long allocated = MatrixKernelContract.allocatedAfterWarmUp(net, 100, 2_000_000_000L);
        assertTrue(allocated < 512, () -> dtype.id() + ": allocated " + allocated + " bytes in 100 training steps of "
                + network);
    }
}
