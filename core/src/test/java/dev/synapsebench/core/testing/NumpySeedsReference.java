package dev.synapsebench.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.TrainingSet;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

import java.util.ArrayList;
import java.util.List;

/**
 * numpy float64's training of two tutorial programs (xor-3layer, single-neuron) for seeds nobody
 * had tried before ({@code numpy_seeds_reference.json}, from {@code reference/numpy_seeds_reference.py}):
 * per seed the initial and final weights and both outputs, read from their IEEE bits.
 */
public final class NumpySeedsReference {

    private static final String RESOURCE = "/numpy_seeds_reference.json";
    private static final JsonNode ROOT = ReferenceJson.read(RESOURCE);

    private NumpySeedsReference() {
    }

    /** The presets the file trains. */
    public static List<Workload> presets() {
        List<Workload> out = new ArrayList<>();
        for (JsonNode p : ROOT.get("programs")) {
            out.add(preset(p));
        }
        return out;
    }

    /** Every seed's values for {@code preset}, in the file's order. */
    public static List<Seed> of(Workload preset) {
        JsonNode program = program(preset);
        int iterations = program.get("iterations").asInt();
        List<Seed> out = new ArrayList<>();
        for (JsonNode s : program.get("seeds")) {
            out.add(new Seed(preset, iterations, s));
        }
        return out;
    }

    /** The training set numpy trained {@code preset} on (X and y as the tutorial writes them). */
    public static TrainingSet trainingSet(Workload preset) {
        JsonNode program = program(preset);
        return new TrainingSet(ReferenceJson.rows(program.get("X")), ReferenceJson.rows(program.get("y")));
    }

    private static JsonNode program(Workload preset) {
        for (JsonNode p : ROOT.get("programs")) {
            if (p.get("preset").asText().equals(preset.name())) {
                return p;
            }
        }
        throw new IllegalArgumentException("no seeds reference for preset " + preset.name());
    }

    /** The seeds, in the file's order (the same for every program). */
    public static long[] seeds() {
        JsonNode seeds = ROOT.get("seeds");
        long[] out = new long[seeds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = seeds.get(i).asLong();
        }
        return out;
    }

    /** How the seeds were drawn, as the file states it. */
    public static String drawRule() {
        return ROOT.get("draw_rule").asText();
    }

    public static String numpy() {
        return ROOT.get("numpy").asText();
    }

    private static Workload preset(JsonNode program) {
        String name = program.get("preset").asText();
        return Workloads.byName(name).orElseThrow(() -> new IllegalStateException(RESOURCE + " names preset " + name
                + ", which core does not have"));
    }

    /** One seed's values for one program. */
    public record Seed(Workload preset, int iterations, JsonNode json) {

        public long seed() {
            return json.get("seed").asLong();
        }

        public List<Matrix> initialWeights() {
            return weights(json.get("init_weights"));
        }

        public List<Matrix> finalWeights() {
            return weights(json.get("final_weights"));
        }

        /** Forward pass inside the last iteration, before its update. */
        public Matrix finalOutput() {
            return NumpyReference.matrix(json.get("final_output"));
        }

        /** The training set through the final weights. */
        public Matrix outputWithFinalWeights() {
            return NumpyReference.matrix(json.get("output_with_final_weights"));
        }

        /**
         * Whether a one-ulp nudge of the initial weights moved numpy's own result further than a
         * backend may differ from numpy: rounding decides it, so no backend is held to it.
         */
        public boolean illConditioned() {
            return json.get("ill_conditioned").asBoolean();
        }

        @Override
        public String toString() {
            return preset.name() + " seed " + seed();
        }

        private static List<Matrix> weights(JsonNode node) {
            List<Matrix> out = new ArrayList<>();
            for (int l = 0; node.has("W" + l); l++) {
                out.add(NumpyReference.matrix(node.get("W" + l)));
            }
            return out;
        }
    }
}
