package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.AbstractNetworkBatch;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.TrainingSet;
import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * The simd backend's batched path: networks in vector lanes (structure of arrays: lane {@code b}
 * of every vector of a group holds member {@code b}'s value). A single tiny network is a chain of
 * dependent products and sigmoids a few values wide; a group does the same chain on whole
 * vectors, {@link #GROUP_VECTORS} of them side by side, so each instruction does the work of
 * {@code LANES} networks. Members are in groups of {@link #GROUP_MEMBERS}, value after value (value {@code v}
 * of member {@code b} of a group at {@code v * GROUP_MEMBERS + b}); the members past the last whole group
 * are in groups of {@code LANES}, written out separately (the explicit tail).
 *
 * <p><b>Rounding</b>: each lane computes the scalar kernel's expressions in its order (a product
 * element summed over the inner index in ascending order from 0 with a multiply and an add, not
 * an FMA; the update's product finished before it is added), except {@code exp}, which is {@link
 * VectorSigmoid}'s (within about 1 ulp of {@link Math#exp}). Every operation is correctly rounded in
 * every JIT tier, a lane never mixes with another, and the unused lanes of the last group compute
 * on zeros: a member's bits do not depend on the group it is in, the batch size, the order of
 * loading or the thread count, nor on how far the JIT had got.
 *
 * <p>Each group's values stay in L1 for all of {@link #train}'s steps (groups outer, steps inner).
 * Used where a full group's values fit {@link NetworkBatch#GROUP_CACHE_BYTES} ({@link #applies}), in
 * both dtypes (the float32 twin has twice the lanes, so a group holds twice the members); larger networks take the {@link dev.synapsebench.core.SequentialBatch} of the single-network
 * path, whose blocked products already fill the vectors.
 */
final class SimdBatch extends AbstractNetworkBatch {

    /**
     * Vectors of members side by side in a full group: four independent chains per operation, so
     * one loop's index arithmetic and bounds checks serve four vectors, and four sigmoids are in
     * flight at once (with one vector per group, a 3-4-1 step measured 1.5x slower per network).
     */
    static final int GROUP_VECTORS = 4;

    /** Members of a full group; the members past the last whole full group form tail groups of {@code LANES}. */
    static final int GROUP_MEMBERS = GROUP_VECTORS * LANES;


    private final int fullGroups;
    private final int tailGroups;
    private final int layers;
    /** Per layer: weights, activations, deltas; every array holds all groups, the full ones first. */
    private final double[][] weights;
    private final double[][] activations;
    private final double[][] deltas;
    private final double[] inputs;
    private final double[] targets;

    SimdBatch(Topology topology, int examples, int size) {
        super(topology, examples, size);
        this.fullGroups = size / GROUP_MEMBERS;
        this.tailGroups = (size - fullGroups * GROUP_MEMBERS + LANES - 1) / LANES;
        this.layers = topology.layers();
        this.weights = new double[layers][];
        this.activations = new double[layers][];
        this.deltas = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new double[slots(topology.fanIn(l) * topology.fanOut(l))];
            activations[l] = new double[slots(examples * topology.fanOut(l))];
            deltas[l] = new double[slots(examples * topology.fanOut(l))];
        }
        this.inputs = new double[slots(examples * topology.inputs())];
        this.targets = new double[slots(examples * topology.outputs())];
    }

    /** Whether a full group of this network fits {@link NetworkBatch#GROUP_CACHE_BYTES}. */
    static boolean applies(Topology topology, int examples) {
        return NetworkBatch.valuesPerMember(topology, examples) * GROUP_MEMBERS * Double.BYTES <= NetworkBatch.GROUP_CACHE_BYTES;
    }

    /** Array length for {@code values} values per member. */
    private int slots(int values) {
        return values * (fullGroups * GROUP_MEMBERS + tailGroups * LANES);
    }

    /** Where value {@code v} (of {@code values} per member) of member {@code k} is. */
    private int index(int k, int v, int values) {
        if (k < fullGroups * GROUP_MEMBERS) {
            return (k / GROUP_MEMBERS) * values * GROUP_MEMBERS + v * GROUP_MEMBERS + k % GROUP_MEMBERS;
        }
        int r = k - fullGroups * GROUP_MEMBERS;
        return fullGroups * values * GROUP_MEMBERS + (r / LANES) * values * LANES + v * LANES + r % LANES;
    }


    @Override
    public void loadData(int k, TrainingSet trainingSet) {
        NetworkBatch.checkData(this, k, trainingSet);
        scatter(trainingSet.inputs().values(), inputs, k);
        scatter(trainingSet.targets().values(), targets, k);
    }

    @Override
    public void loadWeights(int k, int layer, double[] rowMajor) {
        NetworkBatch.checkMember(this, k);
        scatter(rowMajor, weights[layer], k);
    }

    @Override
    public void storeWeights(int k, int layer, double[] rowMajor) {
        NetworkBatch.checkMember(this, k);
        double[] from = weights[layer];
        int values = topology.fanIn(layer) * topology.fanOut(layer);
        if (rowMajor.length != values) {
            throw new IllegalArgumentException("weights of layer " + (layer + 1) + " need " + values + " values, got " + rowMajor.length);
        }
        for (int v = 0; v < values; v++) {
            rowMajor[v] = from[index(k, v, values)];
        }
    }

    /** Member {@code k}'s row-major values into its lane of {@code to}. */
    private void scatter(double[] rowMajor, double[] to, int k) {
        int values = to.length / (fullGroups * GROUP_MEMBERS + tailGroups * LANES);
        if (rowMajor.length != values) {
            throw new IllegalArgumentException("network " + k + " needs " + values + " values here, got " + rowMajor.length);
        }
        for (int v = 0; v < values; v++) {
            to[index(k, v, values)] = (double) rowMajor[v]; // the twin rounds here, as SimdMatrix.load does
        }
    }

    @Override
    public void train(long iterations) {
        for (int g = 0; g < fullGroups; g++) {
            for (long i = 0; i < iterations; i++) {
                fullGroupStep(g);
            }
        }
        for (int t = 0; t < tailGroups; t++) {
            for (long i = 0; i < iterations; i++) {
                tailStep(t);
            }
        }
    }

    /** One training step of full group {@code g}: forward, every delta, then every update. */
    private void fullGroupStep(int g) {
        int last = layers - 1;
        for (int l = 0; l <= last; l++) {
            forwardLayerFull(l, fullGroupBase(g, inValues(l)), fullGroupBase(g, weightValues(l)), fullGroupBase(g, unitValues(l)));
        }
        int out = fullGroupBase(g, unitValues(last));
        outputDelta(last, out, out + unitValues(last) * GROUP_MEMBERS);
        for (int l = last - 1; l >= 0; l--) {
            hiddenDeltaFull(l, fullGroupBase(g, unitValues(l + 1)), fullGroupBase(g, weightValues(l + 1)), fullGroupBase(g, unitValues(l)));
        }
        for (int l = 0; l <= last; l++) {
            updateFull(l, fullGroupBase(g, inValues(l)), fullGroupBase(g, unitValues(l)), fullGroupBase(g, weightValues(l)));
        }
    }

    /** One training step of tail group {@code t}, as {@link #fullGroupStep} for one vector of members. */
    private void tailStep(int t) {
        int last = layers - 1;
        for (int l = 0; l <= last; l++) {
            forwardLayerTail(l, tailBase(t, inValues(l)), tailBase(t, weightValues(l)), tailBase(t, unitValues(l)));
        }
        int out = tailBase(t, unitValues(last));
        outputDelta(last, out, out + unitValues(last) * LANES);
        for (int l = last - 1; l >= 0; l--) {
            hiddenDeltaTail(l, tailBase(t, unitValues(l + 1)), tailBase(t, weightValues(l + 1)), tailBase(t, unitValues(l)));
        }
        for (int l = 0; l <= last; l++) {
            updateTail(l, tailBase(t, inValues(l)), tailBase(t, unitValues(l)), tailBase(t, weightValues(l)));
        }
    }

    private int fullGroupBase(int g, int values) {
        return g * values * GROUP_MEMBERS;
    }

    private int tailBase(int t, int values) {
        return fullGroups * values * GROUP_MEMBERS + t * values * LANES;
    }

    /** Values per member of layer {@code l}'s input (the training inputs, or the previous activation). */
    private int inValues(int l) {
        return examples * topology.fanIn(l);
    }

    private int weightValues(int l) {
        return topology.fanIn(l) * topology.fanOut(l);
    }

    /** Values per member of layer {@code l}'s activation and delta. */
    private int unitValues(int l) {
        return examples * topology.fanOut(l);
    }

    /** {@code d[L] = (y - a[L]) * (a[L] * (1 - a[L]))} over {@code [from, to)} of the output layer's arrays. */
    private void outputDelta(int last, int from, int to) {
        final double[] t = targets, o = activations[last], d = deltas[last];
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int v = from; v < to; v += LANES) {
            DoubleVector out = DoubleVector.fromArray(SPECIES, o, v);
            DoubleVector.fromArray(SPECIES, t, v).sub(out).mul(out.mul(one.sub(out))).intoArray(d, v);
        }
    }

    // Each phase is one method with its vectors inside it (a vector crossing a call is boxed), written
    // out for a full group (GROUP_VECTORS accumulators side by side: independent chains, one loop's
    // overhead for all of them) and for a tail group of one vector.

    /** {@code a[l] = sigmoid(in · W[l])}, 4 vectors of members at a time: each element a sum over the inputs in ascending order from 0, then the sigmoid over the layer. */
    private void forwardLayerFull(int l, int inBase, int wBase, int aBase) {
        final int fanIn = topology.fanIn(l), fanOut = topology.fanOut(l);
        final double[] in = l == 0 ? inputs : activations[l - 1];
        final double[] w = weights[l], a = activations[l];
        for (int e = 0; e < examples; e++) {
            for (int j = 0; j < fanOut; j++) {
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                DoubleVector s1 = DoubleVector.zero(SPECIES);
                DoubleVector s2 = DoubleVector.zero(SPECIES);
                DoubleVector s3 = DoubleVector.zero(SPECIES);
                for (int i = 0; i < fanIn; i++) {
                    int x = inBase + (e * fanIn + i) * GROUP_MEMBERS, y = wBase + (i * fanOut + j) * GROUP_MEMBERS;
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, in, x).mul(DoubleVector.fromArray(SPECIES, w, y)));
                    s1 = s1.add(DoubleVector.fromArray(SPECIES, in, x + LANES).mul(DoubleVector.fromArray(SPECIES, w, y + LANES)));
                    s2 = s2.add(DoubleVector.fromArray(SPECIES, in, x + 2 * LANES).mul(DoubleVector.fromArray(SPECIES, w, y + 2 * LANES)));
                    s3 = s3.add(DoubleVector.fromArray(SPECIES, in, x + 3 * LANES).mul(DoubleVector.fromArray(SPECIES, w, y + 3 * LANES)));
                }
                int z = aBase + (e * fanOut + j) * GROUP_MEMBERS;
                s0.intoArray(a, z);
                s1.intoArray(a, z + LANES);
                s2.intoArray(a, z + 2 * LANES);
                s3.intoArray(a, z + 3 * LANES);
            }
        }
        VectorSigmoid.sigmoidInPlace(a, aBase, aBase + examples * fanOut * GROUP_MEMBERS);
    }

    /** {@code d[l] = (d[l+1] · W[l+1]T) * (a[l] * (1 - a[l]))}, 4 vectors of members at a time: each sum over the next layer's units in ascending order. */
    private void hiddenDeltaFull(int l, int ndBase, int wBase, int base) {
        final int units = topology.fanOut(l), next = topology.fanOut(l + 1);
        final double[] nd = deltas[l + 1], w = weights[l + 1], a = activations[l], d = deltas[l];
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int e = 0; e < examples; e++) {
            for (int j = 0; j < units; j++) {
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                DoubleVector s1 = DoubleVector.zero(SPECIES);
                DoubleVector s2 = DoubleVector.zero(SPECIES);
                DoubleVector s3 = DoubleVector.zero(SPECIES);
                for (int m = 0; m < next; m++) {
                    int x = ndBase + (e * next + m) * GROUP_MEMBERS, y = wBase + (j * next + m) * GROUP_MEMBERS;
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, nd, x).mul(DoubleVector.fromArray(SPECIES, w, y)));
                    s1 = s1.add(DoubleVector.fromArray(SPECIES, nd, x + LANES).mul(DoubleVector.fromArray(SPECIES, w, y + LANES)));
                    s2 = s2.add(DoubleVector.fromArray(SPECIES, nd, x + 2 * LANES).mul(DoubleVector.fromArray(SPECIES, w, y + 2 * LANES)));
                    s3 = s3.add(DoubleVector.fromArray(SPECIES, nd, x + 3 * LANES).mul(DoubleVector.fromArray(SPECIES, w, y + 3 * LANES)));
                }
                int z = base + (e * units + j) * GROUP_MEMBERS;
                DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, z);
                s0.mul(a0.mul(one.sub(a0))).intoArray(d, z);
                DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, z + LANES);
                s1.mul(a1.mul(one.sub(a1))).intoArray(d, z + LANES);
                DoubleVector a2 = DoubleVector.fromArray(SPECIES, a, z + 2 * LANES);
                s2.mul(a2.mul(one.sub(a2))).intoArray(d, z + 2 * LANES);
                DoubleVector a3 = DoubleVector.fromArray(SPECIES, a, z + 3 * LANES);
                s3.mul(a3.mul(one.sub(a3))).intoArray(d, z + 3 * LANES);
            }
        }
    }

    /** {@code W[l] += in[l]T · d[l]}, 4 vectors of members at a time: each sum over the examples in ascending order from 0, finished before it is added. */
    private void updateFull(int l, int inBase, int dBase, int wBase) {
        final int fanIn = topology.fanIn(l), fanOut = topology.fanOut(l);
        final double[] in = l == 0 ? inputs : activations[l - 1];
        final double[] d = deltas[l], w = weights[l];
        for (int i = 0; i < fanIn; i++) {
            for (int j = 0; j < fanOut; j++) {
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                DoubleVector s1 = DoubleVector.zero(SPECIES);
                DoubleVector s2 = DoubleVector.zero(SPECIES);
                DoubleVector s3 = DoubleVector.zero(SPECIES);
                for (int e = 0; e < examples; e++) {
                    int x = inBase + (e * fanIn + i) * GROUP_MEMBERS, y = dBase + (e * fanOut + j) * GROUP_MEMBERS;
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, in, x).mul(DoubleVector.fromArray(SPECIES, d, y)));
                    s1 = s1.add(DoubleVector.fromArray(SPECIES, in, x + LANES).mul(DoubleVector.fromArray(SPECIES, d, y + LANES)));
                    s2 = s2.add(DoubleVector.fromArray(SPECIES, in, x + 2 * LANES).mul(DoubleVector.fromArray(SPECIES, d, y + 2 * LANES)));
                    s3 = s3.add(DoubleVector.fromArray(SPECIES, in, x + 3 * LANES).mul(DoubleVector.fromArray(SPECIES, d, y + 3 * LANES)));
                }
                int z = wBase + (i * fanOut + j) * GROUP_MEMBERS;
                DoubleVector.fromArray(SPECIES, w, z).add(s0).intoArray(w, z);
                DoubleVector.fromArray(SPECIES, w, z + LANES).add(s1).intoArray(w, z + LANES);
                DoubleVector.fromArray(SPECIES, w, z + 2 * LANES).add(s2).intoArray(w, z + 2 * LANES);
                DoubleVector.fromArray(SPECIES, w, z + 3 * LANES).add(s3).intoArray(w, z + 3 * LANES);
            }
        }
    }

    /** {@code a[l] = sigmoid(in · W[l])}, 1 vector of members at a time: each element a sum over the inputs in ascending order from 0, then the sigmoid over the layer. */
    private void forwardLayerTail(int l, int inBase, int wBase, int aBase) {
        final int fanIn = topology.fanIn(l), fanOut = topology.fanOut(l);
        final double[] in = l == 0 ? inputs : activations[l - 1];
        final double[] w = weights[l], a = activations[l];
        for (int e = 0; e < examples; e++) {
            for (int j = 0; j < fanOut; j++) {
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                for (int i = 0; i < fanIn; i++) {
                    int x = inBase + (e * fanIn + i) * LANES, y = wBase + (i * fanOut + j) * LANES;
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, in, x).mul(DoubleVector.fromArray(SPECIES, w, y)));
                }
                int z = aBase + (e * fanOut + j) * LANES;
                s0.intoArray(a, z);
            }
        }
        VectorSigmoid.sigmoidInPlace(a, aBase, aBase + examples * fanOut * LANES);
    }

    /** {@code d[l] = (d[l+1] · W[l+1]T) * (a[l] * (1 - a[l]))}, 1 vector of members at a time: each sum over the next layer's units in ascending order. */
    private void hiddenDeltaTail(int l, int ndBase, int wBase, int base) {
        final int units = topology.fanOut(l), next = topology.fanOut(l + 1);
        final double[] nd = deltas[l + 1], w = weights[l + 1], a = activations[l], d = deltas[l];
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int e = 0; e < examples; e++) {
            for (int j = 0; j < units; j++) {
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                for (int m = 0; m < next; m++) {
                    int x = ndBase + (e * next + m) * LANES, y = wBase + (j * next + m) * LANES;
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, nd, x).mul(DoubleVector.fromArray(SPECIES, w, y)));
                }
                int z = base + (e * units + j) * LANES;
                DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, z);
                s0.mul(a0.mul(one.sub(a0))).intoArray(d, z);
            }
        }
    }

    /** {@code W[l] += in[l]T · d[l]}, 1 vector of members at a time: each sum over the examples in ascending order from 0, finished before it is added. */
    private void updateTail(int l, int inBase, int dBase, int wBase) {
        final int fanIn = topology.fanIn(l), fanOut = topology.fanOut(l);
        final double[] in = l == 0 ? inputs : activations[l - 1];
        final double[] d = deltas[l], w = weights[l];
        for (int i = 0; i < fanIn; i++) {
            for (int j = 0; j < fanOut; j++) {
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                for (int e = 0; e < examples; e++) {
                    int x = inBase + (e * fanIn + i) * LANES, y = dBase + (e * fanOut + j) * LANES;
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, in, x).mul(DoubleVector.fromArray(SPECIES, d, y)));
                }
                int z = wBase + (i * fanOut + j) * LANES;
                DoubleVector.fromArray(SPECIES, w, z).add(s0).intoArray(w, z);
            }
        }
    }
}
