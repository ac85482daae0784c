package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * Element-wise operations over whole vectors of {@link SimdMatrix}'s padded layout (operands of
 * the same shape share the layout, so there are no tails): the sigmoid, the output delta and the
 * derivative factor.
 */
final class ElementWise {

    private ElementWise() {
    }

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
}
