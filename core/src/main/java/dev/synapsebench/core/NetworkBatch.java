package dev.synapsebench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The batched path of the SPI: {@link #size()} independent networks of one topology, each with its
 * own training set (the same object for all when they share one) and its own weights, trained
 * together by one {@link #train} call. Made by {@link MatrixKernel#batch}; the default batch
 * ({@link SequentialBatch}) trains them one after another through the single-network path, a
 * backend may lay them out side by side (structure of arrays: lane k of a vector holds network
 * k's value).
 *
 * <p><b>Results never depend on the batch</b>: network k ends with the same bits whatever the
 * size, the order of loading, the other members and how many threads share the work
 * ({@link ThreadedBatch}). Against the single-network path of the same backend it is within the
 * backend's stated tolerance, bit for bit where the arithmetic is the same (scalar).
 *
 * <p>Everything is allocated when the batch is made and when a member's data is first loaded;
 * {@link #train} allocates nothing. Like a {@link Network}, a batch is used by one thread at a time.
 */
public interface NetworkBatch {

    Topology topology();

    /** Examples in every member's training set. */
    int examples();

    /** Members, numbered from 0. */
    int size();

    /**
     * Network {@code k}'s training set; needs {@link #examples()} rows. Load it before the
     * member's weights (a batch may build the member here); a member's weights survive a later
     * change of its training set.
     */
    void loadData(int k, TrainingSet trainingSet);

    /** Network {@code k}'s weights of layer {@code layer}, {@code fanIn x fanOut} row-major. */
    void loadWeights(int k, int layer, double[] rowMajor);

    /** {@code iterations} full-batch training steps of every member, as {@link Network#train} does them. */
    void train(long iterations);

    /** Network {@code k}'s current weights of layer {@code layer} into {@code rowMajor}. */
    void storeWeights(int k, int layer, double[] rowMajor);

    /** Loads member {@code k}: its training set and one {@code fanIn x fanOut} matrix per layer. */
    default void load(int k, TrainingSet trainingSet, List<Matrix> weights) {
        Topology topology = topology();
        if (weights.size() != topology.layers()) {
            throw new IllegalArgumentException("the network " + topology + " has " + topology.layers()
                    + " weight layers, got " + weights.size() + " weight matrices");
        }
        for (int l = 0; l < weights.size(); l++) { // every shape checked before anything is loaded
            Matrix w = weights.get(l);
            if (w.rows() != topology.fanIn(l) || w.cols() != topology.fanOut(l)) {
                throw new IllegalArgumentException("weights of layer " + (l + 1) + " are " + w.rows() + "x"
                        + w.cols() + ", the network " + topology + " needs " + topology.fanIn(l) + "x"
                        + topology.fanOut(l));
            }
        }
        loadData(k, trainingSet); // checks the data before it changes anything
        for (int l = 0; l < weights.size(); l++) {
            loadWeights(k, l, weights.get(l).values());
        }
    }

    /** Member {@code k}'s current weights, one {@code fanIn x fanOut} matrix per layer (copies). */
    default List<Matrix> weights(int k) {
        Topology topology = topology();
        List<Matrix> out = new ArrayList<>(topology.layers());
        for (int l = 0; l < topology.layers(); l++) {
            double[] values = new double[topology.fanIn(l) * topology.fanOut(l)];
            storeWeights(k, l, values);
            out.add(new Matrix(topology.fanIn(l), topology.fanOut(l), values));
        }
        return out;
    }

    /**
     * The bytes a batch's group of members may hold so that it trains in cache: about one core's L1
     * data cache (48 KiB on the AVX-512 machines measured; where L1 is 32 KiB, such a group still
     * mostly fits in L1 and wholly in L2). Implementations size their groups against it.
     */
    int GROUP_CACHE_BYTES = 48 * 1024;

    /**
     * The values one member holds in a batch that stores everything per member: its data, its
     * weights, and each layer's activations and deltas; for implementations sizing their groups.
     */
    static long valuesPerMember(Topology topology, int examples) {
        long values = (long) examples * (topology.inputs() + topology.outputs());
        for (int l = 0; l < topology.layers(); l++) {
            values += (long) topology.fanIn(l) * topology.fanOut(l) + 2L * examples * topology.fanOut(l);
        }
        return values;
    }

    /** Checks a member number and a training set's shape; for implementations. */
    static void checkData(NetworkBatch batch, int k, TrainingSet set) {
        checkMember(batch, k);
        Topology topology = batch.topology();
        if (set.examples() != batch.examples()) {
            throw new IllegalArgumentException("this batch trains on " + batch.examples() + " examples, the training set of network "
                    + k + " has " + set.examples());
        }
        if (set.inputs().cols() != topology.inputs() || set.targets().cols() != topology.outputs()) {
            throw new IllegalArgumentException("the network " + topology + " takes " + topology.inputs() + " inputs and "
                    + topology.outputs() + " outputs, the training set of network " + k + " has " + set.inputs().cols()
                    + " and " + set.targets().cols());
        }
    }

    /** Checks a member number; for implementations. */
    static void checkMember(NetworkBatch batch, int k) {
        if (k < 0 || k >= batch.size()) {
            throw new IndexOutOfBoundsException("network " + k + " of a batch of " + batch.size());
        }
    }
}
