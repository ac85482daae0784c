package dev.synapsebench.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

import java.util.ArrayList;
import java.util.List;

/**
 * numpy's outputs for the four tutorial programs ({@code numpy_reference.json}, a copy of
 * {@code shared/reference/numpy_reference.json}, produced with numpy 1.24.2 and netlib BLAS).
 * Matrices are read from their IEEE bit patterns, which the file declares authoritative.
 */
public final class NumpyReference {

    private static final String RESOURCE = "/numpy_reference.json";
    private static final JsonNode ROOT = ReferenceJson.read(RESOURCE);

    /** Case id in the reference file (a-d) of each preset. */
    private static final List<String> PRESET_CASES = List.of("single-neuron:a", "multi-layer:b", "xor-3layer:c",
            "trask-2layer:d");

    private NumpyReference() {
    }

    /** The reference case a preset reproduces. */
    public static Case of(Workload preset) {
        for (String entry : PRESET_CASES) {
            String[] parts = entry.split(":");
            if (parts[0].equals(preset.name())) {
                for (JsonNode c : ROOT.get("cases")) {
                    if (c.get("id").asText().equals(parts[1])) {
                        return new Case(preset, c);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no reference case for preset " + preset.name());
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Workload p : Workloads.tutorials()) {
            cases.add(of(p));
        }
        return cases;
    }

    /** Raw 32-bit outputs of MT19937 for seed 1. */
    public static long[] rawUInt32Seed1() {
        JsonNode raw = ROOT.at("/rng/seeds/1/first_40_raw_uint32");
        long[] out = new long[raw.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = raw.get(i).asLong();
        }
        return out;
    }

    /** First doubles of {@code np.random.random()} for seed 1, from their bits. */
    public static double[] doublesSeed1() {
        JsonNode doubles = ROOT.at("/rng/seeds/1/first_20_doubles");
        double[] out = new double[doubles.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fromBits(doubles.get(i).get("bits").asText());
        }
        return out;
    }

    /** A {@code {shape, bits}} node as a matrix. */
    public static Matrix matrix(JsonNode node) {
        int rows = node.get("shape").get(0).asInt();
        int cols = node.get("shape").get(1).asInt();
        double[] values = new double[rows * cols];
        JsonNode bits = node.get("bits");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = fromBits(bits.get(r).get(c).asText());
            }
        }
        return new Matrix(rows, cols, values);
    }

    static double fromBits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    /** One tutorial program's reference values. */
    public record Case(Workload preset, JsonNode json) {

        public String id() {
            return json.get("id").asText();
        }

        public List<Matrix> initialWeights() {
            return weights(json.get("init_weights"));
        }

        public List<Matrix> finalWeights() {
            return weights(json.get("final_weights"));
        }

        /** Forward pass inside the last iteration, before its update. */
        public Matrix finalOutput() {
            return matrix(json.get("final_output"));
        }

        public Matrix outputWithFinalWeights() {
            return matrix(json.get("output_with_final_weights"));
        }

        public double[] predictionInput() {
            JsonNode input = json.at("/prediction/input");
            double[] out = new double[input.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = input.get(i).asDouble();
            }
            return out;
        }

        public Matrix predictionOutput() {
            return matrix(json.at("/prediction/output"));
        }

        /** The hidden layer of the prediction (3-4-1 cases only), else null. */
        public Matrix predictionHidden() {
            JsonNode hidden = json.at("/prediction/hidden");
            return hidden.isMissingNode() ? null : matrix(hidden);
        }

        public List<Checkpoint> checkpoints() {
            List<Checkpoint> out = new ArrayList<>();
            for (JsonNode c : json.get("checkpoints")) {
                out.add(new Checkpoint(c.get("after_iterations").asInt(), weights(c.get("weights")),
                        matrix(c.get("output"))));
            }
            return out;
        }

        @Override
        public String toString() {
            return id() + " " + preset.name();
        }

        private static List<Matrix> weights(JsonNode node) {
            List<Matrix> out = new ArrayList<>();
            for (int l = 0; node.has("W" + l); l++) {
                out.add(matrix(node.get("W" + l)));
            }
            return out;
        }
    }

    /** Weights after {@code iterations} updates and the training-set output with them. */
    public record Checkpoint(int iterations, List<Matrix> weights, Matrix output) {
    }
}
