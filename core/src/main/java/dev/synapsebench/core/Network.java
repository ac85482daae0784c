package dev.synapsebench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected sigmoid network trained full-batch exactly as in the tutorials, written only
 * against {@link MatrixKernel}:
 *
 * <pre>
 *   a[0] = sigmoid(X · W[0]),  a[l] = sigmoid(a[l-1] · W[l])          forward
 *   d[L] = (y - a[L]) * (a[L] * (1 - a[L]))                            output delta
 *   d[l] = (d[l+1] · W[l+1]T) * (a[l] * (1 - a[l]))                    hidden deltas
 *   W[l] += a[l-1]T · d[l]   (a[-1] = X)                               update, after all deltas
 * </pre>
 *
 * No learning rate and no bias, as in the tutorials. All matrices live in the kernel's own form
 * and are allocated here once; {@link #trainingStep()} allocates nothing.
 *
 * @param <M> the kernel's matrix handle type
 */
public final class Network<M> {

    private final MatrixKernel<M> kernel;
    private final Topology topology;
    private final int examples;
    private final M inputs;
    private final M targets;
    private final List<M> weights;
    private final List<M> activations;
    private final List<M> deltas;
    /** One row-major buffer per layer's weights, for {@link #weightsFinite()} without allocating. */
    private final double[][] scratch;

    /**
     * @param initialWeights one {@code fanIn x fanOut} matrix per layer, e.g. from {@link NumpyInit}
     * @throws IllegalArgumentException when the shapes of the data and the weights do not fit the topology
     */
    public Network(MatrixKernel<M> kernel, Topology topology, TrainingSet trainingSet, List<Matrix> initialWeights) {
        checkShapes(topology, trainingSet, initialWeights);
        this.kernel = kernel;
        this.topology = topology;
        this.examples = trainingSet.examples();
        this.inputs = upload(trainingSet.inputs());
        this.targets = upload(trainingSet.targets());
        int layers = topology.layers();
        this.weights = new ArrayList<>(layers);
        this.activations = new ArrayList<>(layers);
        this.deltas = new ArrayList<>(layers);
        this.scratch = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights.add(upload(initialWeights.get(l)));
            activations.add(kernel.create(examples, topology.fanOut(l)));
            deltas.add(kernel.create(examples, topology.fanOut(l)));
            scratch[l] = new double[topology.fanIn(l) * topology.fanOut(l)];
        }
    }

    /** A network with the tutorials' numpy initial weights for {@code seed}. */
    public static <M> Network<M> seeded(MatrixKernel<M> kernel, Topology topology, TrainingSet trainingSet, long seed) {
        return new Network<>(kernel, topology, trainingSet, NumpyInit.weights(topology, seed));
    }

    /** A workload's network with its numpy initial weights, ready to train. */
    public static <M> Network<M> of(MatrixKernel<M> kernel, Workload workload) {
        return seeded(kernel, workload.topology(), workload.trainingSet(), workload.seed());
    }

    // ---- the training loop ----

    /** {@code iterations} full training steps. */
    public void train(long iterations) {
        for (long i = 0; i < iterations; i++) {
            trainingStep();
        }
    }

    /** One iteration: forward pass, then backward pass and weight update (a backend may fuse them). */
    public void trainingStep() {
        kernel.trainingStep(inputs, targets, weights, activations, deltas);
    }

    /** Forward pass of the training set: every layer's activation. */
    public void forward() {
        kernel.forwardPass(inputs, weights, activations);
    }

    /**
     * Backward pass and weight update from the activations of the last {@link #forward()}:
     * all deltas first (each uses the not yet updated weights), then every {@code W += aT·d}.
     */
    public void backward() {
        kernel.backwardPass(inputs, targets, weights, activations, deltas);
    }

    /**
     * Loads {@code rowMajor[l]} (one {@code fanIn x fanOut} row-major array per layer) into the
     * weights, in place: starts the network over without building a new one, so nothing is
     * allocated (for backends whose {@code load} allocates nothing).
     */
    public void loadWeights(double[][] rowMajor) {
        if (rowMajor.length != weights.size()) {
            throw new IllegalArgumentException("the network " + topology + " has " + weights.size()
                    + " weight layers, got " + rowMajor.length);
        }
        for (int l = 0; l < rowMajor.length; l++) {
            if (rowMajor[l].length != scratch[l].length) {
                throw new IllegalArgumentException("weights of layer " + (l + 1) + " need " + scratch[l].length
                        + " values, got " + rowMajor[l].length);
            }
            kernel.load(weights.get(l), rowMajor[l]);
        }
    }

    /** Loads layer {@code layer}'s weights ({@code fanIn x fanOut} row-major) in place. */
    public void loadWeights(int layer, double[] rowMajor) {
        checkLayer(layer, rowMajor);
        kernel.load(weights.get(layer), rowMajor);
    }

    /** Layer {@code layer}'s current weights into {@code rowMajor} ({@code fanIn x fanOut} row-major). */
    public void storeWeights(int layer, double[] rowMajor) {
        checkLayer(layer, rowMajor);
        kernel.store(weights.get(layer), rowMajor);
    }

    private void checkLayer(int layer, double[] rowMajor) {
        if (layer < 0 || layer >= weights.size()) {
            throw new IndexOutOfBoundsException("layer " + layer + " of the network " + topology);
        }
        if (rowMajor.length != scratch[layer].length) {
            throw new IllegalArgumentException("weights of layer " + (layer + 1) + " need " + scratch[layer].length
                    + " values, got " + rowMajor.length);
        }
    }

    /**
     * A weight that is NaN or infinite: layer {@code layer} (from 0), element {@code (row, col)}.
     * {@link #toString()} is {@code "layer L element (r,c) is v"}, what {@link #firstNonFiniteWeight()} says.
     */
    public record NonFiniteWeight(int layer, int row, int col, double value) {
        @Override
        public String toString() {
            return "layer " + layer + " element (" + row + "," + col + ") is " + value;
        }
    }

    /** The first weight that is NaN or infinite, or null when all are finite (see {@link #firstNonFiniteWeight()}). */
    public NonFiniteWeight firstNonFinite() {
        for (int l = 0; l < weights.size(); l++) {
            kernel.store(weights.get(l), scratch[l]);
            for (int i = 0; i < scratch[l].length; i++) {
                if (!Double.isFinite(scratch[l][i])) {
                    int cols = topology.fanOut(l);
                    return new NonFiniteWeight(l, i / cols, i % cols, scratch[l][i]);
                }
            }
        }
        return null;
    }

    /**
     * The first weight that is NaN or infinite, as {@code "layer L element (r,c) is v"}, or null when
     * all are finite. Reads the weights through buffers kept for it: allocates nothing while they are finite.
     */
    public String firstNonFiniteWeight() {
        NonFiniteWeight found = firstNonFinite();
        return found == null ? null : found.toString();
    }

    // ---- read-back (copies; outside the training loop) ----

    public Topology topology() {
        return topology;
    }

    public MatrixKernel<M> kernel() {
        return kernel;
    }

    /** Current weights, one {@code fanIn x fanOut} matrix per layer. */
    public List<Matrix> weights() {
        List<Matrix> out = new ArrayList<>(weights.size());
        for (M w : weights) {
            out.add(download(w));
        }
        return out;
    }

    /**
     * The network's output for the training set as of the last {@link #forward()}: after
     * {@link #train} that is the pass made inside the last iteration, before its update (what the
     * tutorials print as "Output After Training").
     */
    public Matrix lastOutput() {
        return download(activations.get(activations.size() - 1));
    }

    /** Every layer's activation for one input row with the current weights (last = output). */
    public List<Matrix> predict(double[] input) {
        if (input.length != topology.inputs()) {
            throw new IllegalArgumentException("the input has " + input.length + " values but the network "
                    + topology + " takes " + topology.inputs());
        }
        List<Matrix> layers = new ArrayList<>(weights.size());
        M in = upload(Matrix.row(input));
        for (int l = 0; l < weights.size(); l++) {
            M out = kernel.create(1, topology.fanOut(l));
            kernel.forwardLayer(in, weights.get(l), out);
            layers.add(download(out));
            in = out;
        }
        return layers;
    }

    /** Forward pass of the whole training set with the current weights, in fresh buffers. */
    public Matrix outputWithCurrentWeights() {
        M in = inputs;
        for (int l = 0; l < weights.size(); l++) {
            M out = kernel.create(examples, topology.fanOut(l));
            kernel.forwardLayer(in, weights.get(l), out);
            in = out;
        }
        return download(in);
    }

    private M upload(Matrix m) {
        M handle = kernel.create(m.rows(), m.cols());
        kernel.load(handle, m.values());
        return handle;
    }

    private Matrix download(M handle) {
        int rows = kernel.rows(handle);
        int cols = kernel.cols(handle);
        double[] values = new double[rows * cols];
        kernel.store(handle, values);
        return new Matrix(rows, cols, values);
    }

    private static void checkShapes(Topology topology, TrainingSet set, List<Matrix> weights) {
        if (set.inputs().cols() != topology.inputs()) {
            throw new IllegalArgumentException("the network " + topology + " takes " + topology.inputs()
                    + " inputs but the training inputs have " + set.inputs().cols() + " columns");
        }
        if (set.targets().cols() != topology.outputs()) {
            throw new IllegalArgumentException("the network " + topology + " has " + topology.outputs()
                    + " outputs but the targets have " + set.targets().cols() + " columns");
        }
        if (weights.size() != topology.layers()) {
            throw new IllegalArgumentException("the network " + topology + " has " + topology.layers()
                    + " weight layers, got " + weights.size() + " weight matrices");
        }
        for (int l = 0; l < topology.layers(); l++) {
            Matrix w = weights.get(l);
            if (w.rows() != topology.fanIn(l) || w.cols() != topology.fanOut(l)) {
                throw new IllegalArgumentException("weights of layer " + (l + 1) + " are " + w.rows() + "x"
                        + w.cols() + ", the network " + topology + " needs " + topology.fanIn(l) + "x"
                        + topology.fanOut(l));
            }
        }
    }
}
