package dev.synapsebench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The tutorials' weight initialisation: {@code np.random.seed(seed)}, then for each layer in
 * order {@code W = 2 * np.random.random((fanIn, fanOut)) - 1}. Bit-identical to numpy
 * ({@code 2*d - 1} is exact in binary64 for {@code d} in [0, 1)).
 */
public final class NumpyInit {

    private NumpyInit() {
    }

    public static List<Matrix> weights(Topology topology, long seed) {
        return weights(topology, new NumpyRandom(seed));
    }

    /** The weights drawn from {@code random}'s next values, which it then has consumed (synthetic data continues the stream). */
    public static List<Matrix> weights(Topology topology, NumpyRandom random) {
        List<Matrix> weights = new ArrayList<>(topology.layers());
        for (int l = 0; l < topology.layers(); l++) {
            double[] w = random.random(topology.fanIn(l), topology.fanOut(l));
            for (int i = 0; i < w.length; i++) {
                w[i] = 2 * w[i] - 1;
            }
            weights.add(new Matrix(topology.fanIn(l), topology.fanOut(l), w));
        }
        return weights;
    }
}
