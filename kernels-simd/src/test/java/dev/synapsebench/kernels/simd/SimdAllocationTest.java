package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.Network;
import dev.synapsebench.core.Preset;
import dev.synapsebench.core.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop allocates nothing once C2 has compiled it: no vector escapes to the heap.
 *
 * <p>The contract suite checks this for single-neuron (3-1) and multi-layer (3-4-1, 7 examples:
 * one vector per column). With 4 examples a 3-4-1 network runs other code here, two 4-row columns
 * per vector (shuffles, blends, pairs of output vectors), so xor-3layer is checked too, and the
 * others again with a warm-up that waits for the JIT instead of a fixed one. Interpreted and C1
 * code does allocate a box per vector operation, so the loop is first trained until a window is
 * clean; then a fresh window of 10^5 iterations must not grow the thread's allocated bytes. Not
 * a timed test: only bytes are compared.
 */
class SimdAllocationTest {

    private static final int WINDOW = 100_000;
    /** Warm-up windows at most; compilation runs in the background and the machine may be busy. */
    private static final int MAX_WARMUP_WINDOWS = 20;
    /**
     * Bytes a window may allocate. An escaped vector would cost at least one 16-byte object
     * header plus its payload per iteration, megabytes per window; this slack only absorbs
     * one-off bookkeeping outside the training loop that the JVM may charge to the thread
     * (such as the first use of the allocation counter itself), not anything per iteration.
     */
    private static final long SLACK_BYTES = 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static List<Preset> presets() {
        return Presets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void trainingAllocatesNothingOnceCompiled(Preset preset) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        Network<SimdMatrix> network = Network.of(new SimdKernel(), preset);

        long lastWarmup = Long.MAX_VALUE;
        for (int w = 0; w < MAX_WARMUP_WINDOWS && lastWarmup > SLACK_BYTES; w++) {
            lastWarmup = allocatedDuring(network);
        }
        long allocated = allocatedDuring(network);

        assertTrue(allocated <= SLACK_BYTES, String.format(
                "%s: %d iterations allocated %d bytes (%.1f per iteration) after warm-up (last warm-up window: %d"
                        + " bytes); a vector escapes to the heap", preset.name(), WINDOW, allocated,
                allocated / (double) WINDOW, lastWarmup));
    }

    private static long allocatedDuring(Network<SimdMatrix> network) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        network.train(WINDOW);
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
