package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Networks of one workload on one backend, each starting from the workload's numpy initial
 * weights (computed once) and each with a kernel instance of its own.
 *
 * <p>Kernels may keep per-instance state tied to the matrices they have seen (a kernel may bind
 * native op contexts and scratch arrays to each output array), so every network gets a new
 * instance, made with the public no-arg constructor ServiceLoader requires. The constructor is
 * looked up once: {@code train} builds its network inside the measured call.
 *
 * @param <M> the kernel's matrix handle type
 */
final class NetworkFactory<M> {

    private final Constructor<? extends MatrixKernel<M>> constructor;
    private final String backend;
    private final DType dtype;
    private final Workload workload;
    private final List<Matrix> initialWeights;
    /** The same, row-major per layer, for {@link #reset}. */
    private final double[][] initialRowMajor;

    NetworkFactory(MatrixKernel<M> installed, Workload workload) {
        this(installed, workload, NumpyInit.weights(workload.topology(), workload.seed()));
    }

    @SuppressWarnings("unchecked")
    private NetworkFactory(MatrixKernel<M> installed, Workload workload, List<Matrix> initialWeights) {
        try {
            this.constructor = (Constructor<? extends MatrixKernel<M>>) installed.getClass().getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("backend " + installed.name() + " has no public no-arg constructor", e);
        }
        this.backend = installed.name();
        this.dtype = installed.dtype();
        this.workload = workload;
        this.initialWeights = initialWeights;
        this.initialRowMajor = initialWeights.stream().map(Matrix::values).toArray(double[][]::new);
    }

    /** Starts {@code network} (one of this factory's) over from the initial weights, in place. */
    void reset(Network<?> network) {
        network.loadWeights(initialRowMajor);
    }

    /**
     * The same backend and workload, its networks starting from {@code weights} instead of the
     * numpy initial weights (e.g. the weights after a few training steps, see {@code NetworkBenchmark}).
     */
    NetworkFactory<M> startingFrom(List<Matrix> weights) {
        return new NetworkFactory<>(newKernel(), workload, List.copyOf(weights));
    }

    /**
     * The benchmark parameters' backend (installed and available here, in the dtype's variant) and
     * workload (by benchmark name).
     *
     * @throws IllegalStateException with one sentence when either is unknown or the backend cannot run here
     */
    static NetworkFactory<?> of(String backend, String network, String dtype) {
        Workload workload = Workloads.byBenchmarkName(network).orElseThrow(() -> new IllegalStateException(
                "unknown network '" + network + "'; the benchmarks know " + String.join(", ",
                        Workloads.benchmarkNames())));
        MatrixKernel<?> kernel;
        try {
            kernel = Kernels.available(backend, DType.parse(dtype));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new NetworkFactory<>(kernel, workload);
    }

    /** A new network with the initial weights, as {@code Network.of(kernel, workload)} builds it. */
    Network<M> fresh() {
        return new Network<>(newKernel(), workload.topology(), workload.trainingSet(), initialWeights);
    }

    /**
     * A new kernel of the factory's backend and dtype: a new instance of the installed class, then
     * its variant for the dtype (a backend may keep both dtypes in one class, as nd4j does, whose
     * no-arg constructor is float64; for a twin class of the right dtype, itself). Also what a
     * batch's threads get, one each ({@link ManyNetworks}).
     */
    @SuppressWarnings("unchecked")
    MatrixKernel<M> newKernel() {
        try {
            MatrixKernel<M> kernel = constructor.newInstance();
            // train() builds its network inside the measured call: no Optional unless the class needs it
            return kernel.dtype() == dtype ? kernel : (MatrixKernel<M>) kernel.withDtype(dtype).orElseThrow(() ->
                    new IllegalStateException(backend + " has no " + dtype.id() + " variant"));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create a " + backend + " kernel: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + backend + " kernel: " + e, e);
        }
    }

    String backend() {
        return backend;
    }

    DType dtype() {
        return dtype;
    }

    Workload workload() {
        return workload;
    }
}
