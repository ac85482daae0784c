package dev.synapsebench.kernels.simd.float32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The padded layout of the generated float32 twin ({@code FloatVector}, 16 lanes on AVX-512):
 * the float64 {@code SimdMatrixLayoutTest}'s promise that no element of a result depends on
 * padding, on the shapes whose layouts differ at twice the lanes (5-8 rows are half-vector columns
 * here, 9-16 one vector, 17 one past), and that the twin has twice the float64 lanes.
 */
class SimdFloat32MatrixLayoutTest {

    private static final int L = Lanes.LANES;
    private final SimdKernel kernel = new SimdKernel();

    @Test
    void twiceTheLanesOfFloat64() {
        assertEquals(Lanes.SPECIES.vectorBitSize() / Float.SIZE, L);
        assertEquals(2 * jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length(), L);
        assertEquals(L / 2, SimdMatrix.columnStride(L / 4 + 1, L), "a quarter vector plus one row: half-vector columns");
    }

    /** Tutorial shapes, half and whole vectors of 16 lanes, one past, and odd sizes on both sides. */
    @ParameterizedTest(name = "{0}x{1} . {1}x{2}")
    @CsvSource({"4,3,4", "7,3,4", "4,4,1", "8,5,4", "6,7,3", "5,3,1", "8,8,8", "1,3,4", "2,5,3", "3,9,2",
            "16,16,16", "12,5,9", "17,12,6", "9,7,17", "5,1,13", "33,65,31", "3,129,5", "70,40,20", "65,300,7"})
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
            Arrays.fill(m.data, Float.NaN);
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
