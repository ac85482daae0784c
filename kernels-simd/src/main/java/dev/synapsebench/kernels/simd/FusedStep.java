package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

import java.util.List;

/**
 * A whole training step of a small network in one pass, for {@link SimdKernel#trainingStep}: the
 * per-operation path ({@link VectorOps} behind the SPI's default passes) spends about as long
 * on six calls, their layout dispatch and the shuffles that keep its packed layout busy as on the
 * arithmetic itself when the matrices are this small.
 *
 * <p><b>When it applies</b> ({@link #applies}): one or two layers, at most {@code L} examples
 * ({@code L} = {@link VectorOps#LANES}, 8 on AVX-512) and at most {@code L} units in every layer
 * (inputs included). Then a column of any activation, delta, input or target matrix is one
 * vector, lane {@code p} = example {@code p}, loaded from the column's start whatever the
 * matrix's column stride: the lanes past the examples hold the next columns or padding, which
 * only ever flow into lanes past the examples again (element-wise and broadcast-times-column
 * arithmetic never mixes lanes) and are never read by the weight update. Columns are written the
 * same way, whole vectors in ascending column order, so each write's spill into the next
 * column's slots is overwritten by that column's own write ({@link SimdMatrix} keeps a vector of
 * slack past its last column for this). Larger or deeper networks take the per-operation path.
 *
 * <p><b>Results</b>: bit for bit the per-operation path's. The same FMA chains in the same order
 * from zero (inner index ascending), the same sigmoid and delta expressions, and the weight
 * update as scalar {@link Math#fma} chains over the examples in ascending order, finished
 * before they are added to the weights, as {@link VectorOps#multiplyAddTransA} does.
 *
 * <p><b>Registers</b>: each phase is its own method taking arrays (no vector crosses a call,
 * see {@link VectorOps} on why); within a phase the values stay in registers, e.g. the output
 * layer's activation becomes its delta without a reload. Between phases, values go through the
 * network's own activation and delta matrices, which the caller reads back anyway
 * ({@code Network.lastOutput}); those are store-to-load forwarded L1 accesses.
 */
final class FusedStep {

    private static final int LANES = VectorOps.LANES;

    private FusedStep() {
    }

    /** Whether {@link #trainingStep} handles this network: at most two layers, {@code L} examples and {@code L} units per layer. */
    static boolean applies(SimdMatrix inputs, List<SimdMatrix> weights) {
        int layers = weights.size();
        if (layers < 1 || layers > 2 || inputs.rows > LANES) {
            return false;
        }
        for (int l = 0; l < layers; l++) {
            SimdMatrix w = weights.get(l);
            if (w.rows > LANES || w.cols > LANES) {
                return false;
            }
        }
        return true;
    }

    /** One training step; the caller has checked {@link #applies}. */
    static void trainingStep(SimdMatrix inputs, SimdMatrix targets, List<SimdMatrix> weights,
                             List<SimdMatrix> activations, List<SimdMatrix> deltas) {
        if (weights.size() == 1) {
            SimdMatrix w = weights.get(0), out = activations.get(0), delta = deltas.get(0);
            outputLayer(inputs, w, targets, out, delta);
            addProductTransA(inputs, delta, w);
        } else {
            SimdMatrix w0 = weights.get(0), w1 = weights.get(1);
            SimdMatrix hidden = activations.get(0), out = activations.get(1);
            SimdMatrix hiddenDelta = deltas.get(0), outDelta = deltas.get(1);
            hiddenLayer(inputs, w0, hidden);
            outputLayer(hidden, w1, targets, out, outDelta);
            hiddenDelta(outDelta, w1, hidden, hiddenDelta);
            addProductTransA(hidden, outDelta, w1);
            addProductTransA(inputs, hiddenDelta, w0);
        }
    }

    /** {@code out = sigmoid(in·w)}, column by column. */
    private static void hiddenLayer(SimdMatrix in, SimdMatrix w, SimdMatrix out) {
        final double[] x = in.data, y = w.data, z = out.data;
        final int sx = in.stride, sw = w.stride, sz = out.stride, inner = in.cols;
        final DoubleVector one = DoubleVector.broadcast(VectorOps.SPECIES, 1.0);
        for (int j = 0; j < out.cols; j++) {
            DoubleVector acc = DoubleVector.zero(VectorOps.SPECIES);
            for (int k = 0; k < inner; k++) {
                acc = DoubleVector.fromArray(VectorOps.SPECIES, x, k * sx)
                        .fma(DoubleVector.broadcast(VectorOps.SPECIES, y[j * sw + k]), acc);
            }
            one.div(one.add(acc.neg().lanewise(VectorOperators.EXP))).intoArray(z, j * sz);
        }
    }

    /** {@code out = sigmoid(in·w)} and {@code delta = (target - out) * (out * (1 - out))}, the activation kept in a register. */
    private static void outputLayer(SimdMatrix in, SimdMatrix w, SimdMatrix target, SimdMatrix out, SimdMatrix delta) {
        final double[] x = in.data, y = w.data, t = target.data, z = out.data, d = delta.data;
        final int sx = in.stride, sw = w.stride, sz = out.stride, inner = in.cols;
        final DoubleVector one = DoubleVector.broadcast(VectorOps.SPECIES, 1.0);
        for (int j = 0; j < out.cols; j++) {
            DoubleVector acc = DoubleVector.zero(VectorOps.SPECIES);
            for (int k = 0; k < inner; k++) {
                acc = DoubleVector.fromArray(VectorOps.SPECIES, x, k * sx)
                        .fma(DoubleVector.broadcast(VectorOps.SPECIES, y[j * sw + k]), acc);
            }
            DoubleVector o = one.div(one.add(acc.neg().lanewise(VectorOperators.EXP)));
            o.intoArray(z, j * sz);
            // numpy's order, no FMA, as VectorOps.outputDelta
            DoubleVector.fromArray(VectorOps.SPECIES, t, j * sz).sub(o).mul(o.mul(one.sub(o))).intoArray(d, j * sz);
        }
    }

    /** {@code delta = (nextDelta·nextWeightsT) * (a * (1 - a))}. */
    private static void hiddenDelta(SimdMatrix nextDelta, SimdMatrix nextWeights, SimdMatrix activation, SimdMatrix delta) {
        final double[] x = nextDelta.data, y = nextWeights.data, a = activation.data, z = delta.data;
        final int sx = nextDelta.stride, sw = nextWeights.stride, sz = delta.stride, inner = nextDelta.cols;
        final DoubleVector one = DoubleVector.broadcast(VectorOps.SPECIES, 1.0);
        for (int j = 0; j < delta.cols; j++) {
            DoubleVector acc = DoubleVector.zero(VectorOps.SPECIES);
            for (int q = 0; q < inner; q++) {
                acc = DoubleVector.fromArray(VectorOps.SPECIES, x, q * sx)
                        .fma(DoubleVector.broadcast(VectorOps.SPECIES, y[q * sw + j]), acc);
            }
            DoubleVector av = DoubleVector.fromArray(VectorOps.SPECIES, a, j * sz);
            acc.mul(av.mul(one.sub(av))).intoArray(z, j * sz);
        }
    }

    /** {@code c += aT·b}: each element a scalar FMA chain over the examples, ascending, then added. */
    private static void addProductTransA(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final double[] x = a.data, y = b.data, z = c.data;
        final int sa = a.stride, sb = b.stride, sc = c.stride, examples = a.rows;
        for (int j = 0; j < c.cols; j++) {
            for (int i = 0; i < c.rows; i++) {
                double acc = 0.0;
                for (int p = 0; p < examples; p++) {
                    acc = Math.fma(x[i * sa + p], y[j * sb + p], acc);
                }
                z[j * sc + i] += acc;
            }
        }
    }
}
