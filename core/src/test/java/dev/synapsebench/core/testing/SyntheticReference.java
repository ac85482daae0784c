package dev.synapsebench.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
        JsonNode root;
        try (InputStream in = SyntheticReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] sizes = new int[root.get("sizes").size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = root.get("sizes").get(i).asInt();
        }
        return new SyntheticReference(Topology.of(sizes), root.get("examples").asInt(), root.get("seed").asLong(),
                root.get("iterations").asInt(), rows(root.get("X")), rows(root.get("y")),
                layers(root.get("initialWeights")), layers(root.get("weights")), rows(root.get("output")),
                rows(root.get("lastIterationOutput")), root.get("numpy").asText());
    }

    private static List<Matrix> layers(JsonNode node) {
        List<Matrix> layers = new ArrayList<>();
        node.forEach(layer -> layers.add(rows(layer)));
        return layers;
    }

    private static Matrix rows(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            JsonNode row = node.get(r);
            rows[r] = new double[row.size()];
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = row.get(c).doubleValue();
            }
        }
        return Matrix.ofRows(rows);
    }

    @Override
    public String toString() {
        return topology + "x" + examples + " seed " + seed;
    }
}
