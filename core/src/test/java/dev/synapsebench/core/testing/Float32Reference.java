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
 * numpy's float32 values ({@code reference/numpy_float32_reference.py}): the four tutorial presets
 * and a synthetic network, with the weights drawn in float64 and rounded, the data rounded, and
 * every operation in float32. Each number is the float64 value of a float32, so a float32 kernel's
 * widened output compares directly.
 */
public final class Float32Reference {

    private static final String RESOURCE = "/numpy_float32_reference.json";
    private static final JsonNode ROOT = read();

    /** The synthetic case's name in the file. */
    public static final String SYNTHETIC = "30-50-40-5x80";

    private Float32Reference() {
    }

    /**
     * One case: a preset by its name, or {@link #SYNTHETIC}.
     *
     * @param prediction the forward pass of {@code predictionInput} with the final weights; null when the preset has none
     */
    public record Case(String name, Topology topology, int examples, long seed, int iterations, Matrix inputs,
                       Matrix targets, List<Matrix> initialWeights, List<Matrix> weights, Matrix lastIterationOutput,
                       Matrix output, double[] predictionInput, Matrix prediction) {
        @Override
        public String toString() {
            return name + " (float32)";
        }
    }

    /** @throws IllegalArgumentException when the file has no case of that name */
    public static Case of(String name) {
        for (JsonNode c : ROOT.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return parse(c);
            }
        }
        throw new IllegalArgumentException("no float32 reference case " + name);
    }

    public static String numpy() {
        return ROOT.get("numpy").asText();
    }

    private static Case parse(JsonNode c) {
        int[] sizes = new int[c.get("sizes").size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = c.get("sizes").get(i).asInt();
        }
        double[] predictionInput = null;
        Matrix prediction = null;
        if (c.has("prediction")) {
            predictionInput = new double[c.get("predictionInput").size()];
            for (int i = 0; i < predictionInput.length; i++) {
                predictionInput[i] = c.get("predictionInput").get(i).asDouble();
            }
            prediction = rows(c.get("prediction"));
        }
        return new Case(c.get("name").asText(), Topology.of(sizes), c.get("examples").asInt(), c.get("seed").asLong(),
                c.get("iterations").asInt(), rows(c.get("X")), rows(c.get("y")), layers(c.get("initialWeights")),
                layers(c.get("weights")), rows(c.get("lastIterationOutput")), rows(c.get("output")), predictionInput,
                prediction);
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

    private static JsonNode read() {
        try (InputStream in = Float32Reference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
