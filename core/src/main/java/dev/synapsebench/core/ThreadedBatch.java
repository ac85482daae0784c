package dev.synapsebench.core;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A batch spread over threads: members {@code 0..size-1} cut into {@code threads} contiguous
 * slices of near-equal size (the first {@code size % threads} one larger), each slice a batch of
 * its own on its own kernel instance (kernels keep per-instance state, e.g. ND4J's bound ops), each
 * trained on its own platform thread (the caller's for the first). A member's result is its slice's, which does not depend on
 * the slice ({@link NetworkBatch}): the output is the same for any thread count.
 *
 * <p>The threads live as long as the batch: {@link #close} stops them (they are daemons).
 */
public final class ThreadedBatch extends AbstractNetworkBatch implements AutoCloseable {

    private final NetworkBatch[] slices;
    /** First member of each slice, plus {@code size} at the end. */
    private final int[] starts;
    /** One per slice after the first (the caller trains that one). */
    private final Worker[] workers;
    /** Incremented by each {@link #train} call; a worker trains once per new value. */
    private volatile int generation;
    private volatile long iterations;
    /** The thread waiting in {@link #train}, for the workers to wake. */
    private volatile Thread waiter;
    private volatile boolean closed;

    /**
     * @param kernels a new kernel instance of the backend per call (e.g. {@code () -> Kernels.available(name, dtype)})
     * @param threads threads to spread the members over; fewer are used when there are fewer members
     */
    public ThreadedBatch(Supplier<MatrixKernel<?>> kernels, Topology topology, int examples, int size, int threads) {
        super(topology, examples, size);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
        }
        int used = Math.min(threads, size);
        this.slices = new NetworkBatch[used];
        this.starts = new int[used + 1];
        for (int t = 0; t < used; t++) {
            int members = size / used + (t < size % used ? 1 : 0);
            starts[t + 1] = starts[t] + members;
            slices[t] = kernels.get().batch(topology, examples, members);
        }
        this.workers = new Worker[used - 1];
        for (int t = 1; t < used; t++) {
            workers[t - 1] = new Worker(slices[t], t);
            workers[t - 1].start();
        }
    }

    /** Threads the members are spread over. */
    public int threads() {
        return slices.length;
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
     * calling thread trains the first slice itself. Workers and the waiting caller spin for up to
     * {@link #SPIN_NANOS} before they park: waking a parked thread on another core costs tens of
     * microseconds on a VM (an idle vCPU is halted), as much as a short call's work, and a
     * benchmark's calls follow each other closely. Allocates nothing.
     */
    @Override
    public void train(long iterations) {
        waiter = Thread.currentThread();
        this.iterations = iterations;
        int g = generation + 1;
        generation = g; // publishes the iterations and every load before it
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
        RuntimeException failure = null;
        try {
            slices[0].train(iterations);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Worker worker : workers) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (worker.done != g) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (failure == null && worker.failure != null) {
                failure = worker.failure;
            }
            worker.failure = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** How long a worker waits for the next call, and the caller for a worker, before parking. */
    static final long SPIN_NANOS = 100_000;

    /** Stops the workers. */
    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    /** Trains one slice once per {@link #generation}. */
    private final class Worker extends Thread {

        private final NetworkBatch slice;
        /** The last generation trained (set after the training, so the caller sees its results). */
        volatile int done;
        volatile RuntimeException failure;

        Worker(NetworkBatch slice, int index) {
            super("synapse-batch-" + index);
            this.slice = slice;
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0; // the generation at construction, not when this thread got going: a call may come first
            while (!closed) {
                int g = generation;
                if (g == seen) {
                    long spinUntil = System.nanoTime() + SPIN_NANOS;
                    while (generation == seen && !closed) {
                        if (System.nanoTime() < spinUntil) {
                            Thread.onSpinWait();
                        } else {
                            LockSupport.park(this);
                        }
                    }
                    continue;
                }
                seen = g;
                try {
                    slice.train(iterations);
                } catch (RuntimeException | Error e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                done = g;
                LockSupport.unpark(waiter);
            }
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
