package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParityCheckTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void isolatedScalarComputesWhatScalarComputes(DType dtype) {
        Network<?> network = Network.of(Kernels.available("scalar", dtype), Workloads.XOR_3LAYER);
        network.train(250);
        IsolatedScalarReference.Trained isolated = IsolatedScalarReference.train(Workloads.XOR_3LAYER, 250, dtype);
        assertEquals(network.weights(), isolated.weights(), "bit for bit");
        assertEquals(network.lastOutput(), isolated.lastOutput());
    }

    @Test
    void scalarPassesAgainstItselfWithNoDifference() {
        ParityCheck.Finding result = ParityCheck.againstScalar(NetworkFactory.of("scalar", "3-4-1", "float64"));
        assertEquals(0.0, result.maxRelativeDifference());
        assertEquals(ParityCheck.STEPS, result.steps());
        assertTrue(result.toString().startsWith("scalar matches scalar on 3-4-1 in float64 after 1000 training steps"),
                result.toString());
        ParityCheck.Finding float32 = ParityCheck.againstScalar(NetworkFactory.of("scalar", "3-4-1", "float32"));
        assertEquals(0.0, float32.maxRelativeDifference());
        assertEquals(DType.FLOAT32, float32.dtype());
        assertEquals(ParityCheck.FLOAT32_TOLERANCE, float32.tolerance());
    }

    static java.util.stream.Stream<String> backends() {
        return Kernels.names().stream();
    }

    /**
     * The networks a benchmark times are the dtype's (nd4j keeps both dtypes in one class, whose
     * no-arg constructor is float64: a fresh instance must still be float32).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("backends")
    void everyBackendsFloat32NetworksAreFloat32AndMatchScalar(String backend) {
        NetworkFactory<?> factory = NetworkFactory.of(backend, "3-4-1", "float32");
        assertEquals(DType.FLOAT32, factory.fresh().kernel().dtype());
        ParityCheck.Finding result = ParityCheck.againstScalar(factory);
        assertTrue(result.maxRelativeDifference() <= ParityCheck.FLOAT32_TOLERANCE, result.toString());
    }

    /**
     * The batched path of every backend, as trainMany's forks check it: first, middle and last of a
     * batch spread over two threads match scalar from their own seeds; afterwards the batch starts
     * over from those seeds, in place, and stays finite.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("backends")
    void everyBackendsBatchMatchesScalarMemberByMember(String backend) {
        try (ManyNetworks many = new ManyNetworks(NetworkFactory.of(backend, "3-4-1", "float64"), 5, 2)) {
            ParityCheck.Finding result = ParityCheck.batchAgainstScalar(many);
            assertTrue(result.maxRelativeDifference() <= ParityCheck.TOLERANCE, result.toString());
            assertEquals(ParityCheck.STEPS, result.steps());
            assertTrue(result.toString().startsWith(backend + ", networks 0, 2, 4 of a batch of 5 on 2 threads, matches"
                    + " scalar on 3-4-1 in float64 after 1000 training steps"), result.toString());
            many.reset();
            assertEquals(dev.synapsebench.core.NumpyInit.weights(Workloads.XOR_3LAYER.topology(), 5),
                    many.weights(4), "member 4 starts from seed 5");
            assertEquals(null, many.firstNonFiniteWeight());
        }
    }

    @Test
    void aDifferenceBeyondTheToleranceFailsNamingTheElement() {
        List<Matrix> expected = List.of(new Matrix(1, 2, new double[] {1.0, 2.0}));
        List<Matrix> close = List.of(new Matrix(1, 2, new double[] {1.0, 2.0 * (1 + 1e-12)}));
        List<Matrix> off = List.of(new Matrix(1, 2, new double[] {1.0, 2.0 * (1 + 1e-8)}));
        assertTrue(ParityCheck.compare(expected, close, 1e-9, "w") < 1e-11);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParityCheck.compare(expected, off, 1e-9, "w"));
        assertTrue(e.getMessage().contains("element (0,1)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ParityCheck.compare(expected, close, 0, "bits"));
        List<Matrix> nan = List.of(new Matrix(1, 2, new double[] {1.0, Double.NaN}));
        assertThrows(IllegalStateException.class, () -> ParityCheck.compare(expected, nan, 1e-9, "NaN"));
    }

    @Test
    void onlyOneWorkloadPerJvm() {
        NetworkBenchmark.Case.claimThisJvm("scalar on 3-1");
        NetworkBenchmark.Case.claimThisJvm("scalar on 3-1");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NetworkBenchmark.Case.claimThisJvm("simd on 3-1"));
        assertTrue(e.getMessage().contains("-f 1 or more"), e.getMessage());
    }

    @Test
    void networksMapToTheirPresets() {
        assertEquals(Workloads.SINGLE_NEURON, NetworkFactory.of("scalar", "3-1", "float64").workload());
        assertEquals(Workloads.XOR_3LAYER, NetworkFactory.of("scalar", "3-4-1", "float64").workload());
        assertEquals(Workloads.MULTI_LAYER, NetworkFactory.of("scalar", "multi-layer", "float64").workload());
        assertEquals(Workloads.TRASK_2LAYER, NetworkFactory.of("scalar", "trask-2layer", "float64").workload());
        assertThrows(IllegalStateException.class, () -> NetworkFactory.of("scalar", "3-5-1", "float64"));
        assertThrows(IllegalStateException.class, () -> NetworkFactory.of("no-such-backend", "3-1", "float64"));
        Network<?> a = NetworkFactory.of("scalar", "3-1", "float64").fresh();
        Network<?> b = NetworkFactory.of("scalar", "3-1", "float64").fresh();
        assertNotSame(a, b);
        assertEquals(Network.of(Kernels.byName("scalar").orElseThrow(), Workloads.SINGLE_NEURON).weights(), a.weights());
    }

    /**
     * A backend whose training leaves the finite numbers is reported as diverging, at its iteration
     * and weight, not as a mismatch of digits; on the single path and on the batched one.
     */
    @Test
    void aDivergingBackendIsReportedAsDivergingNotAsAMismatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (java.net.URLClassLoader withDiverging = dev.synapsebench.core.testing.DropInBackend.classLoader(
                dev.synapsebench.core.testing.DropInBackend.register(dir, dev.synapsebench.core.testing.DivergingKernel.class))) {
            Thread.currentThread().setContextClassLoader(withDiverging); // ServiceLoader looks there
            String name = dev.synapsebench.core.testing.DivergingKernel.NAME;
            IllegalStateException single = assertThrows(IllegalStateException.class,
                    () -> ParityCheck.againstScalar(NetworkFactory.of(name, "3-1", "float64")));
            assertEquals("diverging on 3-1 (single-neuron, float64) diverged at iteration 1 of 1000: weight (0,0) of "
                    + "layer 1 became NaN (an overflow met an operation without a result, such as inf - inf or 0 x inf: "
                    + "scale the inputs down), where scalar stays finite; refusing to time a backend whose training "
                    + "diverges", single.getMessage());
            try (ManyNetworks many = new ManyNetworks(NetworkFactory.of(name, "3-4-1", "float64"), 3, 1)) {
                IllegalStateException batch = assertThrows(IllegalStateException.class,
                        () -> ParityCheck.batchAgainstScalar(many));
                assertTrue(batch.getMessage().startsWith("diverging's network 0 of a batch of 3 on 1 threads on 3-4-1 "
                        + "from seed 1 (xor-3layer, float64) diverged within 1000 training steps"), batch.getMessage());
                assertTrue(batch.getMessage().endsWith("where scalar stays finite; refusing to time a backend whose "
                        + "training diverges"), batch.getMessage());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }
}
