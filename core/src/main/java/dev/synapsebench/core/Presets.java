package dev.synapsebench.core;

import java.util.List;
import java.util.Optional;

/** The four tutorial programs synapse-bench reproduces (reference cases a-d). */
public final class Presets {

    private static final double[][] XOR_INPUTS = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};

    /** a: Milo Spencer-Harper, "How to build a simple neural network in 9 lines of Python code". */
    public static final Preset SINGLE_NEURON = new Preset("single-neuron",
            "Milo Spencer-Harper: a single neuron in 9 lines (3-1)",
            Topology.of(3, 1),
            set(new double[][] {{0, 0, 1}, {1, 1, 1}, {1, 0, 1}, {0, 1, 1}}, 0, 1, 1, 0),
            1, 10_000, new double[] {1, 0, 0});

    /** b: Milo Spencer-Harper, "How to build a multi-layered neural network in Python". */
    public static final Preset MULTI_LAYER = new Preset("multi-layer",
            "Milo Spencer-Harper: a multi-layered neural network (3-4-1)",
            Topology.of(3, 4, 1),
            set(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {0, 1, 0}, {1, 0, 0}, {1, 1, 1}, {0, 0, 0}},
                    0, 1, 1, 1, 1, 0, 0),
            1, 60_000, new double[] {1, 1, 0});

    /** c: Steemit @quantum-cyborg, "Let's build a Neural Network in Python!" (Trask's 3-layer net). */
    public static final Preset XOR_3LAYER = new Preset("xor-3layer",
            "Steemit: a 3-layer network learns XOR in 50000 iterations (3-4-1)",
            Topology.of(3, 4, 1),
            set(XOR_INPUTS, 0, 1, 1, 0),
            1, 50_000, null);

    /** d: Andrew Trask, "A Neural Network in 11 lines of Python", 2-layer network. */
    public static final Preset TRASK_2LAYER = new Preset("trask-2layer",
            "Andrew Trask: a 2-layer network in 11 lines (3-1)",
            Topology.of(3, 1),
            set(XOR_INPUTS, 0, 0, 1, 1),
            1, 10_000, null);

    private static final List<Preset> ALL = List.of(SINGLE_NEURON, MULTI_LAYER, XOR_3LAYER, TRASK_2LAYER);

    private Presets() {
    }

    public static List<Preset> all() {
        return ALL;
    }

    public static Optional<Preset> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Preset::name).toList();
    }

    private static TrainingSet set(double[][] inputs, double... targets) {
        double[][] column = new double[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            column[i] = new double[] {targets[i]};
        }
        return new TrainingSet(Matrix.ofRows(inputs), Matrix.ofRows(column));
    }
}
