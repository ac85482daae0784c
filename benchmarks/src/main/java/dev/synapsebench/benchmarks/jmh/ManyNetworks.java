package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.ThreadedBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.Workload;

import java.util.List;

/**
 * K networks of one workload's topology on one backend, trained together through the SPI's batched
 * path ({@code MatrixKernel.batch}) on T threads ({@link ThreadedBatch}): member k starts from
 * numpy's initial weights for seed {@code k + 1} (the seeds 1..K, as {@code synapse train --seeds 1-K}
 * uses them), every member on the workload's one training set.
 *
 * <p>Everything is built here, once: the batch, each thread's kernel instance (new instances of the
 * installed class, from {@link NetworkFactory}: no ServiceLoader scan per thread) and the members'
 * starting weights. {@link #reset} reloads those weights in place.
 */
final class ManyNetworks implements AutoCloseable {

    private final NetworkFactory<?> factory;
    private final ThreadedBatch batch;
    /** Per member and layer, the starting weights row-major. */
    private final double[][][] starting;
    /** Per layer, a buffer for reading a member's weights back ({@link #firstNonFiniteWeight}). */
    private final double[][] readBack;

    /**
     * @param size    members K
     * @param threads threads T the members are spread over (fewer when K is smaller)
     */
    ManyNetworks(NetworkFactory<?> factory, int size, int threads) {
        this.factory = factory;
        Workload workload = factory.workload();
        Topology topology = workload.topology();
        this.batch = new ThreadedBatch(factory::newKernel, topology, workload.trainingSet().examples(), size, threads);
        this.starting = new double[size][][];
        for (int k = 0; k < size; k++) {
            starting[k] = NumpyInit.weights(topology, seed(k)).stream().map(Matrix::values).toArray(double[][]::new);
            batch.loadData(k, workload.trainingSet());
        }
        this.readBack = new double[topology.layers()][];
        for (int l = 0; l < topology.layers(); l++) {
            readBack[l] = new double[topology.fanIn(l) * topology.fanOut(l)];
        }
        reset();
    }

    /** The numpy seed member {@code k} starts from. */
    static long seed(int k) {
        return k + 1;
    }

    /** Every member back to its starting weights, in place. */
    void reset() {
        for (int k = 0; k < starting.length; k++) {
            for (int l = 0; l < starting[k].length; l++) {
                batch.loadWeights(k, l, starting[k][l]);
            }
        }
    }

    /** What the benchmark measures: {@code steps} training steps of every member. */
    void train(long steps) {
        batch.train(steps);
    }

    /** Member {@code k}'s current weights (copies). */
    List<Matrix> weights(int k) {
        return batch.weights(k);
    }

    /** The first non-finite weight of any member, as {@code "network k layer L element i is v"}, or null. */
    String firstNonFiniteWeight() {
        for (int k = 0; k < starting.length; k++) {
            for (int l = 0; l < readBack.length; l++) {
                batch.storeWeights(k, l, readBack[l]);
                for (int i = 0; i < readBack[l].length; i++) {
                    if (!Double.isFinite(readBack[l][i])) {
                        return "network " + k + " layer " + (l + 1) + " element " + i + " is " + readBack[l][i];
                    }
                }
            }
        }
        return null;
    }

    /** The batch, for the benchmark to return: the state its work went into. */
    ThreadedBatch batch() {
        return batch;
    }

    int size() {
        return batch.size();
    }

    /** Threads actually used. */
    int threads() {
        return batch.threads();
    }

    NetworkFactory<?> factory() {
        return factory;
    }

    /** Stops the batch's threads. */
    @Override
    public void close() {
        batch.close();
    }
}
