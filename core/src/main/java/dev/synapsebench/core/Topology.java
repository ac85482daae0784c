package dev.synapsebench.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Layer sizes of a fully connected network, inputs first: {@code 3-4-1} has 3 inputs, one hidden
 * layer of 4 sigmoid units and 1 output; {@code 3-1} is the single neuron.
 */
public record Topology(int[] sizes) {

    public Topology {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output size, e.g. 3-1");
        }
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + format(sizes));
            }
        }
        sizes = sizes.clone();
    }

    public static Topology of(int... sizes) {
        return new Topology(sizes);
    }

    /** Parses {@code "3-4-1"}: ASCII digits only (not {@code +3}, not other scripts' digits). */
    public static Topology parse(String text) {
        String[] parts = text.trim().split("-", -1);
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                String part = parts[i].trim();
                if (!part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new NumberFormatException(part);
                }
                sizes[i] = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "network must be layer sizes joined by '-', e.g. 3-4-1, got '" + text + "'");
            }
        }
        return new Topology(sizes);
    }

    /** Number of weight layers (one less than the number of sizes). */
    public int layers() {
        return sizes.length - 1;
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Fan-in of weight layer {@code l} (rows of its weight matrix). */
    public int fanIn(int l) {
        return sizes[l];
    }

    /** Fan-out of weight layer {@code l} (columns of its weight matrix). */
    public int fanOut(int l) {
        return sizes[l + 1];
    }

    /** Multiply-adds of one forward pass over {@code examples} examples: {@code sum_l N * in_l * out_l}. */
    public long forwardMultiplyAdds(int examples) {
        long total = 0;
        for (int l = 0; l < layers(); l++) {
            total += (long) examples * fanIn(l) * fanOut(l);
        }
        return total;
    }

    /**
     * Multiply-adds of one backward pass with update: each hidden delta's {@code d[l+1]·W[l+1]T}
     * ({@code N * out_{l+1} * in_{l+1}} for every layer but the first) and each update's
     * {@code in_l^T·d[l]} ({@code N * in_l * out_l}); the element-wise work is not counted.
     */
    public long backwardMultiplyAdds(int examples) {
        long total = 0;
        for (int l = 0; l < layers(); l++) {
            long product = (long) examples * fanIn(l) * fanOut(l);
            total += l == 0 ? product : 2 * product;
        }
        return total;
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && Arrays.equals(sizes, t.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return format(sizes);
    }

    private static String format(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }
}
