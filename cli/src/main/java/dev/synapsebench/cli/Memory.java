package dev.synapsebench.cli;

import dev.synapsebench.core.Topology;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the CLI checks before it allocates anything that could be large: that every array fits
 * a Java array and that the bytes fit this JVM's free heap. A size that does not fit is one
 * sentence (exit status 2), never an {@link OutOfMemoryError} or a {@link NegativeArraySizeException}
 * after minutes.
 */
final class Memory {

    /** The most elements a Java array holds on common JVMs. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Memory() {
    }

    /** This JVM's heap that is not in use: what it may still grow to, less what it holds. */
    static long free() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Refuses with {@code refusal}'s sentence when {@code bytes} do not fit the free heap; when they
     * would fit the heap but not what is free now, collects garbage once and looks again.
     */
    static void require(double bytes, Supplier<String> refusal) {
        if (bytes <= free()) {
            return;
        }
        if (bytes < Runtime.getRuntime().maxMemory()) {
            System.gc();
            if (bytes <= free()) {
                return;
            }
        }
        throw new UsageException(refusal.get());
    }

    /**
     * Float64 values one network of {@code topology} on {@code examples} examples needs while the
     * CLI builds, trains and reads it once: the data three times (ours, the check's copy, the
     * backend's), the weights five times (numpy's draw, the backend's, a scratch copy, the initial
     * and the final ones read back), every layer's activations and deltas, the output pass's fresh
     * activations and the output read back.
     */
    static double valuesOfOneRun(Topology topology, long examples) {
        double weights = 0;
        double units = 0;
        for (int l = 0; l < topology.layers(); l++) {
            weights += (double) topology.fanIn(l) * topology.fanOut(l);
            units += topology.fanOut(l);
        }
        double data = (double) examples * (topology.inputs() + topology.outputs());
        return 3 * data + 5 * weights + 3 * examples * units + (double) examples * topology.outputs();
    }

    /**
     * The sentence for the first matrix of a run that no Java array can hold (a weight matrix, the
     * examples' inputs or targets, or a layer's activations over the examples), or null.
     */
    static String tooLargeForAnArray(Topology topology, long examples) {
        for (int l = 0; l < topology.layers(); l++) {
            long values = (long) topology.fanIn(l) * topology.fanOut(l);
            if (values > MAX_ARRAY) {
                return "--network " + topology + " has a " + topology.fanIn(l) + "x" + topology.fanOut(l)
                        + " weight matrix, " + values + " values, more than a Java array can hold (" + MAX_ARRAY + ")";
            }
        }
        int widest = 0;
        for (int size : topology.sizes()) {
            widest = Math.max(widest, size);
        }
        double values = (double) examples * widest;
        if (values > MAX_ARRAY) {
            return String.format(Locale.ROOT, "%d examples of the network %s make a %dx%d matrix, %.0f values, more "
                    + "than a Java array can hold (%d)", examples, topology, examples, widest, values, MAX_ARRAY);
        }
        return null;
    }

    /** {@code b} bytes as "1.5 GiB". */
    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
