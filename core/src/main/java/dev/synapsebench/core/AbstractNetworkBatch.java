package dev.synapsebench.core;

/**
 * What every {@link NetworkBatch} holds the same way: its topology, examples and size, checked once
 * here (protected fields, which the batches read in their loops). Implementations add how they
 * store and train the members.
 */
public abstract class AbstractNetworkBatch implements NetworkBatch {

    protected final Topology topology;
    protected final int examples;
    protected final int size;

    protected AbstractNetworkBatch(Topology topology, int examples, int size) {
        if (size < 1 || examples < 1) {
            throw new IllegalArgumentException("a batch needs at least one network and one example, got " + size
                    + " and " + examples);
        }
        this.topology = topology;
        this.examples = examples;
        this.size = size;
    }

    @Override
    public final Topology topology() {
        return topology;
    }

    @Override
    public final int examples() {
        return examples;
    }

    @Override
    public final int size() {
        return size;
    }
}
