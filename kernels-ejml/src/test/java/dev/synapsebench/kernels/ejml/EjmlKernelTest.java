package dev.synapsebench.kernels.ejml;

import com.sun.management.ThreadMXBean;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Preset;
import dev.synapsebench.core.Presets;
import dev.synapsebench.core.testing.Tolerance;
import dev.synapsebench.kernels.scalar.ScalarKernel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract does not check: bit-exactness at the tutorials' sizes, and no allocation while training. */
class EjmlKernelTest {

    /**
     * Bytes the allocation counter may move while nothing is allocated: reading it twice and JIT
     * or safepoint housekeeping on this thread. One byte per iteration would already be 100,000.
     */
    private static final long ALLOCATION_SLACK_BYTES = 1024;

    static List<Preset> presets() {
        return Presets.all();
    }

    /** At these sizes EJML takes its "small" kernels: numpy's summation order, so the scalar kernel's bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void trainsTheTutorialNetworksBitForBitLikeTheScalarKernel(Preset preset) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void trainingAllocatesNothing(Preset preset) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemoryEnabled(), "this JVM does not count allocated bytes per thread");
        Network<DMatrixRMaj> network = Network.of(new EjmlKernel(), preset);
        network.train(50_000); // warm-up: let the JIT compile the loop

        long before = threads.getCurrentThreadAllocatedBytes();
        network.train(100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated <= ALLOCATION_SLACK_BYTES,
                () -> preset.name() + ": 100,000 training steps allocated " + allocated + " bytes");
        assertEquals(1, network.lastOutput().cols()); // keep the trained network alive and used
    }
}
