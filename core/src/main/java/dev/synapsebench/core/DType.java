package dev.synapsebench.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The arithmetic a kernel computes in, as numpy names it. A float32 kernel does every operation in
 * float32, as numpy does on float32 arrays; it still takes and gives values as {@code double[]}
 * ({@link MatrixKernel#load}, {@link MatrixKernel#store}), rounding to the nearest float32 on the way
 * in ({@code .astype(np.float32)}) and widening exactly on the way out.
 */
public enum DType {
    FLOAT64, FLOAT32;

    /** numpy's name: {@code float64}, {@code float32}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException with one sentence for any other name */
    public static DType parse(String name) {
        for (DType d : values()) {
            if (d.id().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "'; use one of "
                + Arrays.stream(values()).map(DType::id).collect(Collectors.joining(", ")));
    }

    /** {@code value} as this dtype holds it: itself, or the nearest float32 (round half to even, as numpy). */
    public double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }
}
