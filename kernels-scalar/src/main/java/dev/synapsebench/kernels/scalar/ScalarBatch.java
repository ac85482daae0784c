package dev.synapsebench.kernels.scalar;

import dev.synapsebench.core.AbstractNetworkBatch;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.TrainingSet;

/**
 * The scalar backend's batched path: the members side by side in blocks of {@link #BLOCK}
 * (structure of arrays: value {@code v} of member {@code b} of a block is {@code a[v * width + b]}, {@code
 * width} = {@link #BLOCK}, or a multiple of 8 below it for smaller batches),
 * every operation a loop over the block's members. A single tiny network is a chain of dependent
 * products and sigmoids with trip counts of 3 or 4; across members the same operation is
 * independent, so the loops over members run without stalls and C2 vectorizes their products.
 *
 * <p><b>Same bits as {@link ScalarKernel}</b>: each member's arithmetic is the single network's,
 * expression for expression and in the same order (a product element summed over the inner index
 * in ascending order from 0, the update's product finished before it is added, no FMA: Java does
 * not contract {@code a*b+c}); vectorizing a loop over members does not change a member's result.
 * Unused members of the last block compute on zeros and are never read.
 *
 * <p>Each block's values stay in cache for all of {@link #train}'s steps (blocks outer, steps
 * inner). Used when a block's values fit {@link #BLOCK_BYTES} ({@link #applies}); larger networks
 * gain nothing from it and take the {@link dev.synapsebench.core.SequentialBatch}.
 *
 * <p>The build generates its float32 twin from this file, like {@link ScalarKernel}'s.
 */
final class ScalarBatch extends AbstractNetworkBatch {

    /** Members per block: the trip count of every inner loop, a few 512-bit vectors. */
    static final int BLOCK = 32;

    /** At most this many bytes per block (about L1, 48 KB on current x86 cores), so that a block trains in cache. */
    static final int BLOCK_BYTES = 48 * 1024;

    /** Members per block: {@link #BLOCK}, or fewer for a smaller batch. */
    private final int width;
    private final int blocks;
    private final int layers;
    /** Per layer: its weights, its activations, its deltas; every array holds all blocks, block after block. */
    private final double[][] weights;
    private final double[][] activations;
    private final double[][] deltas;
    private final double[] inputs;
    private final double[] targets;
    /** One running sum per member of a block. */
    private final double[] sum = new double[BLOCK];

    ScalarBatch(Topology topology, int examples, int size) {
        super(topology, examples, size);
        // Fewer members than a block: a narrower block (loops of 8 members at least), not wasted lanes.
        this.width = Math.min(BLOCK, (size + 7) / 8 * 8);
        this.blocks = (size + width - 1) / width;
        this.layers = topology.layers();
        this.weights = new double[layers][];
        this.activations = new double[layers][];
        this.deltas = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new double[blocks * topology.fanIn(l) * topology.fanOut(l) * width];
            activations[l] = new double[blocks * examples * topology.fanOut(l) * width];
            deltas[l] = new double[blocks * examples * topology.fanOut(l) * width];
        }
        this.inputs = new double[blocks * examples * topology.inputs() * width];
        this.targets = new double[blocks * examples * topology.outputs() * width];
    }

    /** Whether a block of this network fits {@link #BLOCK_BYTES}. */
    static boolean applies(Topology topology, int examples) {
        return NetworkBatch.valuesPerMember(topology, examples) * BLOCK * Double.BYTES <= BLOCK_BYTES;
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
        int values = from.length / blocks / width;
        if (rowMajor.length != values) {
            throw new IllegalArgumentException("weights of layer " + (layer + 1) + " need " + values + " values, got " + rowMajor.length);
        }
        int at = (k / width) * values * width + k % width;
        for (int v = 0; v < values; v++) {
            rowMajor[v] = from[at + v * width];
        }
    }

    /** Member {@code k}'s row-major values into its lane of {@code to}. */
    private void scatter(double[] rowMajor, double[] to, int k) {
        int values = to.length / blocks / width;
        if (rowMajor.length != values) {
            throw new IllegalArgumentException("network " + k + " needs " + values + " values here, got " + rowMajor.length);
        }
        int at = (k / width) * values * width + k % width;
        for (int v = 0; v < values; v++) {
            to[at + v * width] = (double) rowMajor[v]; // the twin rounds here, as ScalarKernel.load does
        }
    }

    @Override
    public void train(long iterations) {
        for (int block = 0; block < blocks; block++) {
            for (long i = 0; i < iterations; i++) {
                step(block);
            }
        }
    }

    /** One training step of every member of a block: forward, every delta, then every update. */
    private void step(int block) {
        int last = layers - 1;
        for (int l = 0; l <= last; l++) {
            forwardLayer(block, l);
        }
        outputDelta(block);
        for (int l = last - 1; l >= 0; l--) {
            hiddenDelta(block, l);
        }
        for (int l = 0; l <= last; l++) {
            update(block, l);
        }
    }

    /** {@code a[l] = sigmoid(in · W[l])}: each element a sum over the inputs in ascending order from 0. */
    private void forwardLayer(int block, int l) {
        final int fanIn = topology.fanIn(l), fanOut = topology.fanOut(l);
        final double[] in = l == 0 ? inputs : activations[l - 1];
        final double[] w = weights[l], a = activations[l];
        final int inBase = block * examples * fanIn * width;
        final int wBase = block * fanIn * fanOut * width;
        final int aBase = block * examples * fanOut * width;
        final double[] s = sum;
        for (int e = 0; e < examples; e++) {
            for (int j = 0; j < fanOut; j++) {
                for (int b = 0; b < width; b++) {
                    s[b] = 0.0;
                }
                for (int i = 0; i < fanIn; i++) {
                    int x = inBase + (e * fanIn + i) * width, y = wBase + (i * fanOut + j) * width;
                    for (int b = 0; b < width; b++) {
                        s[b] += in[x + b] * w[y + b];
                    }
                }
                int z = aBase + (e * fanOut + j) * width;
                for (int b = 0; b < width; b++) {
                    a[z + b] = 1 / (1 + Math.exp(-s[b]));
                }
            }
        }
    }

    /** {@code d[L] = (y - a[L]) * (a[L] * (1 - a[L]))}. */
    private void outputDelta(int block) {
        final int last = layers - 1, n = examples * topology.outputs() * width;
        final int base = block * n;
        final double[] t = targets, o = activations[last], d = deltas[last];
        for (int v = base; v < base + n; v++) {
            d[v] = (t[v] - o[v]) * (o[v] * (1 - o[v]));
        }
    }

    /** {@code d[l] = (d[l+1] · W[l+1]T) * (a[l] * (1 - a[l]))}: each sum over the next layer's units in ascending order. */
    private void hiddenDelta(int block, int l) {
        final int units = topology.fanOut(l), next = topology.fanOut(l + 1);
        final double[] nd = deltas[l + 1], w = weights[l + 1], a = activations[l], d = deltas[l];
        final int ndBase = block * examples * next * width;
        final int wBase = block * units * next * width;
        final int base = block * examples * units * width;
        final double[] s = sum;
        for (int e = 0; e < examples; e++) {
            for (int j = 0; j < units; j++) {
                for (int b = 0; b < width; b++) {
                    s[b] = 0.0;
                }
                for (int m = 0; m < next; m++) {
                    int x = ndBase + (e * next + m) * width, y = wBase + (j * next + m) * width;
                    for (int b = 0; b < width; b++) {
                        s[b] += nd[x + b] * w[y + b];
                    }
                }
                int z = base + (e * units + j) * width;
                for (int b = 0; b < width; b++) {
                    double act = a[z + b];
                    d[z + b] = s[b] * (act * (1 - act));
                }
            }
        }
    }

    /** {@code W[l] += in[l]T · d[l]}: each sum over the examples in ascending order from 0, finished before it is added. */
    private void update(int block, int l) {
        final int fanIn = topology.fanIn(l), fanOut = topology.fanOut(l);
        final double[] in = l == 0 ? inputs : activations[l - 1];
        final double[] d = deltas[l], w = weights[l];
        final int inBase = block * examples * fanIn * width;
        final int dBase = block * examples * fanOut * width;
        final int wBase = block * fanIn * fanOut * width;
        final double[] s = sum;
        for (int i = 0; i < fanIn; i++) {
            for (int j = 0; j < fanOut; j++) {
                for (int b = 0; b < width; b++) {
                    s[b] = 0.0;
                }
                for (int e = 0; e < examples; e++) {
                    int x = inBase + (e * fanIn + i) * width, y = dBase + (e * fanOut + j) * width;
                    for (int b = 0; b < width; b++) {
                        s[b] += in[x + b] * d[y + b];
                    }
                }
                int z = wBase + (i * fanOut + j) * width;
                for (int b = 0; b < width; b++) {
                    w[z + b] += s[b];
                }
            }
        }
    }
}
