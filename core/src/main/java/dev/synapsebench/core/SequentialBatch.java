package dev.synapsebench.core;

/**
 * The SPI's default batch: one {@link Network} per member, trained one after another through the
 * backend's single-network path, so every member is exactly what that network alone computes.
 *
 * @param <M> the kernel's matrix handle type
 */
public final class SequentialBatch<M> extends AbstractNetworkBatch {

    private final MatrixKernel<M> kernel;
    private final Network<M>[] members;
    /** The training set each member was built on: a member is rebuilt only when it changes. */
    private final TrainingSet[] data;

    @SuppressWarnings("unchecked")
    public SequentialBatch(MatrixKernel<M> kernel, Topology topology, int examples, int size) {
        super(topology, examples, size);
        this.kernel = kernel;
        this.members = (Network<M>[]) new Network<?>[size];
        this.data = new TrainingSet[size];
    }


    @Override
    public void loadData(int k, TrainingSet trainingSet) {
        NetworkBatch.checkData(this, k, trainingSet);
        if (data[k] != trainingSet) {
            // A Network holds its training set; a new one is a new Network, with the member's weights so far.
            members[k] = new Network<>(kernel, topology(), trainingSet, members[k] == null ? zeros(topology()) : members[k].weights());
            data[k] = trainingSet;
        }
    }

    @Override
    public void loadWeights(int k, int layer, double[] rowMajor) {
        member(k).loadWeights(layer, rowMajor);
    }

    @Override
    public void train(long iterations) {
        for (int k = 0; k < members.length; k++) {
            member(k).train(iterations);
        }
    }

    @Override
    public void storeWeights(int k, int layer, double[] rowMajor) {
        member(k).storeWeights(layer, rowMajor);
    }

    /** Placeholder weights for building a member; its own are loaded next. */
    private static java.util.List<Matrix> zeros(Topology topology) {
        java.util.List<Matrix> zeros = new java.util.ArrayList<>();
        for (int l = 0; l < topology.layers(); l++) {
            zeros.add(new Matrix(topology.fanIn(l), topology.fanOut(l), new double[topology.fanIn(l) * topology.fanOut(l)]));
        }
        return zeros;
    }

    private Network<M> member(int k) {
        NetworkBatch.checkMember(this, k);
        if (members[k] == null) {
            throw new IllegalStateException("network " + k + " of the batch has no training set yet");
        }
        return members[k];
    }
}
