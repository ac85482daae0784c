package dev.synapsebench.kernels.nd4j;

import com.sun.management.ThreadMXBean;
import dev.synapsebench.core.Availability;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract does not check: the BLAS report, the failure message, and the garbage per training step. */
class Nd4jKernelTest {

    /**
     * ND4J's executioner allocates its own bookkeeping on every op, whatever the caller does
     * (about 300 bytes for a legacy transform, 600 for a custom op with a reused context: lists of
     * the context's arrays, JavaCPP pointer wrappers; see the README). A kilobyte per op catches a
     * regression to ND4J's convenience calls ({@code Nd4j.gemm}, {@code muli}: 3-6 KB per call)
     * or any array created per step.
     */
    private static final long BYTES_PER_OP = 1024;

    static List<Workload> presets() {
        return Workloads.tutorials();
    }

    @Test
    void isAvailableWithOpenBlas() {
        Availability availability = new Nd4jKernel().availability();
        assertTrue(availability.available(), availability::reason);
        BlasInfo blas = Nd4jKernel.blasInfo();
        assertEquals("OPENBLAS", blas.vendor(), blas::toString);
        assertTrue(blas.blasThreads() >= 1 && blas.openMpThreads() >= 1, blas::toString);
    }

    @Test
    void describesALoadFailureInOneSentence() {
        Throwable failure = new ExceptionInInitializerError(new RuntimeException("backend failed",
                new UnsatisfiedLinkError("no jnind4jcpu in java.library.path: /usr/lib\nsecond line")));
        assertEquals("UnsatisfiedLinkError: no jnind4jcpu in java.library.path: /usr/lib",
                Nd4jProbe.rootCause(failure));
        assertEquals("java.lang.NoClassDefFoundError", Nd4jProbe.rootCause(new NoClassDefFoundError()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void trainingAllocatesOnlyNd4jsPerOpBookkeeping(Workload preset) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemoryEnabled(), "this JVM does not count allocated bytes per thread");
        Nd4jKernel kernel = new Nd4jKernel();
        assertTrue(kernel.availability().available(), kernel.availability()::reason);
        Network<INDArray> network = Network.of(kernel, preset);
        network.train(5_000); // warm-up: binds the ops' contexts, creates scratch arrays, lets the JIT compile

        int iterations = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        network.train(iterations);
        double perStep = (threads.getCurrentThreadAllocatedBytes() - before) / (double) iterations;

        // forward: product + sigmoid per layer; output delta: 3 ops; hidden delta: 3 per hidden layer; update: 1 per layer
        int layers = preset.topology().layers();
        int opsPerStep = 2 * layers + 3 + 3 * (layers - 1) + layers;
        System.out.printf("nd4j %s: %.0f bytes allocated per training step (%d ND4J ops)%n", preset.name(), perStep,
                opsPerStep);
        assertTrue(perStep <= opsPerStep * BYTES_PER_OP, () -> preset.name() + ": " + perStep
                + " bytes per training step, more than " + BYTES_PER_OP + " per ND4J op (" + opsPerStep + " ops)");
    }
}
