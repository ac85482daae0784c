package dev.synapsebench.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Topology;

import java.util.List;

/**
 * numpy's values for a mid-size synthetic network (3 weight layers, 30-50-40-5, 80 examples, seed
 * 7, 300 iterations), from {@code reference/numpy_synthetic_reference.py}: the data, the initial
 * weights, the weights after training, and both outputs. Numbers are Python's repr, which parses
 * back to the same double.
 */
public record SyntheticReference(Topology topology, int examples, long seed, int iterations, Matrix inputs,
                                 Matrix targets, List<Matrix> initialWeights, List<Matrix> weights, Matrix output,
                                 Matrix lastIterationOutput, String numpy) {

    private static final String RESOURCE = "/numpy_synthetic_reference.json";

    public static SyntheticReference load() {
        JsonNode root = ReferenceJson.read(RESOURCE);
        return new SyntheticReference(ReferenceJson.topology(root.get("sizes")), root.get("examples").asInt(),
                root.get("seed").asLong(), root.get("iterations").asInt(), ReferenceJson.rows(root.get("X")),
                ReferenceJson.rows(root.get("y")), ReferenceJson.layers(root.get("initialWeights")),
                ReferenceJson.layers(root.get("weights")), ReferenceJson.rows(root.get("output")),
                ReferenceJson.rows(root.get("lastIterationOutput")), root.get("numpy").asText());
    }

    @Override
    public String toString() {
        return topology + "x" + examples + " seed " + seed;
    }
}
