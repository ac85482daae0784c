package dev.synapsebench.benchmarks;

import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.Preset;

import java.util.List;

/**
 * Networks of one preset on one backend, each starting from the preset's numpy initial weights
 * (computed once, so a reset costs the backend's uploads and nothing else).
 *
 * @param <M> the kernel's matrix handle type
 */
final class NetworkFactory<M> {

    private final MatrixKernel<M> kernel;
    private final Preset preset;
    private final List<Matrix> initialWeights;

    NetworkFactory(MatrixKernel<M> kernel, Preset preset) {
        this.kernel = kernel;
        this.preset = preset;
        this.initialWeights = NumpyInit.weights(preset.topology(), preset.seed());
    }

    /** A new network with the initial weights, as {@code Network.of(kernel, preset)} builds it. */
    Network<M> fresh() {
        return new Network<>(kernel, preset.topology(), preset.trainingSet(), initialWeights);
    }

    MatrixKernel<M> kernel() {
        return kernel;
    }

    Preset preset() {
        return preset;
    }
}
