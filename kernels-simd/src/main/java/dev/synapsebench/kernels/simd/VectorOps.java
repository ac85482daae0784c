package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API code of the {@code simd} backend, on {@link SimdMatrix} (kept apart from {@link
 * SimdKernel} so that the kernel class loads, and reports itself unavailable, in a JVM started
 * without {@code jdk.incubator.vector}).
 *
 * <p>Products run over the output one vector at a time and accumulate with FMA over the inner
 * index in ascending order, so each vector is finished in registers and stored once; the fused
 * steps apply the sigmoid or the derivative factor before that store. The vectors' operands
 * depend on the output's layout ({@link SimdMatrix}):
 *
 * <ul>
 *   <li><b>wide</b> outputs (column stride a multiple of {@code L}): a vector is {@code L} rows
 *       of one column; the operand along the rows is a plain load, the other a broadcast scalar
 *       (classic column-major {@code axpy} form).</li>
 *   <li><b>narrow</b> outputs (column stride {@code s < L}): a vector holds {@code L/s} whole
 *       columns. The operand along the rows is a column of length {@code s} repeated per column
 *       (one load and a constant "tile" shuffle), the other has one value per column (a constant
 *       "spread" shuffle of a load where those values are adjacent, else a gather through the
 *       index maps the matrix keeps).</li>
 * </ul>
 *
 * <p>The weight update {@code c += aT·b} reads {@code a} and {@code b} along rows; its narrow
 * form gathers them, its wide form takes dot products of whole columns (reduction per element).
 * Nothing here allocates: vectors stay in registers once C2 has compiled the loops.
 */
final class VectorOps {

    /** The widest species the CPU runs natively (512 bits, 8 lanes on AVX-512). */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    /** {@code TILE[j]}: lane {@code l} takes lane {@code l % 2^j}, i.e. a column of {@code 2^j} rows repeated. */
    private static final VectorShuffle<Double>[] TILE = shuffles(true);
    /** {@code SPREAD[j]}: lane {@code l} takes lane {@code l / 2^j}, i.e. one value per column of {@code 2^j} rows. */
    private static final VectorShuffle<Double>[] SPREAD = shuffles(false);

    static {
        System.getLogger(SimdKernel.class.getName()).log(System.Logger.Level.INFO,
                "simd backend: DoubleVector species of " + SPECIES.vectorBitSize() + " bits, " + LANES + " lanes");
    }

    private VectorOps() {
    }

    static String speciesDescription() {
        return SPECIES.vectorBitSize() + "-bit DoubleVector, " + LANES + " lanes";
    }

    // ---- element-wise, over whole vectors of the padded layout (same shape, same layout) ----

    static void sigmoid(SimdMatrix m) {
        final double[] z = m.data;
        for (int i = 0; i < m.body; i += LANES) {
            sigmoid(DoubleVector.fromArray(SPECIES, z, i)).intoArray(z, i);
        }
    }

    static void outputDelta(SimdMatrix target, SimdMatrix output, SimdMatrix delta) {
        final double[] t = target.data, o = output.data, d = delta.data;
        for (int i = 0; i < delta.body; i += LANES) {
            DoubleVector out = DoubleVector.fromArray(SPECIES, o, i);
            DoubleVector.fromArray(SPECIES, t, i).sub(out).mul(derivative(out)).intoArray(d, i);
        }
    }

    static void scaleBySigmoidDerivative(SimdMatrix delta, SimdMatrix activation) {
        final double[] d = delta.data, a = activation.data;
        for (int i = 0; i < delta.body; i += LANES) {
            DoubleVector.fromArray(SPECIES, d, i).mul(derivative(DoubleVector.fromArray(SPECIES, a, i))).intoArray(d, i);
        }
    }

    // ---- out = a·b, optionally through the sigmoid (forwardLayer) ----

    static void multiply(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        if (out.strideLog2 >= 0) {
            multiplyNarrow(a, b, out, applySigmoid);
        } else {
            multiplyWide(a, b, out, applySigmoid);
        }
    }

    private static void multiplyNarrow(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        final int s = out.stride, perVector = LANES / s, inner = a.cols, sb = b.stride;
        final VectorShuffle<Double> tile = TILE[out.strideLog2];
        final int[] spreadB = b.spreadMaps[out.strideLog2];
        final double[] x = a.data, y = b.data, z = out.data;
        for (int v = 0, c0 = 0; v < out.body; v += LANES, c0 += perVector) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                // a(r, k) for the vector's rows, repeated per column; b(k, c) for each of its columns
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, k * s).rearrange(tile);
                DoubleVector bv = DoubleVector.fromArray(SPECIES, y, c0 * sb + k, spreadB, 0);
                acc = av.fma(bv, acc);
            }
            (applySigmoid ? sigmoid(acc) : acc).intoArray(z, v);
        }
    }

    private static void multiplyWide(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        final int s = out.stride, inner = a.cols, sb = b.stride;
        final double[] x = a.data, y = b.data, z = out.data;
        for (int c = 0; c < out.cols; c++) {
            for (int r0 = 0; r0 < s; r0 += LANES) {
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int k = 0; k < inner; k++) {
                    acc = DoubleVector.fromArray(SPECIES, x, k * s + r0)
                            .fma(DoubleVector.broadcast(SPECIES, y[c * sb + k]), acc);
                }
                (applySigmoid ? sigmoid(acc) : acc).intoArray(z, c * s + r0);
            }
        }
    }

    // ---- out = a·bT, optionally times a(1-a) of an activation (hiddenDelta) ----

    static void multiplyTransB(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
        if (out.strideLog2 >= 0) {
            multiplyTransBNarrow(a, b, out, derivativeOf);
        } else {
            multiplyTransBWide(a, b, out, derivativeOf);
        }
    }

    private static void multiplyTransBNarrow(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
        final int s = out.stride, perVector = LANES / s, inner = a.cols, sb = b.stride;
        final VectorShuffle<Double> tile = TILE[out.strideLog2];
        final VectorShuffle<Double> spread = SPREAD[out.strideLog2];
        final double[] x = a.data, y = b.data, z = out.data;
        for (int v = 0, c0 = 0; v < out.body; v += LANES, c0 += perVector) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int q = 0; q < inner; q++) {
                // a(r, q) repeated per column; b(c, q) for the vector's columns are adjacent in column q of b
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, q * s).rearrange(tile);
                DoubleVector bv = DoubleVector.fromArray(SPECIES, y, q * sb + c0).rearrange(spread);
                acc = av.fma(bv, acc);
            }
            finishTransB(acc, derivativeOf, z, v);
        }
    }

    private static void multiplyTransBWide(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
        final int s = out.stride, inner = a.cols, sb = b.stride;
        final double[] x = a.data, y = b.data, z = out.data;
        for (int c = 0; c < out.cols; c++) {
            for (int r0 = 0; r0 < s; r0 += LANES) {
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int q = 0; q < inner; q++) {
                    acc = DoubleVector.fromArray(SPECIES, x, q * s + r0)
                            .fma(DoubleVector.broadcast(SPECIES, y[q * sb + c]), acc);
                }
                finishTransB(acc, derivativeOf, z, c * s + r0);
            }
        }
    }

    private static void finishTransB(DoubleVector product, SimdMatrix derivativeOf, double[] z, int at) {
        if (derivativeOf != null) {
            product = product.mul(derivative(DoubleVector.fromArray(SPECIES, derivativeOf.data, at)));
        }
        product.intoArray(z, at);
    }

    // ---- c += aT·b, the product finished before it is added ----

    static void multiplyAddTransA(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        if (c.strideLog2 >= 0) {
            multiplyAddTransANarrow(a, b, c);
        } else {
            multiplyAddTransAWide(a, b, c);
        }
    }

    private static void multiplyAddTransANarrow(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int perVector = LANES / c.stride, inner = a.rows, sb = b.stride;
        final int[] tileA = a.tileMaps[c.strideLog2];
        final int[] spreadB = b.spreadMaps[c.strideLog2];
        final double[] x = a.data, y = b.data, z = c.data;
        for (int v = 0, c0 = 0; v < c.body; v += LANES, c0 += perVector) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int p = 0; p < inner; p++) {
                // row p of a (one value per row of c), repeated per column; row p of b, one value per column
                DoubleVector av = DoubleVector.fromArray(SPECIES, x, p, tileA, 0);
                DoubleVector bv = DoubleVector.fromArray(SPECIES, y, c0 * sb + p, spreadB, 0);
                acc = av.fma(bv, acc);
            }
            DoubleVector.fromArray(SPECIES, z, v).add(acc).intoArray(z, v);
        }
    }

    /** Wide {@code c}: each element a dot product of a column of {@code a} and one of {@code b}. */
    private static void multiplyAddTransAWide(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int inner = a.rows, sa = a.stride, sb = b.stride, s = c.stride;
        final double[] x = a.data, y = b.data, z = c.data;
        for (int j = 0; j < c.cols; j++) {
            for (int i = 0; i < c.rows; i++) {
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int p = 0; p < inner; p += LANES) {
                    VectorMask<Double> rows = SPECIES.indexInRange(p, inner);
                    acc = DoubleVector.fromArray(SPECIES, x, i * sa + p, rows)
                            .fma(DoubleVector.fromArray(SPECIES, y, j * sb + p, rows), acc);
                }
                z[j * s + i] += acc.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    // ---- lane-wise helpers (inlined: the vectors never leave registers) ----

    /** {@code 1 / (1 + exp(-x))} on every lane, exp from the vector math library. */
    private static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        return one.div(one.add(x.neg().lanewise(VectorOperators.EXP)));
    }

    /** {@code a * (1 - a)}. */
    private static DoubleVector derivative(DoubleVector a) {
        return a.mul(DoubleVector.broadcast(SPECIES, 1.0).sub(a));
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] shuffles(boolean tile) {
        int count = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Double>[] shuffles = new VectorShuffle[count];
        for (int j = 0; j < count; j++) {
            int span = 1 << j;
            shuffles[j] = VectorShuffle.fromOp(SPECIES, l -> tile ? l % span : l / span);
        }
        return shuffles;
    }
}
