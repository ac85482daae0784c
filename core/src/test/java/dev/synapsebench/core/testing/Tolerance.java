package dev.synapsebench.core.testing;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.RelativeTolerance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison of matrices: relative error, with an absolute floor for values near 0. */
public final class Tolerance {

    private Tolerance() {
    }

    /**
     * Every element within {@code relative * max(|expected|, |actual|)}, or within {@code relative}
     * absolutely when both are near zero; {@code relative == 0} demands identical bits.
     */
    public static void assertClose(Matrix expected, Matrix actual, double relative, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": cols");
        double[] e = expected.values();
        double[] a = actual.values();
        for (int i = 0; i < e.length; i++) {
            if (!RelativeTolerance.close(e[i], a[i], relative)) {
                fail(String.format("%s: element (%d,%d) expected %s but was %s (relative difference %.3g, allowed %.3g)",
                        what, i / expected.cols(), i % expected.cols(), e[i], a[i], RelativeTolerance.relativeDifference(e[i], a[i]),
                        relative));
            }
        }
    }

    /** Identical IEEE bits, element by element. */
    public static void assertBitExact(Matrix expected, Matrix actual, String what) {
        assertClose(expected, actual, 0, what);
    }
}
