package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.testing.Tolerance;
import dev.synapsebench.kernels.scalar.ScalarKernel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** What the contract does not check: bit-exactness at the tutorials' sizes (the contract allows 1e-12). */
class EjmlKernelTest {

    static List<Workload> presets() {
        return Workloads.tutorials();
    }

    /** At these sizes EJML takes its "small" kernels: numpy's summation order, so the scalar kernel's bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void trainsTheTutorialNetworksBitForBitLikeTheScalarKernel(Workload preset) {
        Network<DMatrixRMaj> ejml = Network.of(new EjmlKernel(), preset);
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
}
