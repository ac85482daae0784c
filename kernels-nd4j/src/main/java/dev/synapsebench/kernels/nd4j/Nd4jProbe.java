package dev.synapsebench.kernels.nd4j;

import dev.synapsebench.core.Availability;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Loads ND4J's native backend once per JVM (first use of {@link #RESULT}), after letting OpenBLAS
 * pick its kernels itself ({@link OpenBlasVariables}), limits its threads as {@link Nd4jThreads}
 * says, and checks that it multiplies doubles correctly. Whatever goes wrong (an invalid
 * setting, no natives for this platform, a CPU or libc they do not support, a JavaCPP cache
 * they cannot be unpacked into, a missing jar) becomes an unavailable backend with a one-sentence
 * reason ({@link #loadFailure}).
 */
final class Nd4jProbe {

    /** JavaCPP's system property for the folder it unpacks native libraries into (default {@code ~/.javacpp/cache}). */
    static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

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
            return Availability.unavailable(loadFailure(t));
        }
    }

    /**
     * The sentence for a failure to load ND4J: when a native library failed (an {@link
     * UnsatisfiedLinkError} anywhere in the chain, under ND4J's own "probably missing dependencies"),
     * says so, and when JavaCPP could not unpack the libraries into its cache (the link error wraps
     * an {@link IOException}: a cache folder that cannot be written, a path through a file) also
     * how to point it elsewhere; otherwise the innermost cause.
     */
    static String loadFailure(Throwable t) {
        String what = "ND4J's CPU backend (nd4j-native " + Nd4jBuild.PLATFORM + ") cannot run in this JVM: ";
        if (!causes(t).anyMatch(UnsatisfiedLinkError.class::isInstance)) {
            return what + rootCause(t) + ".";
        }
        if (causes(t).anyMatch(IOException.class::isInstance)) {
            return what + "its native libraries could not be unpacked into JavaCPP's cache (" + rootCause(t) + "); -D"
                    + CACHE_DIR_PROPERTY + "=DIR sets a writable one.";
        }
        return what + "its native libraries could not be loaded (" + rootCause(t) + ").";
    }

    /** {@code t} and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable t) {
        return Stream.iterate(t, c -> c != null, c -> c.getCause() == c ? null : c.getCause());
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
