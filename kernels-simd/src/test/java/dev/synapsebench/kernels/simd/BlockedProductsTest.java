package dev.synapsebench.kernels.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.synapsebench.kernels.simd.Lanes.HALF;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link BlockedProducts} computes every element as one FMA chain over the inner index, in order,
 * from zero: bit for bit {@code acc = Math.fma(a(i, p), b(p, j), acc)} for p = 0, 1, ... (the
 * update: that chain, then added to {@code c}). So the micro-tile's shape (4 x 6 vectors with 32
 * registers, 2 x 6 with 16: {@link BlockedProducts#TILE_VECTORS}), the inner blocks and the edge
 * tiles cannot change a bit, whichever machine runs it. Shapes: rows around the tile's and the
 * vector's multiples, 1 to 13 columns (around the tile's 6), inner lengths across
 * {@link BlockedProducts#INNER_BLOCK}. The epilogues (sigmoid, derivative) are the contract's.
 */
class BlockedProductsTest {

    private static final int TILE = Blocking.TILE_ROWS;
    private static final int[] ROWS = {HALF + 1, LANES, 2 * LANES + 3, TILE, TILE + LANES, 3 * TILE - 1};
    private static final int[] COLS = {1, 2, 5, 6, 7, 12, 13};
    /** Inner lengths on both sides of every threshold and block of {@link Blocking}'s row for this machine. */
    private static final int[] INNER = {1, 7, Math.max(1, Blocking.PACKED_MIN_INNER - 1), Blocking.PACKED_MIN_INNER + 1,
            Blocking.PACKED_INNER_BLOCK + 1, 2 * Blocking.PACKED_INNER_BLOCK, Blocking.INNER_BLOCK, Blocking.INNER_BLOCK + 1,
            600};

    private final SplittableRandom random = new SplittableRandom(20261203);

    @Test
    void productIsOneFmaChainPerElement() {
        products(false);
    }

    @Test
    void productWithTheTransposeIsOneFmaChainPerElement() {
        products(true);
    }

    /** {@code a·b}, or {@code a·bT} with {@code b} read in place through its strides. */
    private void products(boolean transposed) {
        for (int rows : ROWS) {
            for (int cols : COLS) {
                for (int inner : INNER) {
                    SimdMatrix a = filled(rows, inner);
                    SimdMatrix b = transposed ? filled(cols, inner) : filled(inner, cols); // B(p, j) = b(j, p) or b(p, j)
                    SimdMatrix out = new SimdMatrix(rows, cols);
                    BlockedProducts.product(a, b.data, transposed ? 1 : b.stride, transposed ? b.stride : 1, out,
                            TileEpilogue.PLAIN, null);
                    for (int j = 0; j < cols; j++) {
                        for (int i = 0; i < rows; i++) {
                            double acc = 0.0;
                            for (int p = 0; p < inner; p++) {
                                acc = Math.fma(at(a, i, p), transposed ? at(b, j, p) : at(b, p, j), acc);
                            }
                            same(acc, at(out, i, j), transposed ? "a·bT" : "a·b", rows, cols, inner, i, j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void updateAddsOneFmaChainPerElement() {
        for (int rows : ROWS) { // rows of c: columns of a
            for (int cols : COLS) {
                for (int examples : INNER) {
                    SimdMatrix a = filled(examples, rows);
                    SimdMatrix b = filled(examples, cols);
                    SimdMatrix c = filled(rows, cols);
                    double[] before = c.data.clone();
                    BlockedProducts.addTransAProduct(a, b, c);
                    for (int j = 0; j < cols; j++) {
                        for (int i = 0; i < rows; i++) {
                            double acc = 0.0;
                            for (int p = 0; p < examples; p++) {
                                acc = Math.fma(at(a, p, i), at(b, p, j), acc);
                            }
                            same(before[j * c.stride + i] + acc, at(c, i, j), "c += aT·b", rows, cols, examples, i, j);
                        }
                    }
                }
            }
        }
    }

    private SimdMatrix filled(int rows, int cols) {
        SimdMatrix m = new SimdMatrix(rows, cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                m.data[j * m.stride + i] = random.nextDouble(-1, 1);
            }
        }
        return m;
    }

    private static double at(SimdMatrix m, int i, int j) {
        return m.data[j * m.stride + i];
    }

    private static void same(double expected, double actual, String what, int rows, int cols, int inner, int i, int j) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            fail(String.format("%s, %d rows x %d columns, inner %d (tile %d x %d): element (%d, %d) is %s, the FMA "
                            + "chain gives %s", what, rows, cols, inner, Blocking.TILE_ROWS, Blocking.TILE_COLS,
                    i, j, actual, expected));
        }
    }
}
