package dev.synapsebench.kernels.nd4j;

import com.sun.jna.Function;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * Asks the OpenBLAS that ND4J's products run on what it is running with: threads, version, kernels.
 *
 * <p>Two copies of OpenBLAS are mapped in a JVM with ND4J: the JavaCPP presets load {@code
 * libopenblas.so.0} for the LAPACK preset that libnd4j's preset inherits, and the same library
 * under the name {@code libopenblas_nolapack.so.0} for the BLAS preset, each with its own
 * settings. ND4J's products run on the second, the one {@code Nd4j.factory().blas().setMaxThreads}
 * configures (checked with a 1024x1024 product on one thread: setting that copy to two threads,
 * directly or through ND4J, makes it use two cores; setting the other copy does not). The functions
 * here are looked up with {@link Loader#addressof}, as ND4J and the presets look up theirs; in a
 * JVM where nothing else loads an OpenBLAS globally that finds the same copy ({@code
 * Nd4jKernelTest} checks both: one thread read back, one core used).
 *
 * <p>The JavaCPP presets of OpenBLAS (0.3.19-1.5.7 to 0.3.31-1.5.13) do not map {@code
 * openblas_get_num_threads}, {@code openblas_get_config} or {@code openblas_get_corename} (their
 * own {@code blas_get_num_threads} returns the count last asked for, not OpenBLAS's), so they are
 * called through JNA, which ND4J already brings. Only call once ND4J is loaded.
 */
final class OpenBlas {

    private OpenBlas() {
    }

    /** {@code openblas_get_num_threads()}: the threads one BLAS call may use. */
    static int threads() {
        return function("openblas_get_num_threads").invokeInt(new Object[0]);
    }

    /** {@code openblas_get_config()}, e.g. {@code OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64}. */
    static String config() {
        return function("openblas_get_config").invokeString(new Object[0], false).strip();
    }

    /** {@code openblas_get_corename()}: the CPU kernels OpenBLAS chose, e.g. {@code Haswell}. */
    static String coreName() {
        return function("openblas_get_corename").invokeString(new Object[0], false).strip();
    }

    private static Function function(String symbol) {
        Pointer address = Loader.addressof(symbol);
        if (address == null || address.isNull()) {
            throw new IllegalStateException(symbol + " is not in any loaded library");
        }
        return Function.getFunction(new com.sun.jna.Pointer(address.address()));
    }
}
