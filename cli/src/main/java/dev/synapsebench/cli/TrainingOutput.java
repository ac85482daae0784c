package dev.synapsebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.cli.TrainCommand.TrainingResult;
import dev.synapsebench.cli.TrainCommand.TrainingRun;
import dev.synapsebench.core.Matrix;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Prints a training run as the tutorials do (text) or as one JSON object. */
final class TrainingOutput {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainingOutput() {
    }

    static void text(PrintWriter out, TrainingRun run, TrainingResult result) {
        out.printf("%s%n", run.preset().title());
        out.printf("network %s, backend %s, seed %d, %d iterations, %s%n%n", run.topology(), result.backend(),
                run.seed(), run.iterations(), result.dtype().id());
        out.println("Random starting synaptic weights:");
        printLayers(out, run, result.initialWeights());
        out.println();
        out.printf("New synaptic weights after training:%n");
        printLayers(out, run, result.weights());
        if (result.lastIterationOutput() != null) {
            out.println();
            out.println("Output after training:");
            out.println(NumpyFormat.array(result.lastIterationOutput()));
        }
        if (result.prediction() != null) {
            out.println();
            out.printf("Considering new situation %s -> ?:%n", NumpyFormat.list(run.newSituation()));
            out.println(NumpyFormat.vector(result.prediction().get(result.prediction().size() - 1)));
        }
    }

    private static void printLayers(PrintWriter out, TrainingRun run, List<Matrix> weights) {
        for (int l = 0; l < weights.size(); l++) {
            Matrix w = weights.get(l);
            out.printf("    Layer %d (%d neuron%s, each with %d input%s):%n", l + 1, w.cols(), w.cols() == 1 ? "" : "s",
                    w.rows(), w.rows() == 1 ? "" : "s");
            out.println(NumpyFormat.array(w));
        }
    }

    static void json(PrintWriter out, TrainingRun run, TrainingResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("preset", run.preset().name());
        root.put("network", run.topology().toString());
        root.put("backend", result.backend());
        root.put("seed", run.seed());
        root.put("iterations", run.iterations());
        root.put("dtype", result.dtype().id());
        root.set("initialWeights", layers(result.initialWeights()));
        root.set("weights", layers(result.weights()));
        root.set("output", rows(result.output()));
        if (result.lastIterationOutput() != null) {
            root.set("lastIterationOutput", rows(result.lastIterationOutput()));
        }
        if (result.prediction() != null) {
            ObjectNode prediction = root.putObject("prediction");
            ArrayNode input = prediction.putArray("input");
            for (double v : run.newSituation()) {
                input.add(v);
            }
            prediction.set("output", row(result.prediction().get(result.prediction().size() - 1)));
        }
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrayNode layers(List<Matrix> matrices) {
        ArrayNode array = JSON.createArrayNode();
        matrices.forEach(m -> array.add(rows(m)));
        return array;
    }

    /** Rows of numbers; Jackson writes doubles with Double.toString, which parses back to the same bits. */
    static ArrayNode rows(Matrix m) {
        ArrayNode array = JSON.createArrayNode();
        for (double[] r : m.toRows()) {
            ArrayNode row = array.addArray();
            for (double v : r) {
                row.add(v);
            }
        }
        return array;
    }

    static ArrayNode row(Matrix m) {
        ArrayNode array = JSON.createArrayNode();
        for (double v : m.values()) {
            array.add(v);
        }
        return array;
    }
}
