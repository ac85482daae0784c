package dev.synapsebench.kernels.nd4j;

import com.sun.jna.Function;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lets OpenBLAS pick its CPU kernels itself, as the benchmarks let numpy's OpenBLAS: removes
 * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} from this process's native environment
 * before ND4J loads OpenBLAS, which reads them once, when it loads. Some machines set them for old
 * OpenBLAS builds that do not know their CPU (OpenBLAS 0.3.19 takes an AMD family 1Ah CPU for a Barcelona); the
 * bundled one does, and {@code OPENBLAS_CORETYPE=Haswell} would keep it off AVX-512 (measured on
 * such a machine: 1.7x slower products at the sweep's sizes). The benchmarks' numpy race removes
 * the same two for numpy.
 *
 * <p>{@code -D}{@value #PROPERTY}{@code =keep} keeps them. Only the native environment changes
 * ({@code unsetenv}, through JNA), before any native library of ND4J is loaded; {@link
 * System#getenv()} and the processes Java starts keep the JVM's copy, so reports still show what the
 * JVM was started with.
 */
final class OpenBlasVariables {

    /** The system property: {@code ignore} (the default) or {@code keep}. */
    static final String PROPERTY = "synapse.nd4j.openblasVariables";

    /** The variables removed, the same two the numpy race removes. */
    static final List<String> IGNORED = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    private static Map<String, String> removed = Map.of();
    private static String problem = "";

    private OpenBlasVariables() {
    }

    /**
     * Removes the {@link #IGNORED} variables that are set, unless the property says {@code keep};
     * remembers what it removed. Call once, before ND4J loads. A failure to remove them is
     * remembered ({@link #problem()}), not thrown.
     *
     * @throws IllegalArgumentException when the property is neither {@code ignore} nor {@code keep}
     */
    static synchronized void ignoreUnlessKept() {
        String mode = System.getProperty(PROPERTY, "ignore").strip();
        if (mode.equalsIgnoreCase("keep")) {
            return;
        }
        if (!mode.equalsIgnoreCase("ignore")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be 'ignore' (the default) or 'keep', not '"
                    + mode + "'");
        }
        Map<String, String> done = new TreeMap<>();
        try {
            for (String name : IGNORED) {
                String value = System.getenv(name);
                if (value != null && Function.getFunction("c", "unsetenv").invokeInt(new Object[] {name}) == 0) {
                    done.put(name, value);
                }
            }
        } catch (RuntimeException | LinkageError e) { // no JNA, or no libc to call: OpenBLAS reads them as they are
            problem = "could not remove them: " + Nd4jProbe.rootCause(e);
        }
        removed = Collections.unmodifiableMap(done);
    }

    /** The variables removed from the native environment, with the values the JVM was started with. */
    static synchronized Map<String, String> removed() {
        return removed;
    }

    /** Empty, or why the variables could not be removed. */
    static synchronized String problem() {
        return problem;
    }

    /** The variable's value in the native environment (what OpenBLAS reads), or null. */
    static String nativeValue(String name) {
        return Function.getFunction("c", "getenv").invokeString(new Object[] {name}, false);
    }
}
