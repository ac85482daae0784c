package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * What happens to a finished tile while it is still in L1: the sigmoid of the forward layer, the
 * derivative factor {@code a(1-a)} of the hidden delta, or the addition of an update's product to
 * the weights. Fused into {@link BlockedProducts}' loops, so no extra pass over memory.
 */
final class TileEpilogue {

    /** The finished tile as it is: no epilogue. */
    static final int PLAIN = 0;
    /** The finished tile through {@code 1 / (1 + exp(-x))}: the forward layer. */
    static final int SIGMOID = 1;
    /** The finished tile times {@code act * (1 - act)}: the hidden delta. */
    static final int DERIVATIVE = 2;

    private TileEpilogue() {
    }

    /** The epilogue on a finished tile, while it is in L1 (nothing for {@link #PLAIN}). */
    static void finishTile(double[] c, int cOff, int ldc, int nv, int nc, int epilogue, double[] act) {
        if (epilogue == PLAIN) {
            return;
        }
        for (int t = 0; t < nc; t++) {
            if (epilogue == SIGMOID) {
                sigmoidTile(c, cOff + t * ldc, nv);
            } else {
                timesDerivative(c, act, cOff + t * ldc, nv);
            }
        }
    }

    /** {@code 1 / (1 + exp(-x))} over {@code vectors} vectors from {@code at}. */
    private static void sigmoidTile(double[] c, int at, int vectors) {
        VectorSigmoid.sigmoidInPlace(c, at, at + vectors * LANES);
    }

    /** {@code x * (act * (1 - act))} over {@code vectors} vectors from {@code at}. */
    private static void timesDerivative(double[] c, double[] act, int at, int vectors) {
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int end = at + vectors * LANES; at < end; at += LANES) {
            DoubleVector d = DoubleVector.fromArray(SPECIES, act, at);
            DoubleVector.fromArray(SPECIES, c, at).mul(d.mul(one.sub(d))).intoArray(c, at);
        }
    }

    /**
     * {@code c += product} over {@code vectors} vectors of {@code cols} columns: an update's finished
     * product, from its scratch (column stride {@code ldp}), added while it is in L1 or L2.
     */
    static void addProduct(double[] product, int pOff, int ldp, double[] c, int cOff, int ldc, int vectors, int cols) {
        for (int t = 0; t < cols; t++) {
            for (int u = 0; u < vectors * LANES; u += LANES) {
                final int at = cOff + t * ldc + u;
                DoubleVector.fromArray(SPECIES, c, at).add(DoubleVector.fromArray(SPECIES, product, pOff + t * ldp + u))
                        .intoArray(c, at);
            }
        }
    }
}
