package dev.synapsebench.benchmarks;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.Preset;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Networks of one preset on one backend, each starting from the preset's numpy initial weights
 * (computed once) and each with a kernel instance of its own.
 *
 * <p>Kernels may keep per-instance state tied to the matrices they have seen (ND4J's kernel binds
 * an op context and a scratch array to each output array), so, as {@code Kernels.byName} does, every
 * network gets a new instance, made with the public no-arg constructor ServiceLoader requires.
 *
 * @param <M> the kernel's matrix handle type
 */
final class NetworkFactory<M> {

    private final Constructor<? extends MatrixKernel<M>> constructor;
    private final String backend;
    private final Preset preset;
    private final List<Matrix> initialWeights;

    @SuppressWarnings("unchecked")
    NetworkFactory(MatrixKernel<M> installed, Preset preset) {
        try {
            this.constructor = (Constructor<? extends MatrixKernel<M>>) installed.getClass().getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("backend " + installed.name() + " has no public no-arg constructor", e);
        }
        this.backend = installed.name();
        this.preset = preset;
        this.initialWeights = NumpyInit.weights(preset.topology(), preset.seed());
    }

    /** A new network with the initial weights, as {@code Network.of(kernel, preset)} builds it. */
    Network<M> fresh() {
        return new Network<>(newKernel(), preset.topology(), preset.trainingSet(), initialWeights);
    }

    private MatrixKernel<M> newKernel() {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create a " + backend + " kernel: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + backend + " kernel: " + e, e);
        }
    }

    String backend() {
        return backend;
    }

    Preset preset() {
        return preset;
    }
}
