package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API code of the {@code simd} backend, on {@link SimdMatrix} (kept apart from {@link
 * SimdKernel} so that the kernel class loads, and reports itself unavailable, in a JVM started
 * without {@code jdk.incubator.vector}).
 *
 * <p>One species for everything: {@link DoubleVector#SPECIES_PREFERRED} (512 bits, 8 lanes on the
 * reference AVX-512 machine). The tutorials' matrices are smaller than that, so instead of
 * switching to narrower vectors the layout packs several short columns into one vector (see
 * {@link SimdMatrix}): the 4x4 hidden layer of a 4-example set is two full vectors, one EXP call
 * each, and the code stays the same at every size. Element-wise operations run over whole
 * vectors of the padded layout, so there are no tails; the products' only tails are masks in
 * the dot products of the wide weight update.
 *
 * <p>Products whose output has whole-vector columns (8 rows or more on 8 lanes: the sweep's sizes)
 * go to {@link BlockedProducts}, register-blocked tiles; the forms below are for the narrow
 * layouts of the tutorials' sizes and for updates with few columns.
 *
 * <p>Products run over the output one vector at a time (two or four at once where they share an
 * operand) and accumulate with FMA over the inner index in ascending order, so each vector is
 * finished in registers and stored once; the fused steps apply the sigmoid or the derivative
 * factor before that store. The vectors' operands depend on the output's layout:
 *
 * <ul>
 *   <li><b>wide</b> outputs (column stride a multiple of {@code L}): a vector is {@code L} rows
 *       of one column; the operand along the rows is a plain load, the other a broadcast scalar
 *       (the classic column-major form), in {@link BlockedProducts}' 32x6 tiles.</li>
 *   <li><b>half-vector</b> columns (stride {@code L/2}: 3 or 4 rows on 8 lanes, the tutorials'
 *       4 examples and their weights): a vector holds two columns. The operand along the rows is
 *       a column repeated twice (a load and a constant "repeat" shuffle); the other has one value
 *       per column: two broadcasts and a blend, or a constant "spread" shuffle of one load where
 *       the two values are adjacent.</li>
 *   <li><b>narrower</b> columns (1 or 2 rows on 8 lanes): as above with more columns per
 *       vector, the per-column values gathered through index maps the matrix keeps.</li>
 * </ul>
 *
 * <p>The weight update {@code c += aT·b} reads {@code a} and {@code b} along their rows, which
 * are not contiguous: for half-vector columns of {@code c} it is a sum of outer products, one
 * row per example, the row of {@code a} picked out of two loads by one two-vector shuffle (few
 * examples) or built from broadcasts and blends (more); gathers only for narrower columns (a
 * gather of 8 doubles costs about 10 cycles on the reference machine); for wide {@code c} with
 * at least {@link #BLOCKED_UPDATE_MIN_COLS} columns, {@link BlockedProducts}' tiles on a
 * transposed copy of {@code a}; with fewer, outer products of gathered rows when there are at most
 * {@code L} examples ({@link #WIDE_OUTER_MAX_ROWS}), else dot products of whole columns.
 *
 * <p>Nothing here allocates once C2 has compiled the loops: every vector lives inside one method,
 * so it stays in registers. That is why the sigmoid and {@code a(1-a)} are written out in each
 * loop instead of in helper methods taking and returning vectors: a helper that C2 declines to
 * inline (for instance because it was compiled on its own first) would box its vectors on every
 * call.
 */
final class VectorOps {

    /** The widest species the CPU runs natively (512 bits, 8 lanes on AVX-512). */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    /** {@code REPEAT[j]}: lane {@code l} takes lane {@code l % 2^j}, i.e. a column of {@code 2^j} rows repeated. */
    private static final VectorShuffle<Double>[] REPEAT = shuffles(true);
    /** {@code SPREAD[j]}: lane {@code l} takes lane {@code l / 2^j}, i.e. one value per column of {@code 2^j} rows. */
    private static final VectorShuffle<Double>[] SPREAD = shuffles(false);
    /** Half the lane count: the column stride of 3- and 4-row matrices on 8 lanes. */
    static final int HALF = LANES / 2;
    /** Lanes {@code L/2 .. L-1}: the second of two columns in a vector of half-vector columns. */
    static final VectorMask<Double> UPPER_HALF = VectorMask.fromLong(SPECIES, -1L << (LANES / 2));
    /**
     * Lane {@code l} takes lane {@code l % HALF}: a half-vector column repeated in both halves (the
     * shuffle of {@code REPEAT[log2 HALF]}, as a field of its own for {@link FusedStep}).
     */
    static final VectorShuffle<Double> REPEAT_HALF = VectorShuffle.fromOp(SPECIES, l -> l % Math.max(HALF, 1));
    /** {@code ROW_OF_HALF[r]}: lanes {@code l} with {@code l % HALF == r}, row {@code r} of each half-vector column. */
    private static final VectorMask<Double>[] ROW_OF_HALF = rowMasks();
    /**
     * {@code ROWS_FROM_TWO[j]}: from two consecutive vectors of a matrix with column stride
     * {@code 2^j}, the first element of each of {@code L/2} columns, repeated twice (row {@code p}
     * of a narrow matrix laid out for a half-vector-column product); null where those elements
     * span more than two vectors.
     */
    private static final VectorShuffle<Double>[] ROWS_FROM_TWO = rowShuffles();

    /**
     * {@code FOLDS[j]}: lane {@code l} takes lane {@code l ^ (L >> (j + 1))}. Adding a vector to
     * itself so shuffled, for each j in turn, leaves the sum of its lanes in every lane, in one fixed
     * order (halves, then quarters, ...). The Vector API's {@code reduceLanes(ADD)} leaves the order
     * to the implementation: sequential in the interpreter and C1, a tree in C2, so its last bit
     * would depend on the JIT tier.
     */
    private static final VectorShuffle<Double>[] FOLDS = foldShuffles();
    /**
     * Wide {@code c += aT·b}: up to this many rows of {@code a} (examples), outer products of
     * gathered rows of {@code a} ({@link #multiplyAddTransAWideOuter}); beyond, dot products of
     * whole columns ({@link #multiplyAddTransAWideDot}). The dot form pays a lane-wide reduction
     * per element of {@code c}, which costs more than a gather per row up to about one vector's
     * worth of rows.
     */
    private static final int WIDE_OUTER_MAX_ROWS = LANES;
    /**
     * Wide {@code c += aT·b} with at least this many columns: {@link BlockedProducts}' register
     * tiles, after copying {@code a} transposed (N x K values for N x K x M multiply-adds: 1/M
     * of the work). With fewer columns (a network's single output) that copy would cost as much
     * as the product itself, and the outer or dot forms below read {@code a} in place.
     */
    private static final int BLOCKED_UPDATE_MIN_COLS = BlockedProducts.TILE_COLS;

    private VectorOps() {
    }

    static String speciesDescription() {
        return SPECIES.vectorBitSize() + "-bit DoubleVector, " + LANES + " lanes";
    }

    // ---- element-wise, over whole vectors of the padded layout (same shape, same layout) ----

    static void sigmoid(SimdMatrix m) {
        VectorSigmoid.sigmoidInPlace(m.data, 0, m.body);
    }

    /** {@code (t - o) * (o * (1 - o))}, in numpy's order (no FMA: identical to the scalar kernel). */
    static void outputDelta(SimdMatrix target, SimdMatrix output, SimdMatrix delta) {
        final double[] t = target.data, o = output.data, d = delta.data;
        for (int i = 0; i < delta.body; i += LANES) {
            outputDeltaVector(t, o, d, i);
        }
    }

    /**
     * One vector of {@link #outputDelta}, a method of its own because the training step calls
     * {@code outputDelta} once: at a few ms per step, C2 would compile a loop written inline
     * only seconds into a run, and until then C1's code boxes every vector (37 KB per
     * 128-512-1x512 step). Called once per vector, this is compiled within a few steps, and
     * inlined again once the loop is.
     */
    private static void outputDeltaVector(double[] t, double[] o, double[] d, int i) {
        DoubleVector out = DoubleVector.fromArray(SPECIES, o, i);
        DoubleVector.fromArray(SPECIES, t, i).sub(out).mul(out.mul(DoubleVector.broadcast(SPECIES, 1.0).sub(out)))
                .intoArray(d, i);
    }

    static void scaleBySigmoidDerivative(SimdMatrix delta, SimdMatrix activation) {
        final double[] d = delta.data, a = activation.data;
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int i = 0; i < delta.body; i += LANES) {
            DoubleVector act = DoubleVector.fromArray(SPECIES, a, i);
            DoubleVector.fromArray(SPECIES, d, i).mul(act.mul(one.sub(act))).intoArray(d, i);
        }
    }

    // ---- out = a·b, optionally through the sigmoid (forwardLayer) ----

    static void multiply(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        if (out.stride == HALF) {
            multiplyHalves(a, b, out, applySigmoid);
        } else if (out.stride < HALF) {
            multiplyNarrow(a, b, out, applySigmoid);
        } else {
            BlockedProducts.product(a, b.data, b.stride, 1, out, // b(k, c) at c * stride + k
                    applySigmoid ? BlockedProducts.SIGMOID : BlockedProducts.PLAIN, null);
        }
    }

    /**
     * Columns of half a vector (3 or 4 rows on 8 lanes: the tutorials' 4 examples), two output
     * vectors at a time: they share the repeated column of {@code a}; the two values of {@code b}
     * per vector are two broadcasts and a blend. A last vector holding one column needs no
     * shuffle at all: its rows are a plain load of {@code a}, {@code b} one broadcast value.
     */
    private static void multiplyHalves(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
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
    private static void multiplyNarrow(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
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

    // ---- out = a·bT, optionally times a(1-a) of an activation (hiddenDelta) ----

    static void multiplyTransB(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
        if (out.strideLog2 >= 0) {
            multiplyTransBNarrow(a, b, out, derivativeOf);
        } else {
            BlockedProducts.product(a, b.data, 1, b.stride, out, // bT(q, c) = b(c, q) at q * stride + c
                    derivativeOf == null ? BlockedProducts.PLAIN : BlockedProducts.DERIVATIVE,
                    derivativeOf == null ? null : derivativeOf.data);
        }
    }

    /** As {@link #multiplyNarrow}; here the values of {@code b} per column are adjacent, a constant spread. */
    private static void multiplyTransBNarrow(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
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

    // ---- c += aT·b, the product finished before it is added ----

    static void multiplyAddTransA(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        if (c.stride == HALF) {
            multiplyAddTransAHalves(a, b, c);
        } else if (c.stride < HALF) {
            multiplyAddTransANarrow(a, b, c);
        } else if (c.cols >= BLOCKED_UPDATE_MIN_COLS) {
            BlockedProducts.addTransAProduct(a, b, c);
        } else if (a.rows <= WIDE_OUTER_MAX_ROWS) {
            multiplyAddTransAWideOuter(a, b, c);
        } else {
            multiplyAddTransAWideDot(a, b, c);
        }
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
    private static void multiplyAddTransAHalves(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
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
    private static void multiplyAddTransANarrow(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
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
    private static void multiplyAddTransAWideOuter(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
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
    private static void multiplyAddTransAWideDot(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
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

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
    private static VectorShuffle<Double>[] foldShuffles() {
        int count = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Double>[] shuffles = new VectorShuffle[count];
        for (int j = 0; j < count; j++) {
            int distance = LANES >> (j + 1);
            shuffles[j] = VectorShuffle.fromOp(SPECIES, l -> l ^ distance);
        }
        return shuffles;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
    private static VectorShuffle<Double>[] rowShuffles() {
        int count = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Double>[] shuffles = new VectorShuffle[count];
        for (int j = 0; j < count; j++) {
            int stride = 1 << j;
            if ((HALF - 1) * stride < 2 * LANES) {
                // rearrange(s, v): indexes below 0 take lane (index + L) of the second vector
                shuffles[j] = VectorShuffle.fromOp(SPECIES, l -> {
                    int at = (l % Math.max(HALF, 1)) * stride;
                    return at < LANES ? at : at - 2 * LANES;
                });
            }
        }
        return shuffles;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double masks only
    private static VectorMask<Double>[] rowMasks() {
        VectorMask<Double>[] masks = new VectorMask[Math.max(HALF, 1)];
        for (int r = 0; r < masks.length; r++) {
            long bits = 0;
            for (int l = 0; l < LANES; l++) {
                if (l % masks.length == r) {
                    bits |= 1L << l;
                }
            }
            masks[r] = VectorMask.fromLong(SPECIES, bits);
        }
        return masks;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
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
