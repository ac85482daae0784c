package dev.synapsebench.cli;

import dev.synapsebench.cli.SeedSweep.Config;
import dev.synapsebench.cli.SeedSweep.Outcome;
import dev.synapsebench.cli.SeedSweep.Member;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Topology;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code train --seeds --format csv}: a header line, then one row per seed in seed order: seed,
 * finalError, converged, the final weights ({@code w1[0][0]}: layer 1, row 0, column 0), the
 * training set's output ({@code output[example][unit]}), the prediction ({@code prediction[unit]},
 * with a new situation), and last the configuration, repeated on every row so that the file
 * stands alone and merges can check it. Numbers are Double.toString: they parse back to the same
 * double. Also reads such a file back, for {@code synapse merge}.
 */
final class SeedSweepCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final List<String> CONFIG_COLUMNS = List.of("preset", "network", "backend", "dtype", "iterations",
            "data", "examples", "convergedBelow", "predict");

    private SeedSweepCsv() {
    }

    static void write(PrintWriter out, Outcome result) {
        Config config = result.config();
        List<String> configValues = configValues(config);
        try {
            CSVPrinter printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(header(config));
            for (Member run : result.runs()) {
                List<String> row = new ArrayList<>();
                row.add(Long.toString(run.seed()));
                row.add(Double.toString(run.finalError()));
                row.add(Boolean.toString(config.converged(run.finalError())));
                for (Matrix w : run.weights()) {
                    addValues(row, w);
                }
                addValues(row, run.output());
                if (run.prediction() != null) {
                    addValues(row, run.prediction());
                }
                row.addAll(configValues);
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addValues(List<String> row, Matrix m) {
        for (double v : m.values()) {
            row.add(Double.toString(v));
        }
    }

    private static List<String> header(Config config) {
        Topology t = config.network();
        List<String> names = new ArrayList<>(List.of("seed", "finalError", "converged"));
        for (int l = 0; l < t.layers(); l++) {
            for (int i = 0; i < t.fanIn(l); i++) {
                for (int j = 0; j < t.fanOut(l); j++) {
                    names.add("w" + (l + 1) + "[" + i + "][" + j + "]");
                }
            }
        }
        for (int i = 0; i < config.examples(); i++) {
            for (int j = 0; j < t.outputs(); j++) {
                names.add("output[" + i + "][" + j + "]");
            }
        }
        if (config.predict() != null) {
            for (int j = 0; j < t.outputs(); j++) {
                names.add("prediction[" + j + "]");
            }
        }
        names.addAll(CONFIG_COLUMNS);
        return names;
    }

    private static List<String> configValues(Config config) {
        String predict = config.predict() == null ? ""
                : String.join(" ", config.predict().stream().map(d -> Double.toString(d)).toList());
        return List.of(config.preset(), config.network().toString(), config.backend(), config.dtype(),
                Integer.toString(config.iterations()), config.data(), Integer.toString(config.examples()),
                Double.toString(config.convergedBelow()), predict);
    }

    // ---- reading back, for merge ----

    /** Parses a file this class wrote; anything else is one sentence naming the file. */
    static Outcome read(Path file, String text) {
        List<CSVRecord> records;
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException e) {
            throw damaged(file, "it is not valid CSV");
        }
        if (records.size() < 2) {
            throw damaged(file, "it has no rows of runs");
        }
        List<String> header = records.get(0).toList();
        if (header.size() < CONFIG_COLUMNS.size() + 3
                || !header.subList(header.size() - CONFIG_COLUMNS.size(), header.size()).equals(CONFIG_COLUMNS)) {
            throw damaged(file, "its header does not end with the configuration columns " + CONFIG_COLUMNS);
        }
        Config config = config(file, records.get(1), header.size());
        if (!header.equals(header(config))) {
            throw damaged(file, "its header does not fit the network " + config.network() + " with "
                    + config.examples() + " examples");
        }
        List<Member> runs = new ArrayList<>();
        long[] seeds = new long[records.size() - 1];
        for (CSVRecord record : records.subList(1, records.size())) {
            long line = record.getRecordNumber();
            if (!config(file, record, header.size()).equals(config)) {
                throw damaged(file, "row " + line + "'s configuration differs from the first row's");
            }
            Member run = run(file, record, config);
            if (!runs.isEmpty() && run.seed() <= runs.get(runs.size() - 1).seed()) {
                throw damaged(file, "its rows are not in seed order");
            }
            seeds[runs.size()] = run.seed();
            runs.add(run);
        }
        return new Outcome(config, SeedSet.of(seeds), runs);
    }

    private static Config config(Path file, CSVRecord record, int columns) {
        if (record.size() != columns) {
            throw damaged(file, "row " + record.getRecordNumber() + " has " + record.size() + " values, the header "
                    + columns);
        }
        int c = columns - CONFIG_COLUMNS.size();
        try {
            Topology network = Topology.parse(record.get(c + 1));
            String predictText = record.get(c + 8);
            List<Double> predict = predictText.isEmpty() ? null
                    : Arrays.stream(predictText.split(" ")).map(Double::valueOf).toList();
            return new Config(record.get(c), network, record.get(c + 2), record.get(c + 3),
                    Integer.parseInt(record.get(c + 4)), record.get(c + 5), Integer.parseInt(record.get(c + 6)),
                    Double.parseDouble(record.get(c + 7)), predict);
        } catch (IllegalArgumentException e) { // NumberFormatException, or not a network
            throw damaged(file, "row " + record.getRecordNumber() + " has a malformed configuration");
        }
    }

    private static Member run(Path file, CSVRecord record, Config config) {
        Topology t = config.network();
        try {
            int c = 0;
            long seed = Long.parseLong(record.get(c++));
            if (seed < 0 || seed > SeedSet.MAX_SEED) {
                throw new NumberFormatException();
            }
            double finalError = Double.parseDouble(record.get(c++));
            c++; // converged: recomputed from finalError
            List<Matrix> weights = new ArrayList<>();
            for (int l = 0; l < t.layers(); l++) {
                weights.add(new Matrix(t.fanIn(l), t.fanOut(l), numbers(record, c, t.fanIn(l) * t.fanOut(l))));
                c += t.fanIn(l) * t.fanOut(l);
            }
            Matrix output = new Matrix(config.examples(), t.outputs(), numbers(record, c, config.examples() * t.outputs()));
            c += config.examples() * t.outputs();
            Matrix prediction = config.predict() == null ? null : new Matrix(1, t.outputs(), numbers(record, c, t.outputs()));
            return new Member(seed, null, weights, output, finalError, prediction);
        } catch (NumberFormatException e) {
            throw damaged(file, "row " + record.getRecordNumber() + " has a value that is not a number");
        }
    }

    private static double[] numbers(CSVRecord record, int from, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Double.parseDouble(record.get(from + i));
        }
        return out;
    }

    private static UsageException damaged(Path file, String why) {
        return new UsageException(file + " is not a complete output of 'synapse train --seeds --format csv': " + why);
    }
}
