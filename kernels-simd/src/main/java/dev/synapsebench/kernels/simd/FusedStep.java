package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

import java.util.List;

import static dev.synapsebench.kernels.simd.Lanes.HALF;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;
import static dev.synapsebench.kernels.simd.Lanes.REPEAT_HALF;
import static dev.synapsebench.kernels.simd.Lanes.ROWS_FROM_TWO;
import static dev.synapsebench.kernels.simd.Lanes.ROW_OF_HALF;
import static dev.synapsebench.kernels.simd.Lanes.UPPER_HALF;

/**
 * A whole training step of a small network, for {@link SimdKernel#trainingStep}. At the
 * tutorials' sizes the per-operation path (the SPI's default passes over {@link VectorOps}) spends
 * about a third of a step passing data between six calls through memory, on list look-ups and
 * layout dispatch; here the step runs as one method per network shape.
 *
 * <p><b>When it applies</b> ({@link #applies}): one or two layers ({@link #MAX_LAYERS}), at most
 * {@code L} examples ({@link #MAX_EXAMPLES}; {@code L} = {@link Lanes#LANES}, 8 on AVX-512)
 * and at most {@code L} units in every layer, inputs included ({@link #MAX_UNITS}); deeper or
 * larger networks take the per-operation path. Within that, by {@link SimdMatrix}'s column layout
 * (on 8 lanes):
 * <ul>
 *   <li><b>two layers, one output, at most 4 hidden units, 3-4 inputs</b> ({@link
 *       #REGISTER_OUTPUTS}, {@link #REGISTER_HIDDEN_UNITS}): the whole step in one
 *       method with every intermediate in registers, {@link #twoLayersInRegisters} for 3-4
 *       examples (two hidden columns per register, the xor-3layer shape) and {@link
 *       #twoLayersColumnsInRegisters} for 5-8 (a register per hidden column, the multi-layer shape).
 *       One method because C2 keeps a vector in a register only within one compiled method;
 *       split into phase methods, each would have to store and reload them.</li>
 *   <li><b>anything else that applies</b> (one layer; more outputs, hidden units or inputs; 1-2
 *       examples): {@link VectorOps}' products in one straight sequence, with the output layer,
 *       its sigmoid and the output delta fused in {@link #outputLayer}.</li>
 * </ul>
 * The register paths are written for 8 lanes ({@link #TWO_REGISTERS_FIT_LANES}, {@link
 * #HIDDEN_COLUMNS_FIT_LANES}); on 16 (the float32 twin on AVX-512) every network that applies, up
 * to 16 examples and 16 units per layer, takes the straight sequence.
 * An output column (and its targets and delta) is one vector, lane {@code p} = example {@code p},
 * loaded from the column's start whatever the column stride: lanes past the examples hold the
 * next columns or padding, which only flow into lanes past the examples again (element-wise and
 * broadcast-times-column arithmetic never mixes lanes). Columns are written the same way, whole
 * vectors in ascending column order, so each write's spill into the next column's slots is
 * overwritten by that column's own write ({@link SimdMatrix} keeps a vector of slack past its
 * last column, so the last write stays inside the array). The register paths likewise compute
 * the unused hidden registers (fewer than 4 units) on the weights' padding, and write their
 * lanes only to padding.
 *
 * <p><b>Results</b>: the per-operation path's, bit for bit when both run the same kind of code:
 * the same FMA chains in the same order from zero, the same sigmoid and delta expressions, the
 * weight updates as outer products over the examples in ascending order, finished before they
 * are added (checked by {@code FusedStepTest}, bit-exact under {@code -Xint}). In a warming JVM
 * one path may run C2's SVML {@code EXP} while the other still runs the Java fallback, which may
 * differ in the last bit.
 *
 * <p>Measured (rough: shared 2-core AVX-512 machine, alternating 10^6-step blocks in one JVM,
 * best of 9): 3-1 single-neuron 33 ns fused vs 37 per-operation, 3-4-1 xor-3layer 64 vs 96,
 * 3-4-1 multi-layer 90 vs 116.
 */
final class FusedStep {

    // SPECIES, LANES, HALF (the column stride of 3-4 rows on 8 lanes, two columns per vector),
    // UPPER_HALF (the second of those two columns) and REPEAT_HALF (a half-vector column repeated
    // in both halves): VectorOps' own, statically imported.

    /** Layers {@link #applies} takes: one, or a hidden and an output layer (the shapes written out below). */
    private static final int MAX_LAYERS = 2;
    /** Examples {@link #applies} takes: an output column (and its targets and delta) is one vector, lane {@code p} = example {@code p}. */
    private static final int MAX_EXAMPLES = LANES;
    /**
     * Units per layer, inputs included, that {@link #applies} takes ({@code w.rows} and {@code
     * w.cols} of every layer): the small networks the fused step is for; larger layers take the
     * per-operation path.
     */
    private static final int MAX_UNITS = LANES;
    /**
     * Hidden units the register paths hold: {@code h01}/{@code h23} (two columns each) in {@link
     * #twoLayersInRegisters}, {@code h0..h3} in {@link #twoLayersColumnsInRegisters}, written out;
     * fewer units compute the missing columns on the weights' zero padding.
     */
    private static final int REGISTER_HIDDEN_UNITS = 4;
    /** Output columns the register paths compute: the output and its delta are one register each. */
    private static final int REGISTER_OUTPUTS = 1;
    /**
     * Whether this lane count runs {@link #twoLayersInRegisters}: its weight update puts one row of
     * all four hidden columns in one register ({@link #ROW_OF_FOUR}), which needs at least 4 lanes,
     * and picks a row of the inputs (up to {@code HALF} columns of stride {@code HALF}: {@code
     * HALF * HALF} values from the row's first) out of two vectors ({@link #ROW_FROM_TWO}), which
     * needs {@code HALF * HALF <= 2L}: true up to 8 lanes (float64 on AVX-512), false on 16 (its
     * float32 twin), where those shapes take the general path.
     */
    private static final boolean TWO_REGISTERS_FIT_LANES = HALF >= 2 && HALF * HALF <= 2 * LANES;
    /**
     * Whether this lane count runs {@link #twoLayersColumnsInRegisters}: it builds rows with {@link
     * Lanes#ROW_OF_HALF} (period {@code HALF}, here 4) and adds them to first weights of column stride {@code HALF}, so
     * {@code HALF} must be 4 (8 lanes).
     */
    private static final boolean HIDDEN_COLUMNS_FIT_LANES = HALF == 4;

    /** Lane {@code l} takes lane {@code (l + HALF) % L}: the second column of a vector moved to the first half. */
    private static final VectorShuffle<Double> SECOND_COLUMN = VectorShuffle.fromOp(SPECIES, l -> (l + HALF) % LANES);
    /**
     * From two consecutive vectors of a stride-{@code HALF} matrix loaded at row {@code p}: lane
     * {@code l} takes row {@code p} of column {@code l % HALF} ({@link Lanes#ROWS_FROM_TWO} for that
     * stride); null where those columns span more than two vectors ({@link #TWO_REGISTERS_FIT_LANES}).
     */
    private static final VectorShuffle<Double> ROW_FROM_TWO = TWO_REGISTERS_FIT_LANES
            ? ROWS_FROM_TWO[Integer.numberOfTrailingZeros(HALF)] : null;
    /** {@code ROW_OF_FOUR[p]}: as {@link #ROW_FROM_TWO} on two registers holding columns 0-1 and 2-3, at row {@code p}. */
    private static final VectorShuffle<Double>[] ROW_OF_FOUR = perRow(p -> VectorShuffle.fromOp(SPECIES, l -> {
        int column = l % 4;
        int lane = (column % 2) * HALF + p;
        return column < 2 ? lane : lane - LANES;
    }));
    /** {@code ROW_PAIR[p]}: the first half takes lane {@code p}, the second lane {@code HALF + p}: row {@code p} of each of two columns. */
    private static final VectorShuffle<Double>[] ROW_PAIR = perRow(p -> VectorShuffle.fromOp(SPECIES,
            l -> l < HALF ? p : HALF + p));

    private FusedStep() {
    }

    /** Whether {@link #trainingStep} handles this network: at most two layers, {@code L} examples and {@code L} units per layer. */
    static boolean applies(SimdMatrix inputs, List<SimdMatrix> weights) {
        int layers = weights.size();
        if (layers < 1 || layers > MAX_LAYERS || inputs.rows > MAX_EXAMPLES) {
            return false;
        }
        for (int l = 0; l < layers; l++) {
            SimdMatrix w = weights.get(l);
            if (w.rows > MAX_UNITS || w.cols > MAX_UNITS) {
                return false;
            }
        }
        return true;
    }

    /** One training step; the caller has checked {@link #applies}. */
    static void trainingStep(SimdMatrix inputs, SimdMatrix targets, List<SimdMatrix> weights,
                             List<SimdMatrix> activations, List<SimdMatrix> deltas) {
        if (weights.size() == 2 && fitsHiddenColumns(inputs, weights)) {
            twoLayersColumnsInRegisters(inputs, targets, weights.get(0), weights.get(1), activations.get(0),
                    activations.get(1), deltas.get(0), deltas.get(1));
        } else if (weights.size() == 2 && fitsTwoRegisters(inputs, weights)) {
            twoLayersInRegisters(inputs, targets, weights.get(0), weights.get(1), activations.get(0),
                    activations.get(1), deltas.get(0), deltas.get(1));
        } else if (weights.size() == 1) {
            SimdMatrix w = weights.get(0), out = activations.get(0), delta = deltas.get(0);
            outputLayer(inputs, w, targets, out, delta);
            VectorOps.multiplyAddTransA(inputs, delta, w);
        } else {
            SimdMatrix w0 = weights.get(0), w1 = weights.get(1);
            SimdMatrix hidden = activations.get(0), out = activations.get(1);
            SimdMatrix hiddenDelta = deltas.get(0), outDelta = deltas.get(1);
            VectorOps.multiply(inputs, w0, hidden, true);
            outputLayer(hidden, w1, targets, out, outDelta);
            VectorOps.multiplyTransB(outDelta, w1, hiddenDelta, hidden);
            VectorOps.multiplyAddTransA(hidden, outDelta, w1);
            VectorOps.multiplyAddTransA(inputs, hiddenDelta, w0);
        }
    }

    /** {@code out = sigmoid(in·w)} and {@code delta = (target - out) * (out * (1 - out))}, the activation kept in a register. */
    private static void outputLayer(SimdMatrix in, SimdMatrix w, SimdMatrix target, SimdMatrix out, SimdMatrix delta) {
        final double[] x = in.data, y = w.data, t = target.data, z = out.data, d = delta.data;
        final int sx = in.stride, sw = w.stride, sz = out.stride, inner = in.cols;
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int j = 0; j < out.cols; j++) {
            DoubleVector acc = DoubleVector.zero(SPECIES);
            for (int k = 0; k < inner; k++) {
                acc = DoubleVector.fromArray(SPECIES, x, k * sx)
                        .fma(DoubleVector.broadcast(SPECIES, y[j * sw + k]), acc);
            }
            acc.intoArray(z, j * sz);
            VectorSigmoid.sigmoidInPlace(z, j * sz, j * sz + LANES); // stored first: no vector crosses a call
            DoubleVector o = DoubleVector.fromArray(SPECIES, z, j * sz);
            // numpy's order, no FMA, as VectorOps.outputDelta
            DoubleVector.fromArray(SPECIES, t, j * sz).sub(o).mul(o.mul(one.sub(o))).intoArray(d, j * sz);
        }
    }

    // ---- two layers, half-vector columns, everything in registers ----

    /**
     * The tutorials' xor shape and its kin: 3-4 examples and 3-4 inputs on 8 lanes (column stride
     * {@code HALF} for the data and the first weights), at most 4 hidden units (two registers of
     * two columns each) and one output.
     */
    private static boolean fitsTwoRegisters(SimdMatrix inputs, List<SimdMatrix> weights) {
        SimdMatrix w0 = weights.get(0), w1 = weights.get(1);
        return TWO_REGISTERS_FIT_LANES && inputs.stride == HALF && w0.stride == HALF
                && w0.cols <= REGISTER_HIDDEN_UNITS && w1.cols == REGISTER_OUTPUTS;
    }

    /**
     * The whole step in one method so that the hidden layer ({@code h01}: columns 0-1, {@code
     * h23}: 2-3), the output, and both deltas stay in registers from phase to phase (C2 keeps a
     * vector in a register only within one compiled method; split into methods, each would box or
     * reload them). The arithmetic is {@link VectorOps}' for these layouts, operation for
     * operation (same FMA chains, same order), so the results are the per-operation path's.
     * Registers beyond the hidden units (fewer than 4) compute on the weights' zero padding,
     * and their lanes only reach padding.
     */
    private static void twoLayersInRegisters(SimdMatrix inputs, SimdMatrix targets, SimdMatrix w0, SimdMatrix w1,
                                             SimdMatrix hidden, SimdMatrix out, SimdMatrix hiddenDelta,
                                             SimdMatrix outDelta) {
        final double[] x = inputs.data, u = w0.data, v = w1.data;
        final int examples = inputs.rows, features = inputs.cols, units = w0.cols, su = w0.stride;
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);

        // hidden = sigmoid(X·W0): column k of X repeated per half, times W0(k, c) per column
        DoubleVector h01 = DoubleVector.zero(SPECIES), h23 = h01;
        for (int k = 0; k < features; k++) {
            DoubleVector xk = DoubleVector.fromArray(SPECIES, x, k * HALF).rearrange(REPEAT_HALF);
            h01 = xk.fma(DoubleVector.broadcast(SPECIES, u[k]).blend(u[su + k], UPPER_HALF), h01);
            h23 = xk.fma(DoubleVector.broadcast(SPECIES, u[2 * su + k]).blend(u[3 * su + k], UPPER_HALF), h23);
        }
        // the sigmoid on the stored vectors (no vector crosses a call), read back store-to-load forwarded
        h01.intoArray(hidden.data, 0);
        h23.intoArray(hidden.data, LANES);
        VectorSigmoid.sigmoidInPlace(hidden.data, 0, 2 * LANES);
        h01 = DoubleVector.fromArray(SPECIES, hidden.data, 0);
        h23 = DoubleVector.fromArray(SPECIES, hidden.data, LANES);

        // out = sigmoid(hidden·W1), one column: hidden columns in ascending order, each in the first half
        DoubleVector o = h01.fma(DoubleVector.broadcast(SPECIES, v[0]), DoubleVector.zero(SPECIES));
        if (units > 1) {
            o = h01.rearrange(SECOND_COLUMN).fma(DoubleVector.broadcast(SPECIES, v[1]), o);
        }
        if (units > 2) {
            o = h23.fma(DoubleVector.broadcast(SPECIES, v[2]), o);
        }
        if (units > 3) {
            o = h23.rearrange(SECOND_COLUMN).fma(DoubleVector.broadcast(SPECIES, v[3]), o);
        }
        o.intoArray(out.data, 0);
        VectorSigmoid.sigmoidInPlace(out.data, 0, LANES);
        o = DoubleVector.fromArray(SPECIES, out.data, 0);

        // output delta, numpy's order; hidden delta = (d·W1T) * h(1-h), d repeated per half
        DoubleVector d = DoubleVector.fromArray(SPECIES, targets.data, 0).sub(o).mul(o.mul(one.sub(o)));
        d.intoArray(outDelta.data, 0);
        DoubleVector dd = d.rearrange(REPEAT_HALF);
        DoubleVector e01 = dd.fma(DoubleVector.broadcast(SPECIES, v[0]).blend(v[1], UPPER_HALF), DoubleVector.zero(SPECIES)).mul(h01.mul(one.sub(h01)));
        DoubleVector e23 = dd.fma(DoubleVector.broadcast(SPECIES, v[2]).blend(v[3], UPPER_HALF), DoubleVector.zero(SPECIES)).mul(h23.mul(one.sub(h23)));
        e01.intoArray(hiddenDelta.data, 0);
        e23.intoArray(hiddenDelta.data, LANES);

        // W1 += hiddenT·d and W0 += XT·e: outer products over the examples, finished, then added
        DoubleVector g = DoubleVector.zero(SPECIES), g01 = g, g23 = g;
        for (int p = 0; p < examples; p++) {
            DoubleVector dp = DoubleVector.broadcast(SPECIES, outDelta.data[p]); // stored above: a forwarded load
            g = h01.rearrange(ROW_OF_FOUR[p], h23).fma(dp, g);
            DoubleVector xp = DoubleVector.fromArray(SPECIES, x, p)
                    .rearrange(ROW_FROM_TWO, DoubleVector.fromArray(SPECIES, x, p + LANES));
            g01 = xp.fma(e01.rearrange(ROW_PAIR[p]), g01);
            g23 = xp.fma(e23.rearrange(ROW_PAIR[p]), g23);
        }
        DoubleVector.fromArray(SPECIES, v, 0).add(g).intoArray(v, 0);
        DoubleVector.fromArray(SPECIES, u, 0).add(g01).intoArray(u, 0);
        DoubleVector.fromArray(SPECIES, u, LANES).add(g23).intoArray(u, LANES);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
    private static VectorShuffle<Double>[] perRow(java.util.function.IntFunction<VectorShuffle<Double>> shuffle) {
        VectorShuffle<Double>[] shuffles = new VectorShuffle[Math.max(HALF, 1)];
        for (int p = 0; p < shuffles.length; p++) {
            shuffles[p] = shuffle.apply(p);
        }
        return shuffles;
    }

    // ---- two layers, one vector per column (5-8 examples on 8 lanes), in registers ----

    /**
     * The tutorials' 7-example multi-layer shape and its kin: 5-8 examples (a column is a whole
     * vector), 3-4 inputs (first weights of column stride {@code HALF}), at most 4 hidden units
     * (one register each) and one output.
     */
    private static boolean fitsHiddenColumns(SimdMatrix inputs, List<SimdMatrix> weights) {
        SimdMatrix w0 = weights.get(0), w1 = weights.get(1);
        return HIDDEN_COLUMNS_FIT_LANES && inputs.stride == LANES && w0.stride == HALF
                && w0.cols <= REGISTER_HIDDEN_UNITS && w1.cols == REGISTER_OUTPUTS;
    }

    /**
     * As {@link #twoLayersInRegisters}, for whole-vector columns: hidden columns {@code h0..h3},
     * the output and both deltas stay in registers; the two weight updates, which need rows (one
     * value per column), build them from broadcasts and blends of the values just stored, as
     * {@link VectorOps}' update does for these layouts (store-to-load forwarded).
     */
    private static void twoLayersColumnsInRegisters(SimdMatrix inputs, SimdMatrix targets, SimdMatrix w0, SimdMatrix w1,
                                                 SimdMatrix hidden, SimdMatrix out, SimdMatrix hiddenDelta,
                                                 SimdMatrix outDelta) {
        final double[] x = inputs.data, u = w0.data, v = w1.data, a = hidden.data, e = hiddenDelta.data;
        final int examples = inputs.rows, features = inputs.cols, units = w0.cols, su = w0.stride;
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);

        DoubleVector h0 = DoubleVector.zero(SPECIES), h1 = h0, h2 = h0, h3 = h0;
        for (int k = 0; k < features; k++) {
            DoubleVector xk = DoubleVector.fromArray(SPECIES, x, k * LANES);
            h0 = xk.fma(DoubleVector.broadcast(SPECIES, u[k]), h0);
            h1 = xk.fma(DoubleVector.broadcast(SPECIES, u[su + k]), h1);
            h2 = xk.fma(DoubleVector.broadcast(SPECIES, u[2 * su + k]), h2);
            h3 = xk.fma(DoubleVector.broadcast(SPECIES, u[3 * su + k]), h3);
        }
        // the sigmoid on the stored vectors (no vector crosses a call), read back store-to-load forwarded
        h0.intoArray(a, 0);
        h1.intoArray(a, LANES);
        h2.intoArray(a, 2 * LANES);
        h3.intoArray(a, 3 * LANES);
        VectorSigmoid.sigmoidInPlace(a, 0, 4 * LANES);
        h0 = DoubleVector.fromArray(SPECIES, a, 0);
        h1 = DoubleVector.fromArray(SPECIES, a, LANES);
        h2 = DoubleVector.fromArray(SPECIES, a, 2 * LANES);
        h3 = DoubleVector.fromArray(SPECIES, a, 3 * LANES);

        DoubleVector o = h0.fma(DoubleVector.broadcast(SPECIES, v[0]), DoubleVector.zero(SPECIES));
        if (units > 1) {
            o = h1.fma(DoubleVector.broadcast(SPECIES, v[1]), o);
        }
        if (units > 2) {
            o = h2.fma(DoubleVector.broadcast(SPECIES, v[2]), o);
        }
        if (units > 3) {
            o = h3.fma(DoubleVector.broadcast(SPECIES, v[3]), o);
        }
        o.intoArray(out.data, 0);
        VectorSigmoid.sigmoidInPlace(out.data, 0, LANES);
        o = DoubleVector.fromArray(SPECIES, out.data, 0);

        final double[] d = outDelta.data;
        DoubleVector dv = DoubleVector.fromArray(SPECIES, targets.data, 0).sub(o).mul(o.mul(one.sub(o)));
        dv.intoArray(d, 0);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        dv.fma(DoubleVector.broadcast(SPECIES, v[0]), zero).mul(h0.mul(one.sub(h0))).intoArray(e, 0);
        dv.fma(DoubleVector.broadcast(SPECIES, v[1]), zero).mul(h1.mul(one.sub(h1))).intoArray(e, LANES);
        dv.fma(DoubleVector.broadcast(SPECIES, v[2]), zero).mul(h2.mul(one.sub(h2))).intoArray(e, 2 * LANES);
        dv.fma(DoubleVector.broadcast(SPECIES, v[3]), zero).mul(h3.mul(one.sub(h3))).intoArray(e, 3 * LANES);

        // W1 += hiddenT·d, W0 += XT·e: rows of hidden and X (value of column r in lanes l % 4 == r)
        DoubleVector g = zero, g01 = zero, g23 = zero;
        for (int p = 0; p < examples; p++) {
            DoubleVector hp = DoubleVector.broadcast(SPECIES, a[p]).blend(a[LANES + p], ROW_OF_HALF[1])
                    .blend(a[2 * LANES + p], ROW_OF_HALF[2]).blend(a[3 * LANES + p], ROW_OF_HALF[3]);
            g = hp.fma(DoubleVector.broadcast(SPECIES, d[p]), g);
            DoubleVector xp = DoubleVector.broadcast(SPECIES, x[p]);
            for (int r = 1; r < features; r++) { // at most 3
                xp = xp.blend(x[r * LANES + p], ROW_OF_HALF[r]);
            }
            g01 = xp.fma(DoubleVector.broadcast(SPECIES, e[p]).blend(e[LANES + p], UPPER_HALF), g01);
            g23 = xp.fma(DoubleVector.broadcast(SPECIES, e[2 * LANES + p]).blend(e[3 * LANES + p], UPPER_HALF), g23);
        }
        DoubleVector.fromArray(SPECIES, v, 0).add(g).intoArray(v, 0);
        DoubleVector.fromArray(SPECIES, u, 0).add(g01).intoArray(u, 0);
        DoubleVector.fromArray(SPECIES, u, LANES).add(g23).intoArray(u, LANES);
    }
}
