package dev.synapsebench.core;

import java.util.Optional;

/**
 * One tutorial program: its network, training set, seed and iteration count, and the new
 * situation it predicts (if it makes a prediction).
 *
 * @param name         command-line name, e.g. {@code xor-3layer}
 * @param title        the tutorial it reproduces
 * @param topology     layer sizes
 * @param trainingSet  the tutorial's X and y
 * @param seed         {@code np.random.seed} value
 * @param iterations   training iterations
 * @param newSituation input the tutorial feeds the trained network, or null
 */
public record Preset(String name, String title, Topology topology, TrainingSet trainingSet,
                     long seed, int iterations, double[] newSituation) {

    public Optional<double[]> prediction() {
        return Optional.ofNullable(newSituation).map(double[]::clone);
    }
}
