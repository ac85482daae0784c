package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

import static dev.synapsebench.kernels.simd.Lanes.FOLDS;
import static dev.synapsebench.kernels.simd.Lanes.HALF;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.ROWS_FROM_TWO;
import static dev.synapsebench.kernels.simd.Lanes.ROW_OF_HALF;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;
import static dev.synapsebench.kernels.simd.Lanes.UPPER_HALF;

/**
 * {@code c += aT·b} for weights too narrow for {@link BlockedProducts}' tiles: columns shorter
 * than a vector (the tutorials' weights), or fewer columns than a tile (a network's single
 * output). The product is finished before it is added, as numpy computes {@code a.T.dot(b)}
 * before adding.
 *
 * <p>{@code a} and {@code b} are read along their rows, which are not contiguous: for half-vector
 * columns of {@code c} it is a sum of outer products, one row per example, the row of {@code a}
 * picked out of two loads by one two-vector shuffle (few examples) or built from broadcasts and
 * blends (more); gathers only for narrower columns (a gather of 8 doubles costs about 10 cycles on
 * the reference machine); for wide {@code c} with few columns, outer products of gathered rows
 * when there are at most {@link VectorOps#WIDE_OUTER_MAX_ROWS} examples, else dot products of
 * whole columns.
 */
final class NarrowUpdates {

    private NarrowUpdates() {
    }

    /**
     * Columns of half a vector in {@code c} (the tutorials' weights, 3 or 4 rows on 8 lanes):
     * outer products, one row {@code p} of {@code a} and {@code b} at a time, two vectors of
     * {@code c} sharing the row of {@code a}. Row {@code p} of {@code a} has one value per row of
     * {@code c}, a column stride of {@code a} apart, and is repeated per column of {@code c}; the
     * two values of {@code b} per vector are two broadcasts and a blend. How the row of {@code a}
     * is assembled depends on that stride (gathers would do it all, but a gather of 8 doubles
     * costs about 10 cycles on the reference machine, several times the loads and shuffles).
     */
    static void multiplyAddTransAHalves(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        VectorShuffle<Double> rows = a.strideLog2 >= 0 ? ROWS_FROM_TWO[a.strideLog2] : null;
        if (rows != null) {
            multiplyAddTransAHalvesShuffled(a, b, c, rows);
        } else {
            multiplyAddTransAHalvesBlended(a, b, c);
        }
    }

    /**
     * Few rows in {@code a} (at most half a vector: the tutorials' 4 examples): the row lies in
     * the two vectors loaded from {@code p} on, one two-vector shuffle picks it out.
     */
    private static void multiplyAddTransAHalvesShuffled(SimdMatrix a, SimdMatrix b, SimdMatrix c,
                                                        VectorShuffle<Double> rows) {
        final int inner = a.rows, sb = b.stride, cols = c.cols;
        final double[] x = a.data, y = b.data, z = c.data;
        int v = 0, c0 = 0;
        for (; v + LANES < c.body; v += 2 * LANES, c0 += 4) {
            DoubleVector acc0 = DoubleVector.zero(SPECIES), acc1 = acc0;
            for (int p = 0; p < inner; p++) {
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, p)
                        .rearrange(rows, DoubleVector.fromArray(SPECIES, x, p + LANES));
                int at = c0 * sb + p;
                acc0 = av.fma(DoubleVector.broadcast(SPECIES, y[at]).blend(y[at + sb], UPPER_HALF), acc0);
                acc1 = av.fma(DoubleVector.broadcast(SPECIES, y[at + 2 * sb]).blend(y[at + 3 * sb], UPPER_HALF), acc1);
            }
            DoubleVector.fromArray(SPECIES, z, v).add(acc0).intoArray(z, v);
            DoubleVector.fromArray(SPECIES, z, v + LANES).add(acc1).intoArray(z, v + LANES);
        }
        if (v < c.body) {
            // one or two columns left; with one, the upper half (padding) repeats it
            final int second = c0 + 1 < cols ? sb : 0;
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int p = 0; p < inner; p++) {
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, p)
                        .rearrange(rows, DoubleVector.fromArray(SPECIES, x, p + LANES));
                int at = c0 * sb + p;
                acc = av.fma(DoubleVector.broadcast(SPECIES, y[at]).blend(y[at + second], UPPER_HALF), acc);
            }
            DoubleVector.fromArray(SPECIES, z, v).add(acc).intoArray(z, v);
        }
    }

    /** More rows in {@code a} (columns of whole vectors): the row from broadcasts and blends. */
    private static void multiplyAddTransAHalvesBlended(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int inner = a.rows, sa = a.stride, sb = b.stride, cols = c.cols;
        final double[] x = a.data, y = b.data, z = c.data;
        int v = 0, c0 = 0;
        for (; v + LANES < c.body; v += 2 * LANES, c0 += 4) {
            DoubleVector acc0 = DoubleVector.zero(SPECIES), acc1 = acc0;
            for (int p = 0; p < inner; p++) {
                DoubleVector av = DoubleVector.broadcast(SPECIES, x[p]);
                for (int r = 1; r < HALF; r++) { // a constant trip count: unrolled by the JIT
                    av = av.blend(x[r * sa + p], ROW_OF_HALF[r]);
                }
                int at = c0 * sb + p;
                acc0 = av.fma(DoubleVector.broadcast(SPECIES, y[at]).blend(y[at + sb], UPPER_HALF), acc0);
                acc1 = av.fma(DoubleVector.broadcast(SPECIES, y[at + 2 * sb]).blend(y[at + 3 * sb], UPPER_HALF), acc1);
            }
            DoubleVector.fromArray(SPECIES, z, v).add(acc0).intoArray(z, v);
            DoubleVector.fromArray(SPECIES, z, v + LANES).add(acc1).intoArray(z, v + LANES);
        }
        if (v < c.body) {
            final int second = c0 + 1 < cols ? sb : 0;
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int p = 0; p < inner; p++) {
                DoubleVector av = DoubleVector.broadcast(SPECIES, x[p]);
                for (int r = 1; r < HALF; r++) {
                    av = av.blend(x[r * sa + p], ROW_OF_HALF[r]);
                }
                int at = c0 * sb + p;
                acc = av.fma(DoubleVector.broadcast(SPECIES, y[at]).blend(y[at + second], UPPER_HALF), acc);
            }
            DoubleVector.fromArray(SPECIES, z, v).add(acc).intoArray(z, v);
        }
    }

    /** Columns of at most a quarter vector in {@code c} (1 or 2 rows on 8 lanes): rows of {@code a} and {@code b} gathered. */
    static void multiplyAddTransANarrow(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int perVector = LANES / c.stride, inner = a.rows, sb = b.stride;
        final int[] tileA = a.tileMaps[c.strideLog2];
        final int[] spreadB = b.spreadMaps[c.strideLog2];
        final double[] x = a.data, y = b.data, z = c.data;
        for (int v = 0, c0 = 0; v < c.body; v += LANES, c0 += perVector) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int p = 0; p < inner; p++) {
                acc = DoubleVector.fromArray(SPECIES, x, p, tileA, 0)
                        .fma(DoubleVector.fromArray(SPECIES, y, c0 * sb + p, spreadB, 0), acc);
            }
            DoubleVector.fromArray(SPECIES, z, v).add(acc).intoArray(z, v);
        }
    }

    /**
     * Wide {@code c}, few rows of {@code a} and {@code b} (at most one vector's worth): outer
     * products as in the narrow form, {@code L} rows of {@code c} per vector, row {@code p} of
     * {@code a} gathered, {@code b(p, j)} broadcast.
     */
    static void multiplyAddTransAWideOuter(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int inner = a.rows, sa = a.stride, sb = b.stride, s = c.stride;
        final int[] rowOfA = a.spreadMaps[0];
        final double[] x = a.data, y = b.data, z = c.data;
        for (int j = 0; j < c.cols; j++) {
            for (int r0 = 0; r0 < s; r0 += LANES) {
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int p = 0; p < inner; p++) {
                    acc = DoubleVector.fromArray(SPECIES, x, r0 * sa + p, rowOfA, 0)
                            .fma(DoubleVector.broadcast(SPECIES, y[j * sb + p]), acc);
                }
                int at = j * s + r0;
                DoubleVector.fromArray(SPECIES, z, at).add(acc).intoArray(z, at);
            }
        }
    }

    /**
     * Wide {@code c}, many rows of {@code a} and {@code b}, few columns of {@code c} (a network's
     * single output): each element the dot product of a column of {@code a} and one of {@code
     * b}, both contiguous, then summed across the lanes; four elements of a column of {@code c}
     * at a time share the loads of {@code b} ({@link #addDots4}, else {@link #addDot}). The
     * vector code is in those two small methods: as one method, C1 gave up on it ("out of
     * virtual registers"), which left it in C1's first tier, never compiled by C2, boxing every
     * vector (7 KB per 8-16-1x16 step).
     */
    static void multiplyAddTransAWideDot(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int inner = a.rows, sa = a.stride, sb = b.stride, s = c.stride, rows = c.rows;
        for (int j = 0; j < c.cols; j++) {
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                addDots4(a.data, i * sa, sa, b.data, j * sb, inner, c.data, j * s + i);
            }
            for (; i < rows; i++) {
                addDot(a.data, i * sa, b.data, j * sb, inner, c.data, j * s + i);
            }
        }
    }

    /**
     * {@code z[at + q] += x[ai + q * sa ..] · y[bj ..]} over {@code inner} values, for q = 0..3:
     * whole vectors, then one masked tail (a mask made inside the loop is not hoisted, and boxed).
     */
    private static void addDots4(double[] x, int ai, int sa, double[] y, int bj, int inner, double[] z, int at) {
        final int whole = inner / LANES * LANES;
        DoubleVector acc0 = DoubleVector.zero(SPECIES), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (int p = 0; p < whole; p += LANES) {
            DoubleVector bv = DoubleVector.fromArray(SPECIES, y, bj + p);
            acc0 = DoubleVector.fromArray(SPECIES, x, ai + p).fma(bv, acc0);
            acc1 = DoubleVector.fromArray(SPECIES, x, ai + sa + p).fma(bv, acc1);
            acc2 = DoubleVector.fromArray(SPECIES, x, ai + 2 * sa + p).fma(bv, acc2);
            acc3 = DoubleVector.fromArray(SPECIES, x, ai + 3 * sa + p).fma(bv, acc3);
        }
        if (whole < inner) {
            VectorMask<Double> tail = SPECIES.indexInRange(whole, inner);
            DoubleVector bv = DoubleVector.fromArray(SPECIES, y, bj + whole, tail);
            acc0 = DoubleVector.fromArray(SPECIES, x, ai + whole, tail).fma(bv, acc0);
            acc1 = DoubleVector.fromArray(SPECIES, x, ai + sa + whole, tail).fma(bv, acc1);
            acc2 = DoubleVector.fromArray(SPECIES, x, ai + 2 * sa + whole, tail).fma(bv, acc2);
            acc3 = DoubleVector.fromArray(SPECIES, x, ai + 3 * sa + whole, tail).fma(bv, acc3);
        }
        for (VectorShuffle<Double> fold : FOLDS) { // the lane sums, in the same order in every JIT tier
            acc0 = acc0.add(acc0.rearrange(fold));
            acc1 = acc1.add(acc1.rearrange(fold));
            acc2 = acc2.add(acc2.rearrange(fold));
            acc3 = acc3.add(acc3.rearrange(fold));
        }
        z[at] += acc0.lane(0);
        z[at + 1] += acc1.lane(0);
        z[at + 2] += acc2.lane(0);
        z[at + 3] += acc3.lane(0);
    }

    /** {@code z[at] += x[ai ..] · y[bj ..]} over {@code inner} values, as {@link #addDots4}. */
    private static void addDot(double[] x, int ai, double[] y, int bj, int inner, double[] z, int at) {
        final int whole = inner / LANES * LANES;
        DoubleVector acc = DoubleVector.zero(SPECIES);
        for (int p = 0; p < whole; p += LANES) {
            acc = DoubleVector.fromArray(SPECIES, x, ai + p).fma(DoubleVector.fromArray(SPECIES, y, bj + p), acc);
        }
        if (whole < inner) {
            VectorMask<Double> tail = SPECIES.indexInRange(whole, inner);
            acc = DoubleVector.fromArray(SPECIES, x, ai + whole, tail).fma(DoubleVector.fromArray(SPECIES, y, bj + whole, tail), acc);
        }
        for (VectorShuffle<Double> fold : FOLDS) {
            acc = acc.add(acc.rearrange(fold));
        }
        z[at] += acc.lane(0);
    }
}
