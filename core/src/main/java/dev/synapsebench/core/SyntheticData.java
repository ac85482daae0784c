package dev.synapsebench.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training data of any size that numpy reproduces exactly, for the size sweep: after the weights
 * ({@link NumpyInit}), from the same stream,
 *
 * <pre>
 *   np.random.seed(seed)
 *   W = [2 * np.random.random((fan_in, fan_out)) - 1 for each layer]
 *   X = np.random.random((N, IN))
 *   y = (X[:, :OUT] > 0.5).astype(np.float64)
 * </pre>
 *
 * so a network needs {@code OUT <= IN}. A synthetic workload is named {@code IN-H...-OUTxN}, e.g.
 * {@code 64-256-1x256}: layer sizes, then the example count.
 */
public final class SyntheticData {

    /** {@code 64-256-1x256}: layer sizes joined by '-', 'x', the example count. */
    private static final Pattern NAME = Pattern.compile("^([0-9][0-9-]*)x([0-9]+)$");

    /** Iterations of the whole program ({@code train}, the CLI's default) for a synthetic workload. */
    public static final int DEFAULT_ITERATIONS = 1000;

    private SyntheticData() {
    }

    /**
     * numpy's X and y for {@code topology} and {@code examples} examples after the weights drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when {@code examples < 1} or the network has more outputs than inputs
     */
    public static TrainingSet trainingSet(Topology topology, int examples, long seed) {
        requireShape(topology, examples);
        NumpyRandom random = new NumpyRandom(seed);
        NumpyInit.weights(topology, random); // the weights come first in the stream
        int inputs = topology.inputs();
        int outputs = topology.outputs();
        double[] x = random.random(examples, inputs);
        double[] y = new double[examples * outputs];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < outputs; j++) {
                y[i * outputs + j] = x[i * inputs + j] > 0.5 ? 1.0 : 0.0;
            }
        }
        return new TrainingSet(new Matrix(examples, inputs, x), new Matrix(examples, outputs, y));
    }

    /** The workload {@code IN-H...-OUTxN} with seed {@code seed}: its name is also its benchmark name. */
    public static Workload workload(Topology topology, int examples, long seed, boolean inDefaultRun) {
        String name = name(topology, examples);
        return new Workload(name, name, inDefaultRun,
                "synthetic: numpy-seeded X (" + examples + "x" + topology.inputs() + ") and y = X[:, :"
                        + topology.outputs() + "] > 0.5 (" + topology + ")",
                topology, trainingSet(topology, examples, seed), seed, DEFAULT_ITERATIONS, null);
    }

    public static String name(Topology topology, int examples) {
        return topology + "x" + examples;
    }

    /** Whether {@code name} has the form {@code IN-H...-OUTxN}. */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Parses {@code IN-H...-OUTxN} into a workload with seed 1, not measured by default.
     *
     * @throws IllegalArgumentException with one sentence when it is not such a name or not a valid shape
     */
    public static Workload parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("a synthetic network is named like 64-256-1x256 (layer sizes, 'x', "
                    + "examples), got '" + name + "'");
        }
        int examples;
        try {
            examples = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the example count of '" + name + "' is too large");
        }
        return workload(Topology.parse(m.group(1)), examples, 1, false);
    }

    static void requireShape(Topology topology, int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("a synthetic training set needs at least 1 example, got " + examples);
        }
        if (topology.outputs() > topology.inputs()) {
            throw new IllegalArgumentException("synthetic targets are the first outputs' inputs thresholded "
                    + "(y = X[:, :OUT] > 0.5), so the network " + topology + " needs at most " + topology.inputs()
                    + " outputs, not " + topology.outputs());
        }
    }
}
