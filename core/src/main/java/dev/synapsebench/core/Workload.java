package dev.synapsebench.core;

import java.util.Optional;

/**
 * One named thing to train: a network, its training set, seed and iteration count, the new
 * situation it predicts (if any), and how the benchmarks know it. The tutorial programs are
 * workloads ({@link Workloads}); so is anything the CLI and the benchmarks should train by name.
 *
 * @param name              command-line name ({@code --preset}), e.g. {@code xor-3layer}
 * @param benchmarkName     the benchmarks' {@code network} parameter value; it never changes once
 *                          results were published under it, so old runs stay comparable (the
 *                          tutorials' first two shapes are {@code 3-1} and {@code 3-4-1})
 * @param inDefaultRun      whether a benchmark run without {@code --networks} measures it
 * @param title             the tutorial or generator it comes from
 * @param topology          layer sizes
 * @param trainingSet       X and y
 * @param seed              {@code np.random.seed} value
 * @param iterations        training iterations of the whole program (the {@code train} benchmark)
 * @param newSituation      input fed to the trained network, or null
 */
public record Workload(String name, String benchmarkName, boolean inDefaultRun, String title, Topology topology,
                       TrainingSet trainingSet, long seed, int iterations, double[] newSituation) {

    public Optional<double[]> prediction() {
        return Optional.ofNullable(newSituation).map(double[]::clone);
    }

    @Override
    public String toString() {
        return name;
    }
}
