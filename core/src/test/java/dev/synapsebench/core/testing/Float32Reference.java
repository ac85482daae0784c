package dev.synapsebench.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Topology;

import java.util.List;

/**
 * numpy's float32 values ({@code reference/numpy_float32_reference.py}): the four tutorial presets
 * and a synthetic network, with the weights drawn in float64 and rounded, the data rounded, and
 * every operation in float32. Each number is the float64 value of a float32, so a float32 kernel's
 * widened output compares directly.
 */
public final class Float32Reference {

    private static final String RESOURCE = "/numpy_float32_reference.json";
    private static final JsonNode ROOT = ReferenceJson.read(RESOURCE);

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
        double[] predictionInput = null;
        Matrix prediction = null;
        if (c.has("prediction")) {
            predictionInput = new double[c.get("predictionInput").size()];
            for (int i = 0; i < predictionInput.length; i++) {
                predictionInput[i] = c.get("predictionInput").get(i).asDouble();
            }
            prediction = ReferenceJson.rows(c.get("prediction"));
        }
        return new Case(c.get("name").asText(), ReferenceJson.topology(c.get("sizes")), c.get("examples").asInt(),
                c.get("seed").asLong(), c.get("iterations").asInt(), ReferenceJson.rows(c.get("X")),
                ReferenceJson.rows(c.get("y")), ReferenceJson.layers(c.get("initialWeights")),
                ReferenceJson.layers(c.get("weights")), ReferenceJson.rows(c.get("lastIterationOutput")),
                ReferenceJson.rows(c.get("output")), predictionInput, prediction);
    }
}
