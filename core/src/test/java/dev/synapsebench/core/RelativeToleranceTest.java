package dev.synapsebench.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The difference reported is the one the tolerance is held against: relative above magnitude 1, absolute below. */
class RelativeToleranceTest {

    @Test
    void aDifferenceAtMostTheToleranceIsExactlyClose() {
        double[][] pairs = {{1000, 1000.001}, {0.5, 0.5000001}, {1e-7, 3e-7}, {-2, -2.00002}, {0, 1e-5}, {1, 1}};
        for (double tolerance : new double[] {1e-4, 1e-6, 1e-9}) {
            for (double[] pair : pairs) {
                assertEquals(RelativeTolerance.relativeDifference(pair[0], pair[1]) <= tolerance,
                        RelativeTolerance.close(pair[0], pair[1], tolerance), pair[0] + " and " + pair[1] + " at " + tolerance);
            }
        }
    }

    @Test
    void aValueNearZeroWithinTheFloorDoesNotReadAsALargeRelativeError() {
        assertEquals(2e-7, RelativeTolerance.relativeDifference(1e-7, 3e-7), 1e-20, "absolute below 1");
        assertEquals(0.001 / 1000.001, RelativeTolerance.relativeDifference(1000, 1000.001), 1e-15, "relative above 1");
        assertEquals(0, RelativeTolerance.relativeDifference(-0.0, -0.0));
        assertEquals(Double.POSITIVE_INFINITY, RelativeTolerance.relativeDifference(1, Double.NaN));
    }

    @Test
    void compareNamesTheFirstElementOutsideAndReportsTheLargestDifference() {
        Matrix expected = Matrix.row(1, 2e-7, 5);
        RelativeTolerance.Comparison close = RelativeTolerance.compare(List.of(expected),
                List.of(Matrix.row(1, 4e-7, 5.00001)), 1e-5);
        assertNull(close.firstMismatch());
        assertEquals(0.00001 / 5.00001, close.maxRelativeDifference(), 1e-12, "5.00001 against 5, not 4e-7 against 2e-7");
        RelativeTolerance.Comparison far = RelativeTolerance.compare(List.of(expected),
                List.of(Matrix.row(1, 2e-7, 6)), 1e-5);
        assertNotNull(far.firstMismatch());
        assertTrue(far.firstMismatch().startsWith("matrix 0 element (0,2)"), far.firstMismatch());
        assertFalse(RelativeTolerance.close(5, 6, 1e-5));
    }
}
