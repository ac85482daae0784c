package dev.synapsebench.benchmarks;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Preset;
import dev.synapsebench.core.Presets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmark's {@code backend} and {@code network} parameters stand for.
 *
 * <p>Each network is measured on one tutorial's training set, the same for every backend:
 * {@code 3-1} is the single-neuron preset (4 examples, 10000 iterations for {@code train}) and
 * {@code 3-4-1} is the xor-3layer preset (XOR, 4 examples, 50000 iterations), whose 4x3 · 3x4
 * shapes are the ones the speed targets are quoted for.
 */
final class Workloads {

    /** Network parameter value -> the preset whose training set and program it runs. */
    static final Map<String, Preset> NETWORKS = networks();

    private Workloads() {
    }

    private static Map<String, Preset> networks() {
        Map<String, Preset> networks = new LinkedHashMap<>();
        networks.put("3-1", Presets.SINGLE_NEURON);
        networks.put("3-4-1", Presets.XOR_3LAYER);
        return networks;
    }

    static NetworkFactory<?> factory(String backend, String network) {
        return new NetworkFactory<>(kernel(backend), preset(network));
    }

    static Preset preset(String network) {
        Preset preset = NETWORKS.get(network);
        if (preset == null) {
            throw new IllegalArgumentException("unknown network '" + network + "'; the benchmarks know "
                    + String.join(", ", NETWORKS.keySet()));
        }
        return preset;
    }

    /** The installed, available backend called {@code name}; otherwise one sentence saying why not. */
    static MatrixKernel<?> kernel(String name) {
        try {
            return Kernels.available(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Throws when a weight became NaN or infinite, which would make the timing meaningless. */
    static void requireFinite(Network<?> network, String what) {
        int layer = 0;
        for (Matrix weights : network.weights()) {
            for (double w : weights.values()) {
                if (!Double.isFinite(w)) {
                    throw new IllegalStateException("weights of layer " + layer + " became " + w + " for " + what
                            + "; the state policy must keep them finite");
                }
            }
            layer++;
        }
    }
}
