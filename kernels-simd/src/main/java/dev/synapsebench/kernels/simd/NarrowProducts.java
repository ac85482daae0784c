package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

import static dev.synapsebench.kernels.simd.Lanes.HALF;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.REPEAT;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;
import static dev.synapsebench.kernels.simd.Lanes.SPREAD;
import static dev.synapsebench.kernels.simd.Lanes.UPPER_HALF;

/**
 * {@code out = a·b} and {@code out = a·bT} for outputs with columns shorter than a vector: the
 * tutorials' layouts ({@link VectorOps} sends wider outputs to {@link BlockedProducts}). A vector
 * holds several columns:
 *
 * <ul>
 *   <li><b>half-vector</b> columns (stride {@code L/2}: 3 or 4 rows on 8 lanes, the tutorials'
 *       4 examples and their weights): a vector holds two columns. The operand along the rows is
 *       a column repeated twice (a load and a constant "repeat" shuffle); the other has one value
 *       per column: two broadcasts and a blend, or a constant "spread" shuffle of one load where
 *       the two values are adjacent.</li>
 *   <li><b>narrower</b> columns (1 or 2 rows on 8 lanes): as above with more columns per
 *       vector, the per-column values gathered through index maps the matrix keeps.</li>
 * </ul>
 *
 * <p>Each output vector accumulates with FMA over the inner index in ascending order, is finished
 * in registers and stored once; the sigmoid or the derivative factor is applied before or right
 * after that store.
 */
final class NarrowProducts {

    private NarrowProducts() {
    }

    /**
     * Columns of half a vector (3 or 4 rows on 8 lanes: the tutorials' 4 examples), two output
     * vectors at a time: they share the repeated column of {@code a}; the two values of {@code b}
     * per vector are two broadcasts and a blend. A last vector holding one column needs no
     * shuffle at all: its rows are a plain load of {@code a}, {@code b} one broadcast value.
     */
    static void multiplyHalves(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        final int s = HALF, inner = a.cols, sb = b.stride;
        final VectorShuffle<Double> repeat = REPEAT[out.strideLog2];
        final double[] x = a.data, y = b.data, z = out.data;
        int v = 0, c0 = 0;
        for (; v + LANES < out.body; v += 2 * LANES, c0 += 4) {
            DoubleVector acc0 = DoubleVector.zero(SPECIES), acc1 = acc0;
            for (int k = 0; k < inner; k++) {
                // a(r, k) for the vectors' rows, repeated per column; b(k, c) for each of their columns
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, k * s).rearrange(repeat);
                int at = c0 * sb + k;
                acc0 = av.fma(DoubleVector.broadcast(SPECIES, y[at]).blend(y[at + sb], UPPER_HALF), acc0);
                acc1 = av.fma(DoubleVector.broadcast(SPECIES, y[at + 2 * sb]).blend(y[at + 3 * sb], UPPER_HALF), acc1);
            }
            acc0.intoArray(z, v);
            acc1.intoArray(z, v + LANES);
            if (applySigmoid) { // on the stored vectors, so that no vector crosses a call
                VectorSigmoid.sigmoidInPlace(z, v, v + 2 * LANES);
            }
        }
        if (v < out.body && c0 == out.cols - 1) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                acc = DoubleVector.fromArray(SPECIES, x, k * s).fma(DoubleVector.broadcast(SPECIES, y[c0 * sb + k]), acc);
            }
            acc.intoArray(z, v);
            if (applySigmoid) {
                VectorSigmoid.sigmoidInPlace(z, v, v + LANES);
            }
        } else if (v < out.body) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                int at = c0 * sb + k;
                acc = DoubleVector.fromArray(SPECIES, x, k * s).rearrange(repeat)
                        .fma(DoubleVector.broadcast(SPECIES, y[at]).blend(y[at + sb], UPPER_HALF), acc);
            }
            acc.intoArray(z, v);
            if (applySigmoid) {
                VectorSigmoid.sigmoidInPlace(z, v, v + LANES);
            }
        }
    }

    /** Columns of at most a quarter vector (1 or 2 rows on 8 lanes): {@code b}'s values per column gathered. */
    static void multiplyNarrow(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        final int s = out.stride, perVector = LANES / s, inner = a.cols, sb = b.stride;
        final VectorShuffle<Double> repeat = REPEAT[out.strideLog2];
        final int[] spreadB = b.spreadMaps[out.strideLog2];
        final double[] x = a.data, y = b.data, z = out.data;
        for (int v = 0, c0 = 0; v < out.body; v += LANES, c0 += perVector) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                acc = DoubleVector.fromArray(SPECIES, x, k * s).rearrange(repeat)
                        .fma(DoubleVector.fromArray(SPECIES, y, c0 * sb + k, spreadB, 0), acc);
            }
            acc.intoArray(z, v);
            if (applySigmoid) {
                VectorSigmoid.sigmoidInPlace(z, v, v + LANES);
            }
        }
    }

    /** As {@link #multiplyNarrow}; here the values of {@code b} per column are adjacent, a constant spread. */
    static void multiplyTransBNarrow(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
        final int s = out.stride, perVector = LANES / s, inner = a.cols, sb = b.stride;
        final VectorShuffle<Double> repeat = REPEAT[out.strideLog2];
        final VectorShuffle<Double> spread = SPREAD[out.strideLog2];
        final double[] x = a.data, y = b.data, z = out.data;
        final double[] act = derivativeOf == null ? null : derivativeOf.data;
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int v = 0, c0 = 0;
        for (; v + LANES < out.body; v += 2 * LANES, c0 += 2 * perVector) {
            DoubleVector acc0 = DoubleVector.zero(SPECIES), acc1 = acc0;
            for (int q = 0; q < inner; q++) {
                // a(r, q) repeated per column; b(c, q) for the vectors' columns, adjacent in column q of b
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, q * s).rearrange(repeat);
                acc0 = av.fma(DoubleVector.fromArray(SPECIES, y, q * sb + c0).rearrange(spread), acc0);
                acc1 = av.fma(DoubleVector.fromArray(SPECIES, y, q * sb + c0 + perVector).rearrange(spread), acc1);
            }
            if (act != null) { // times a * (1 - a)
                DoubleVector a0 = DoubleVector.fromArray(SPECIES, act, v);
                DoubleVector a1 = DoubleVector.fromArray(SPECIES, act, v + LANES);
                acc0 = acc0.mul(a0.mul(one.sub(a0)));
                acc1 = acc1.mul(a1.mul(one.sub(a1)));
            }
            acc0.intoArray(z, v);
            acc1.intoArray(z, v + LANES);
        }
        if (v < out.body) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            if (c0 == out.cols - 1) {
                for (int q = 0; q < inner; q++) {
                    acc = DoubleVector.fromArray(SPECIES, x, q * s)
                            .fma(DoubleVector.broadcast(SPECIES, y[q * sb + c0]), acc);
                }
            } else {
                for (int q = 0; q < inner; q++) {
                    acc = DoubleVector.fromArray(SPECIES, x, q * s).rearrange(repeat)
                            .fma(DoubleVector.fromArray(SPECIES, y, q * sb + c0).rearrange(spread), acc);
                }
            }
            if (act != null) {
                DoubleVector av = DoubleVector.fromArray(SPECIES, act, v);
                acc = acc.mul(av.mul(one.sub(av)));
            }
            acc.intoArray(z, v);
        }
    }
}
