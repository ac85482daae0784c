package dev.synapsebench.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend SPI: the matrix operations full-batch sigmoid training needs, in float64.
 *
 * <p>A kernel owns its storage. {@link #create} returns an opaque handle of the backend's own type
 * {@code M} (a {@code double[]}, an EJML {@code DMatrixRMaj}, an ND4J {@code INDArray}, ...); data
 * enters through {@link #load} and leaves through {@link #store}, both outside the training loop.
 * The operations in the loop read and write handles only: no conversion, no copy, no allocation.
 *
 * <p>Shapes follow numpy: examples are rows, a weight matrix of layer {@code l} is
 * {@code inputs x outputs}. Every operation writes into an output handle the caller created
 * with the right shape; kernels may check shapes, but the {@link Network} guarantees them.
 *
 * <p>Rounding: to stay within a few ulps of numpy (netlib BLAS), a product element is a sum over
 * the inner index in ascending order, and {@code c += aT·b} adds the finished product to
 * {@code c} (numpy computes {@code adjustment = a.T.dot(b)} first, then {@code W += adjustment}).
 * Backends that reorder sums or use FMA state their tolerance in their contract test.
 *
 * <p>The primitive operations are what a backend must provide. The fused ones ({@link
 * #forwardLayer}, {@link #hiddenDelta}) and the whole passes ({@link #forwardPass}, {@link
 * #backwardPass}, {@link #trainingStep}) have defaults built from them; the {@link Network} calls
 * only the passes, so a backend can fuse at whatever level pays off.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; they need a public no-arg
 * constructor that does no heavy work (native libraries are probed in {@link #availability}).
 * A backend declares everything the rest of the project needs to know about it here, in its own
 * module: its name, description and availability, the JVM options it needs ({@link
 * #jvmOptions}) and the facts that benchmark reports record ({@link #environment}). The CLI, its
 * launcher, the benchmark launcher and its forks read these declarations and name no backend.
 *
 * @param <M> the backend's matrix handle type
 */
public interface MatrixKernel<M> {

    /** Short name used on the command line and in benchmark reports, e.g. {@code scalar}. */
    String name();

    /** One line saying what the backend is, e.g. the library and version. */
    String description();

    /** The arithmetic this kernel computes in; the installed (ServiceLoader) instance is float64. */
    default DType dtype() {
        return DType.FLOAT64;
    }

    /**
     * This backend computing in {@code dtype}: this kernel when it is its dtype, else the backend's
     * variant for it (same name, same operations, every value held and computed in that dtype);
     * empty when the backend has none.
     */
    default Optional<MatrixKernel<?>> withDtype(DType dtype) {
        return dtype == dtype() ? Optional.of(this) : Optional.empty();
    }

    /**
     * Whether the backend can run in this JVM (native libraries, CPU features, JVM modules).
     * Called before any other operation; may be slow the first time, must not throw.
     */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * The JVM options this backend needs in every JVM that runs it (modules to resolve, native
     * access to allow). Every JVM of the project that may load backends gets the options of all
     * installed backends: the test JVMs, the {@code synapse} launcher and every benchmark fork,
     * the same set for each backend so that no backend runs on a differently configured JVM.
     * Must not load anything: it is read in JVMs started without these options.
     */
    default List<JvmOption> jvmOptions() {
        return List.of();
    }

    /**
     * What a benchmark report records about this backend as it runs here (library versions, the
     * BLAS and its threads, the vector species), as sections of {@code environment.json}: each key
     * is a top-level field of that file, its value a map, list, string, number or boolean; maps
     * under the same key from several backends are merged (e.g. {@code "versions"}). Called after
     * {@link #availability()}, also when the backend is unavailable (then say why); must not throw.
     */
    default Map<String, Object> environment() {
        return Map.of();
    }

    // ---- storage (setup and read-back only, never in the training loop) ----

    /** A new zero-filled {@code rows x cols} matrix in the backend's own form. */
    M create(int rows, int cols);

    int rows(M m);

    int cols(M m);

    /** Copies {@code rowMajor} (length {@code rows*cols}) into {@code m}. */
    void load(M m, double[] rowMajor);

    /** Copies {@code m} into {@code rowMajor} (length {@code rows*cols}). */
    void store(M m, double[] rowMajor);

    // ---- primitive operations ----

    /** {@code out = a·b}. */
    void multiply(M a, M b, M out);

    /** {@code out = a·bT}. */
    void multiplyTransB(M a, M b, M out);

    /** {@code c = c + (aT·b)}: the weight update, product finished before it is added. */
    void multiplyAddTransA(M a, M b, M c);

    /** {@code m = 1 / (1 + exp(-m))}, element-wise, in place. */
    void sigmoid(M m);

    /** {@code delta = (target - output) * (output * (1 - output))}, element-wise. */
    void outputDelta(M target, M output, M delta);

    /** {@code delta = delta * (activation * (1 - activation))}, element-wise, in place. */
    void scaleBySigmoidDerivative(M delta, M activation);

    // ---- fused steps the training loop calls ----

    /** {@code activation = sigmoid(input·weights)}: one layer of the forward pass. */
    default void forwardLayer(M input, M weights, M activation) {
        multiply(input, weights, activation);
        sigmoid(activation);
    }

    /**
     * {@code delta = (nextDelta·nextWeightsT) * (activation * (1 - activation))}: the error of a
     * hidden layer, backpropagated through the weights of the layer after it.
     */
    default void hiddenDelta(M nextDelta, M nextWeights, M activation, M delta) {
        multiplyTransB(nextDelta, nextWeights, delta);
        scaleBySigmoidDerivative(delta, activation);
    }

    // ---- whole passes, as the Network calls them ----
    // The lists hold layer l at index l (weights: fanIn x fanOut; activations and deltas: examples x
    // fanOut); they are the Network's own, never to be modified. A backend may override these to
    // fuse across layers (keep values in registers between steps); the contract suite checks any
    // override against numpy like everything else.

    /** Forward pass of the training set: {@code activations[l] = sigmoid(in·weights[l])}, in = inputs, then activations[l-1]. */
    default void forwardPass(M inputs, List<M> weights, List<M> activations) {
        M in = inputs;
        for (int l = 0; l < weights.size(); l++) {
            forwardLayer(in, weights.get(l), activations.get(l));
            in = activations.get(l);
        }
    }

    /**
     * Backward pass and update from the activations of the last forward pass: every delta first
     * (each uses the not yet updated weights, as the tutorials do), then every
     * {@code weights[l] += in[l]T·deltas[l]}.
     */
    default void backwardPass(M inputs, M targets, List<M> weights, List<M> activations, List<M> deltas) {
        int last = weights.size() - 1;
        outputDelta(targets, activations.get(last), deltas.get(last));
        for (int l = last - 1; l >= 0; l--) {
            hiddenDelta(deltas.get(l + 1), weights.get(l + 1), activations.get(l), deltas.get(l));
        }
        for (int l = 0; l <= last; l++) {
            multiplyAddTransA(l == 0 ? inputs : activations.get(l - 1), deltas.get(l), weights.get(l));
        }
    }

    /** One training iteration: {@link #forwardPass} then {@link #backwardPass}. */
    default void trainingStep(M inputs, M targets, List<M> weights, List<M> activations, List<M> deltas) {
        forwardPass(inputs, weights, activations);
        backwardPass(inputs, targets, weights, activations, deltas);
    }

    // ---- many networks at once ----

    /**
     * A batch of {@code size} independent networks of {@code topology}, each trained on its own
     * training set of {@code examples} rows (see {@link NetworkBatch}). The default trains them
     * one after another through this kernel's single-network path ({@link SequentialBatch}); a
     * backend whose single step leaves the machine idle (a chain of dependent tiny products) may
     * interleave them instead. A batch, like a {@link Network}, is used by one thread at a time;
     * {@link ThreadedBatch} spreads members over threads, one kernel instance per thread.
     */
    default NetworkBatch batch(Topology topology, int examples, int size) {
        return new SequentialBatch<>(this, topology, examples, size);
    }
}
