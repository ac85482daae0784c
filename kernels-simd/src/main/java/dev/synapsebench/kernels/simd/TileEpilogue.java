package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * What happens to finished tiles while they are still in cache: the sigmoid of the forward layer, the
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

    /**
     * The epilogue on finished columns {@code c[from, to)}, whole vectors, while they are in L1 or
     * L2: a strip's columns at once, not tile by tile, so that the sigmoid runs over many
     * independent vectors (its throughput) rather than two at a time (its latency: at 32-64-1x64,
     * tile by tile, the sigmoid took 23% of the step).
     */
    static void finishColumns(double[] c, int from, int to, int epilogue, double[] act) {
        if (epilogue == SIGMOID) {
            VectorSigmoid.sigmoidInPlace(c, from, to);
        } else if (epilogue == DERIVATIVE) {
            timesDerivative(c, act, from, to);
        }
    }

    /** {@code x * (act * (1 - act))} over {@code c[from, to)}. */
    private static void timesDerivative(double[] c, double[] act, int from, int to) {
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int at = from; at < to; at += LANES) {
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
