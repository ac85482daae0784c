package dev.synapsebench.kernels.nd4j;

import dev.synapsebench.core.Availability;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Loads ND4J's native backend once per JVM (first use of {@link #RESULT}), after letting OpenBLAS
 * pick its kernels itself ({@link OpenBlasVariables}), limits its threads as {@link Nd4jThreads}
 * says, and checks that it multiplies doubles correctly. Whatever goes wrong (an invalid
 * setting, no natives for this platform, a CPU or libc they do not support, a
 * missing jar) becomes an unavailable backend with a one-sentence reason.
 */
final class Nd4jProbe {

    static final Availability RESULT = probe();

    private Nd4jProbe() {
    }

    private static Availability probe() {
        OptionalInt threads;
        try {
            threads = Nd4jThreads.requested();
            OpenBlasVariables.ignoreUnlessKept(); // before anything loads OpenBLAS, which reads them once
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage() + ".");
        }
        try {
            // ND4J's default floating-point type is FLOAT; every array here is created as DOUBLE anyway.
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            INDArray a = Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {2, 2}, DataType.DOUBLE);
            INDArray c = Nd4j.zeros(DataType.DOUBLE, 2, 2);
            Nd4j.gemm(a, a, c, false, true, 1.0, 0.0); // starts every part of the backend (its BLAS too) ...
            threads.ifPresent(Nd4jThreads::apply); // ... so that nothing resets the threads after this
            Nd4j.gemm(a, a, c, false, true, 1.0, 0.0);
            double[] product = c.data().asDouble();
            double[] expected = {5, 11, 11, 25};
            if (!Arrays.equals(expected, product)) {
                return Availability.unavailable("ND4J's native backend multiplied [[1,2],[3,4]] by its transpose and got "
                        + Arrays.toString(product) + " instead of " + Arrays.toString(expected) + ".");
            }
            return Availability.AVAILABLE;
        } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError, ...
            return Availability.unavailable("ND4J's CPU backend (nd4j-native " + Nd4jBuild.PLATFORM
                    + ") cannot be loaded in this JVM: " + rootCause(t) + ".");
        }
    }

    /** The innermost cause as {@code Type: first line of message}. */
    static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getName();
        }
        String firstLine = message.strip().lines().findFirst().orElse("");
        if (firstLine.endsWith(".")) {
            firstLine = firstLine.substring(0, firstLine.length() - 1);
        }
        return root.getClass().getSimpleName() + ": " + firstLine;
    }
}
