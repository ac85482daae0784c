package dev.synapsebench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A batch spread over threads: members {@code 0..size-1} cut into {@code threads} contiguous
 * slices of near-equal size (the first {@code size % threads} one larger), each slice a batch of
 * its own on its own kernel instance (kernels keep per-instance state, e.g. ND4J's bound ops), each
 * trained on its own platform thread (the caller's for the first). A member's result is its slice's, which does not depend on
 * the slice ({@link NetworkBatch}): the output is the same for any thread count.
 *
 * <p>The threads live as long as the batch: {@link #close} stops them.
 */
public final class ThreadedBatch implements NetworkBatch, AutoCloseable {

    private final Topology topology;
    private final int examples;
    private final int size;
    private final NetworkBatch[] slices;
    /** First member of each slice, plus {@code size} at the end. */
    private final int[] starts;
    private final ExecutorService threads;
    private final List<Future<?>> running;

    /**
     * @param kernels a new kernel instance of the backend per call (e.g. {@code () -> Kernels.available(name, dtype)})
     * @param threads threads to spread the members over; fewer are used when there are fewer members
     */
    public ThreadedBatch(Supplier<MatrixKernel<?>> kernels, Topology topology, int examples, int size, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
        }
        if (size < 1) {
            throw new IllegalArgumentException("a batch needs at least one network, got " + size);
        }
        this.topology = topology;
        this.examples = examples;
        this.size = size;
        int used = Math.min(threads, size);
        this.slices = new NetworkBatch[used];
        this.starts = new int[used + 1];
        for (int t = 0; t < used; t++) {
            int members = size / used + (t < size % used ? 1 : 0);
            starts[t + 1] = starts[t] + members;
            slices[t] = kernels.get().batch(topology, examples, members);
        }
        this.threads = used == 1 ? null : Executors.newFixedThreadPool(used - 1, runnable -> {
            Thread thread = new Thread(runnable, "synapse-batch");
            thread.setDaemon(true);
            return thread;
        });
        this.running = new ArrayList<>(used);
    }

    /** Threads the members are spread over. */
    public int threads() {
        return slices.length;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public int examples() {
        return examples;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void loadData(int k, TrainingSet trainingSet) {
        int t = slice(k);
        slices[t].loadData(k - starts[t], trainingSet);
    }

    @Override
    public void loadWeights(int k, int layer, double[] rowMajor) {
        int t = slice(k);
        slices[t].loadWeights(k - starts[t], layer, rowMajor);
    }

    @Override
    public void storeWeights(int k, int layer, double[] rowMajor) {
        int t = slice(k);
        slices[t].storeWeights(k - starts[t], layer, rowMajor);
    }

    /**
     * Trains every slice on its own thread and waits for all; the first failure is rethrown. The
     * calling thread trains the first slice itself, so a call costs one hand-off per extra thread.
     */
    @Override
    public void train(long iterations) {
        running.clear();
        for (int t = 1; t < slices.length; t++) {
            NetworkBatch slice = slices[t];
            running.add(threads.submit(() -> slice.train(iterations)));
        }
        RuntimeException failure = null;
        try {
            slices[0].train(iterations);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private int slice(int k) {
        NetworkBatch.checkMember(this, k);
        int t = 0;
        while (k >= starts[t + 1]) {
            t++;
        }
        return t;
    }
}
