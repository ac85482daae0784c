package dev.synapsebench.kernels.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The padded layout of {@link SimdMatrix}: column strides, and the promise that no element of a
 * result depends on padding (the operations read and write whole vectors across it). The
 * contract suite checks the values; this checks them again with every padding slot of the
 * inputs set to NaN, which would spread into any element that read one.
 */
class SimdMatrixLayoutTest {

    private static final int L = Lanes.LANES;
    private final SimdKernel kernel = new SimdKernel();

    @Test
    void columnsPackIntoVectorsOrFillWholeVectors() {
        for (int rows = 1; rows <= 3 * L; rows++) {
            int stride = SimdMatrix.columnStride(rows, L);
            assertTrue(stride >= rows, "stride " + stride + " holds " + rows + " rows");
            if (rows <= L / 2) {
                assertEquals(0, L % stride, rows + " rows: whole columns per vector, stride " + stride);
                assertTrue(stride < 2 * rows, rows + " rows: stride " + stride + " wastes at most half");
            } else {
                assertEquals(0, stride % L, rows + " rows: whole vectors per column, stride " + stride);
                assertTrue(stride < rows + L, rows + " rows: stride " + stride + " wastes less than a vector");
            }
        }
    }

    @Test
    void tooLargeForOneArrayIsOneClearSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernel.create(100_000, 100_000));
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernel.create(Integer.MAX_VALUE, 1));
        assertThrows(IllegalArgumentException.class, () -> kernel.create(0, 3));
    }

    @Test
    void loadAndStoreAreTransposesOfTheLayout() {
        SimdMatrix m = kernel.create(3, 2);
        kernel.load(m, new double[] {1, 2, 3, 4, 5, 6});
        int s = m.stride;
        assertArrayEquals(new double[] {1, 3, 5}, Arrays.copyOfRange(m.data, 0, 3));
        assertArrayEquals(new double[] {2, 4, 6}, Arrays.copyOfRange(m.data, s, s + 3));
        double[] back = new double[6];
        kernel.store(m, back);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, back);
    }

    /** Tutorial shapes, half and whole vectors, one past, and odd sizes on both sides. */
    @ParameterizedTest(name = "{0}x{1} . {1}x{2}")
    @CsvSource({"4,3,4", "7,3,4", "4,4,1", "4,3,1", "1,3,4", "2,5,3", "3,9,2", "8,8,8", "9,7,17", "5,1,13", "17,12,6",
            "33,65,31", "3,129,5"})
    void resultsDoNotDependOnPadding(int n, int inner, int m) {
        Random random = new Random(n * 10_007L + inner * 101L + m);
        double[] a = random(random, n * inner), b = random(random, inner * m), bt = random(random, m * inner);
        double[] at = random(random, inner * n), b2 = random(random, inner * m), c = random(random, n * m);
        double[] act = random(random, n * m), target = random(random, n * m);

        sameWithPoison(n, m, out -> kernel.multiply(load(n, inner, a), load(inner, m, b), out), null);
        sameWithPoison(n, m, out -> kernel.forwardLayer(load(n, inner, a), load(inner, m, b), out), null);
        sameWithPoison(n, m, out -> kernel.multiplyTransB(load(n, inner, a), load(m, inner, bt), out), null);
        sameWithPoison(n, m, out -> kernel.hiddenDelta(load(n, inner, a), load(m, inner, bt), load(n, m, act), out),
                null);
        sameWithPoison(n, m, out -> kernel.multiplyAddTransA(load(inner, n, at), load(inner, m, b2), out), c);
        sameWithPoison(n, m, out -> kernel.sigmoid(out), c);
        sameWithPoison(n, m, out -> kernel.outputDelta(load(n, m, target), load(n, m, act), out), null);
        sameWithPoison(n, m, out -> kernel.scaleBySigmoidDerivative(out, load(n, m, act)), c);
    }

    private boolean poison;

    /** Runs {@code op} on an {@code n x m} output (holding {@code initial}, if any) with clean and with NaN padding. */
    private void sameWithPoison(int n, int m, Consumer<SimdMatrix> op, double[] initial) {
        poison = false;
        double[] clean = run(n, m, op, initial);
        poison = true;
        double[] poisoned = run(n, m, op, initial);
        for (double v : clean) {
            assertTrue(Double.isFinite(v), "finite results without poison");
        }
        assertArrayEquals(clean, poisoned, "a result element read padding");
    }

    private double[] run(int n, int m, Consumer<SimdMatrix> op, double[] initial) {
        SimdMatrix out = load(n, m, initial == null ? new double[n * m] : initial);
        op.accept(out);
        double[] values = new double[n * m];
        kernel.store(out, values);
        return values;
    }

    private SimdMatrix load(int rows, int cols, double[] rowMajor) {
        SimdMatrix m = kernel.create(rows, cols);
        if (poison) {
            Arrays.fill(m.data, Double.NaN);
        }
        kernel.load(m, rowMajor);
        return m;
    }

    private static double[] random(Random random, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }
}
