package dev.synapsebench.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.cli.SeedSweep.Config;
import dev.synapsebench.cli.SeedSweep.Outcome;
import dev.synapsebench.cli.SeedSweep.Member;
import dev.synapsebench.cli.SeedSweepSummary.Distribution;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Topology;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.synapsebench.cli.TrainingOutput.JSON;

/**
 * {@code train --seeds --format json}: the configuration, a summary, and one record per seed in
 * seed order shaped like the single run's JSON. No timings or thread counts: the bytes depend on
 * the seeds and the configuration only. Also reads such a file back, for {@code synapse merge}.
 */
final class SeedSweepJson {

    private SeedSweepJson() {
    }

    static void write(PrintWriter out, Outcome result) {
        Config config = result.config();
        try {
            // streamed, one run at a time: the document of 10,000 runs is never a string in memory
            JsonGenerator g = JSON.getFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("preset", config.preset());
            g.writeStringField("network", config.network().toString());
            g.writeStringField("backend", config.backend());
            g.writeStringField("dtype", config.dtype());
            g.writeNumberField("iterations", config.iterations());
            g.writeStringField("data", config.data());
            g.writeNumberField("examples", config.examples());
            g.writeStringField("seeds", result.seeds().toString());
            g.writeNumberField("convergedBelow", config.convergedBelow());
            if (config.predict() != null) {
                g.writeArrayFieldStart("predict");
                for (double v : config.predict()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeFieldName("summary");
            JSON.writeTree(g, summary(SeedSweepSummary.of(result)));
            g.writeArrayFieldStart("runs");
            for (Member run : result.runs()) {
                JSON.writeTree(g, run(config, run));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static ObjectNode summary(SeedSweepSummary summary) {
        ObjectNode node = JSON.createObjectNode();
        node.put("networks", summary.networks());
        node.put("converged", summary.converged());
        node.put("convergedPercent", summary.convergedPercent());
        node.set("finalError", distribution(summary.finalError()));
        if (summary.prediction() != null) {
            ArrayNode prediction = node.putArray("predictionOutput");
            summary.prediction().forEach(d -> prediction.add(distribution(d)));
        }
        node.set("best", extremes(summary.best()));
        node.set("worst", extremes(summary.worst()));
        return node;
    }

    private static ObjectNode distribution(Distribution d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("min", d.min());
        node.put("p25", d.p25());
        node.put("median", d.median());
        node.put("p75", d.p75());
        node.put("p95", d.p95());
        node.put("max", d.max());
        node.put("mean", d.mean());
        return node;
    }

    private static ArrayNode extremes(List<Member> runs) {
        ArrayNode array = JSON.createArrayNode();
        for (Member run : runs) {
            array.addObject().put("seed", run.seed()).put("finalError", run.finalError());
        }
        return array;
    }

    /** The single run's fields for this seed (TrainingOutput's shapes), plus finalError. */
    private static ObjectNode run(Config config, Member run) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seed", run.seed());
        node.set("initialWeights", TrainingOutput.layers(run.initialWeights()));
        node.set("weights", TrainingOutput.layers(run.weights()));
        node.set("output", TrainingOutput.rows(run.output()));
        node.put("finalError", run.finalError());
        if (run.prediction() != null) {
            ObjectNode prediction = node.putObject("prediction");
            ArrayNode input = prediction.putArray("input");
            config.predict().forEach(input::add);
            prediction.set("output", TrainingOutput.row(run.prediction()));
        }
        return node;
    }

    // ---- reading back, for merge ----

    /** Parses a file this class wrote; anything else is one sentence naming the file. */
    static Outcome read(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UsageException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        Reader reader = new Reader(file);
        return reader.result(root);
    }

    /** Field access that turns every missing or ill-typed value into a sentence about the file. */
    private record Reader(Path file) {

        Outcome result(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw damaged("it is not a JSON object");
            }
            Topology network;
            try {
                network = Topology.parse(text(root, "network"));
            } catch (IllegalArgumentException e) {
                throw damaged("'network' is not a network");
            }
            List<Double> predict = null;
            if (root.has("predict")) {
                predict = new ArrayList<>();
                for (JsonNode v : array(root, "predict", network.inputs())) {
                    predict.add(number(v, "predict"));
                }
            }
            int examples = integer(root, "examples");
            Config config = new Config(text(root, "preset"), network, text(root, "backend"), text(root, "dtype"),
                    integer(root, "iterations"), text(root, "data"), examples,
                    number(field(root, "convergedBelow"), "convergedBelow"), predict);
            SeedSet seeds;
            try {
                seeds = SeedSet.parse(text(root, "seeds"));
            } catch (UsageException e) {
                throw damaged("'seeds' is not a list of seeds");
            }
            List<Member> runs = new ArrayList<>();
            long[] runSeeds = new long[field(root, "runs").size()];
            for (JsonNode r : array(root, "runs", -1)) {
                Member run = run(config, r);
                if (!runs.isEmpty() && run.seed() <= runs.get(runs.size() - 1).seed()) {
                    throw damaged("its runs are not in seed order");
                }
                runSeeds[runs.size()] = run.seed();
                runs.add(run);
            }
            if (!SeedSet.of(runSeeds).equals(seeds)) {
                throw damaged("its runs are not the seeds " + seeds + " it names");
            }
            return new Outcome(config, seeds, runs);
        }

        private Member run(Config config, JsonNode r) {
            Topology t = config.network();
            JsonNode seedNode = field(r, "seed");
            if (!seedNode.canConvertToLong() || !seedNode.isIntegralNumber() || seedNode.asLong() < 0
                    || seedNode.asLong() > SeedSet.MAX_SEED) {
                throw damaged("a run's 'seed' is not a seed");
            }
            Matrix prediction = null;
            if (config.predict() != null) {
                prediction = Matrix.row(row(array(field(r, "prediction"), "output", t.outputs()), "prediction"));
            }
            return new Member(seedNode.asLong(), layers(r, "initialWeights", t), layers(r, "weights", t),
                    matrix(field(r, "output"), config.examples(), t.outputs(), "output"),
                    number(field(r, "finalError"), "finalError"), prediction);
        }

        private List<Matrix> layers(JsonNode r, String name, Topology t) {
            JsonNode layers = array(r, name, t.layers());
            List<Matrix> out = new ArrayList<>();
            for (int l = 0; l < t.layers(); l++) {
                out.add(matrix(layers.get(l), t.fanIn(l), t.fanOut(l), name));
            }
            return out;
        }

        private Matrix matrix(JsonNode rows, int r, int c, String name) {
            if (!rows.isArray() || rows.size() != r) {
                throw damaged("a run's '" + name + "' is not a " + r + "x" + c + " matrix");
            }
            double[][] values = new double[r][];
            for (int i = 0; i < r; i++) {
                if (!rows.get(i).isArray() || rows.get(i).size() != c) {
                    throw damaged("a run's '" + name + "' is not a " + r + "x" + c + " matrix");
                }
                values[i] = row(rows.get(i), name);
            }
            return Matrix.ofRows(values);
        }

        private double[] row(JsonNode array, String name) {
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(array.get(i), name);
            }
            return out;
        }

        private JsonNode field(JsonNode node, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw damaged("'" + name + "' is missing");
            }
            return value;
        }

        private JsonNode array(JsonNode node, String name, int size) {
            JsonNode value = field(node, name);
            if (!value.isArray() || (size >= 0 && value.size() != size)) {
                throw damaged("'" + name + "' is not an array" + (size >= 0 ? " of " + size : ""));
            }
            return value;
        }

        private String text(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isTextual()) {
                throw damaged("'" + name + "' is not a string");
            }
            return value.asText();
        }

        private int integer(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isInt()) {
                throw damaged("'" + name + "' is not an integer");
            }
            return value.asInt();
        }

        private double number(JsonNode value, String name) {
            if (!value.isNumber()) {
                throw damaged("'" + name + "' holds something that is not a number");
            }
            return value.doubleValue();
        }

        private UsageException damaged(String why) {
            return new UsageException(file + " is not a complete output of 'synapse train --seeds --format json': "
                    + why);
        }
    }
}
