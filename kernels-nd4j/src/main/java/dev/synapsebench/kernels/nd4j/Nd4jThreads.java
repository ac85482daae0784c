package dev.synapsebench.kernels.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.OptionalInt;

/**
 * How many threads ND4J may use, from the system property {@value #PROPERTY}: a positive number
 * (default {@value #DEFAULT}), or {@value #ND4J_DEFAULTS} to keep ND4J's own defaults (one thread
 * per core, or {@code OMP_NUM_THREADS}).
 *
 * <p>Three thread settings decide how many cores ND4J's CPU backend uses, and {@link #apply} sets
 * all three (checked on ND4J 1.0.0-M2.1 by counting the busy threads of the process during a
 * 1024x1024 product and during a 4096x4096 sigmoid):
 * <ul>
 *   <li>libnd4j's {@code maxMasterThreads}: how many threads one element-wise op or reduction
 *       splits into. Its {@code maxThreads} is the size of libnd4j's thread pool, fixed when the
 *       library loads: {@code setMaxThreads} cannot lower it (it reads back unchanged), and
 *       threads past {@code maxMasterThreads} stay idle;</li>
 *   <li>OpenMP's {@code omp_set_num_threads}, for the few libnd4j helpers that use OpenMP;</li>
 *   <li>OpenBLAS's {@code openblas_set_num_threads} (through {@code Nd4j.factory().blas()}), for
 *       {@code gemm}: ND4J's products run on the OpenBLAS copy that call configures.</li>
 * </ul>
 * All three can be set after the natives have loaded, from inside the JVM: no environment
 * variable is needed, which matters because JMH cannot set one per fork.
 */
final class Nd4jThreads {

    /** The system property that sets the thread count. */
    static final String PROPERTY = "synapse.nd4j.threads";

    /** The property's value that keeps ND4J's own thread defaults. */
    static final String ND4J_DEFAULTS = "nd4j";

    /** Threads when the property is not set: one, like every other JVM backend and numpy-1t. */
    static final int DEFAULT = 1;

    private Nd4jThreads() {
    }

    /** The thread count the property asks for; empty for ND4J's defaults. */
    static OptionalInt requested() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * {@code null} or blank: {@link #DEFAULT}; {@value #ND4J_DEFAULTS}: empty; a positive integer:
     * that many.
     *
     * @throws IllegalArgumentException for anything else, with a sentence saying what is allowed
     */
    static OptionalInt parse(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.of(DEFAULT);
        }
        String v = value.strip();
        if (v.equalsIgnoreCase(ND4J_DEFAULTS)) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be a positive number of threads or '"
                + ND4J_DEFAULTS + "' (ND4J's defaults), not '" + value + "'");
    }

    /** What the property asks for, in words: {@code "1"}, {@code "nd4j defaults"}, or the invalid value quoted. */
    static String describeRequest() {
        try {
            OptionalInt n = requested();
            return n.isPresent() ? Integer.toString(n.getAsInt()) : ND4J_DEFAULTS + " defaults";
        } catch (IllegalArgumentException e) {
            return "invalid (" + System.getProperty(PROPERTY) + ")";
        }
    }

    /** Limits libnd4j's ops, OpenMP and OpenBLAS to {@code threads} each. ND4J must be loaded. */
    static void apply(int threads) {
        var environment = Nd4j.getEnvironment();
        environment.setMaxThreads(threads); // no effect below the pool's size; kept for ND4J versions that honour it
        environment.setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
