package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

import java.util.List;

/**
 * A whole training step of a small network in one method, for {@link SimdKernel#trainingStep}.
 * At the tutorials' sizes the per-operation path (the SPI's default passes over {@link
 * VectorOps}) spends as long on its calls, list look-ups and layout dispatch as on arithmetic.
 * Here the step is one straight sequence of {@link VectorOps} products, with the output layer,
 * its sigmoid and the output delta fused into one loop whose activation never leaves a register.
 *
 * <p><b>When it applies</b> ({@link #applies}): one or two layers, at most {@code L} examples
 * ({@code L} = {@link VectorOps#LANES}, 8 on AVX-512) and at most {@code L} units in every layer
 * (inputs included); deeper or larger networks take the per-operation path. Within that, a
 * column of the output layer (and of its targets and delta) is one vector, lane {@code p} =
 * example {@code p}, loaded from the column's start whatever the column stride: lanes past the
 * examples hold the next columns or padding, which only flow into lanes past the examples again
 * (element-wise and broadcast-times-column arithmetic never mixes lanes). Columns are written the
 * same way, whole vectors in ascending column order, so each write's spill into the next
 * column's slots is overwritten by that column's own write ({@link SimdMatrix} keeps a vector of
 * slack past its last column, so the last write stays inside the array).
 *
 * <p><b>Results</b>: the per-operation path's, bit for bit when both run the same compiled code
 * (same FMA chains in the same order, same sigmoid and delta expressions). The hidden layer,
 * hidden delta and weight updates are {@link VectorOps}' own, which keep the packed layout's
 * advantage for 3-4 examples (two hidden columns per vector: half the EXP calls).
 *
 * <p>Measured (rough, shared 2-core AVX-512 machine, alternating blocks in one JVM): 3-1
 * single-neuron 34 ns fused vs 39 per-operation, 3-4-1 xor-3layer 88 vs 97, 3-4-1 multi-layer
 * 106 vs 115.
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
}
