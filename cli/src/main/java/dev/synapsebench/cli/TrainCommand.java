package dev.synapsebench.cli;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.DivergenceWatch;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.SyntheticData;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.TrainingSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code synapse train}: a tutorial program (a preset), with any of its parts replaced by flags,
 * trained on the chosen backend; prints what the tutorial prints, or one JSON object.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network full-batch as in the tutorials: out = sigmoid(X.W), "
                + "delta = err * (out * (1 - out)), W += L^T.delta; numpy-identical initial weights.",
                "Flags override the preset's values."})
final class TrainCommand implements Runnable {

    enum Format { text, json, csv }

    static final double DEFAULT_CONVERGED_BELOW = 0.01;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "single-neuron",
            completionCandidates = WorkloadNames.class,
            description = "Workload (a tutorial program): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String presetName;

    @Option(names = "--network", paramLabel = "SIZES", description = "Layer sizes, inputs first, e.g. 3-4-1 or 8-32-16-1.")
    String network;

    @Option(names = "--inputs", paramLabel = "X.csv", description = "Training inputs, one example per row (needs --targets).")
    Path inputs;

    @Option(names = "--targets", paramLabel = "y.csv", description = "Training targets, one row per example (needs --inputs).")
    Path targets;

    @Option(names = "--examples", paramLabel = "N",
            description = "Train on N synthetic examples drawn as numpy would after the weights: "
                    + "X = np.random.random((N, IN)), y = (X[:, :OUT] > 0.5); needs OUT <= IN.")
    Integer examples;

    @Option(names = "--seed", paramLabel = "N", description = "np.random.seed value, 0 to 4294967295.")
    Long seed;

    @Option(names = "--seeds", paramLabel = "A-B,C,...",
            description = "Train one network per seed instead of one, each exactly what --seed S gives alone: "
                    + "inclusive ranges and single seeds, comma-separated, e.g. 1-10000 or 1-100,200; "
                    + "prints a summary (text), one row per seed (csv) or every run (json).")
    String seedsText;

    @Option(names = "--threads", paramLabel = "N",
            description = "With --seeds: threads to train on (default: the available processors). "
                    + "The output does not depend on it.")
    Integer threads;

    @Option(names = "--converged-below", paramLabel = "E",
            description = "With --seeds: a network converged when its finalError (mean of (y - output)^2) "
                    + "is below E (default: " + DEFAULT_CONVERGED_BELOW + ").")
    Double convergedBelow;

    @Option(names = "--iterations", paramLabel = "N", description = "Training iterations (full-batch updates), "
            + "0 to 2147483647; as many are trained as asked, so the time grows with N.")
    Integer iterations;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "scalar",
            description = "Matrix backend (see 'synapse backends'; default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--dtype", paramLabel = "float64|float32", defaultValue = "float64", converter = DTypeConverter.class,
            description = "Arithmetic: float64, or float32 as numpy does it (weights drawn in float64, then every value "
                    + "and operation float32). Default: ${DEFAULT-VALUE}.")
    DType dtype;

    @Option(names = "--predict", paramLabel = "x1,x2,...", split = ",", converter = DecimalConverter.class,
            description = "A new situation to feed the trained network, e.g. 1,1,0.")
    double[] predict;

    @Option(names = "--format", paramLabel = "text|json|csv", defaultValue = "text",
            description = "text (like the tutorials; with --seeds a summary), json (one object; numbers round-trip "
                    + "exactly) or, with --seeds, csv (one row per seed). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public void run() {
        if (seedsText != null) {
            runSeeds();
            return;
        }
        if (threads != null || convergedBelow != null) {
            throw new UsageException("--threads and --converged-below go with --seeds (a single run trains one network)");
        }
        if (format == Format.csv) {
            throw new UsageException("--format csv goes with --seeds; a single run prints text or json");
        }
        TrainingRun run = resolve();
        MatrixKernel<?> kernel = Kernels.available(backend, dtype);
        TrainingResult result = train(kernel, run);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            TrainingOutput.json(out, run, result);
        } else {
            TrainingOutput.text(out, run, result);
        }
        out.flush();
    }

    /** {@code --seeds}: checks the flags, refuses what would not fit in memory, trains, prints. */
    private void runSeeds() {
        if (seed != null) {
            throw new UsageException("--seed and --seeds are mutually exclusive: give one seed or a list of seeds");
        }
        SeedSet seeds = SeedSet.parse(seedsText);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new UsageException("--threads must be 1 or more, got " + threadCount);
        }
        double below = convergedBelow == null ? DEFAULT_CONVERGED_BELOW : convergedBelow;
        if (!(below > 0) || Double.isInfinite(below)) {
            throw new UsageException("--converged-below must be a positive finite number, got " + below);
        }
        TrainingRun template = resolve();
        MatrixKernel<?> kernel = Kernels.available(backend, dtype); // an unknown backend is refused before training
        boolean synthetic = examples != null;
        int exampleCount = template.trainingSet().examples();
        SeedSweep.requireMemory(seeds.count(), template.topology(), exampleCount, synthetic);
        List<Double> predictList = template.newSituation() == null ? null
                : java.util.Arrays.stream(template.newSituation()).boxed().toList();
        SeedSweep.Config config = new SeedSweep.Config(template.preset().name(), template.topology(), kernel.name(),
                kernel.dtype().id(), template.iterations(),
                SeedSweep.dataLabel(inputs != null, synthetic, template.trainingSet()), exampleCount, below, predictList);
        SeedSweep.TrainingTime[] timing = new SeedSweep.TrainingTime[1];
        SeedSweep.Outcome result = SeedSweep.run(config, seeds, template, synthetic, threadCount, t -> timing[0] = t);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> SeedSweepJson.write(out, result);
            case csv -> SeedSweepCsv.write(out, result);
            case text -> SeedSweepText.write(out, result, timing[0]);
        }
        out.flush();
    }

    /** The preset with every flag the user gave applied, checked for consistency. */
    TrainingRun resolve() {
        Workload preset = Workloads.byName(presetName).orElseThrow(() -> new UsageException(
                "unknown preset '" + presetName + "'; choose one of " + String.join(", ", Workloads.names())));
        if ((inputs == null) != (targets == null)) {
            throw new UsageException("--inputs and --targets go together: give both or neither");
        }
        if (examples != null && inputs != null) {
            throw new UsageException("--examples draws synthetic data; it does not go with --inputs/--targets");
        }
        long s = seed == null ? preset.seed() : seed;
        if (s < 0 || s > 0xffffffffL) {
            throw new UsageException("--seed must be between 0 and 4294967295 (numpy's range), got " + s);
        }
        TrainingSet set;
        Topology topology;
        if (examples != null) {
            topology = network == null ? preset.topology() : Topology.parse(network);
            if (examples < 1) {
                throw new UsageException("--examples must be 1 or more, got " + examples);
            }
            requireMemory(topology, examples); // before numpy's data is drawn
            set = SyntheticData.trainingSet(topology, examples, s);
        } else {
            Matrix x = inputs == null ? preset.trainingSet().inputs() : CsvMatrices.read(inputs);
            Matrix y = inputs == null ? preset.trainingSet().targets() : CsvMatrices.read(targets);
            if (x.rows() != y.rows()) {
                throw new UsageException(inputs + " has " + x.rows() + " rows but " + targets + " has " + y.rows()
                        + "; each example needs one row in both");
            }
            topology = network == null ? defaultTopology(preset, x, y) : Topology.parse(network);
            requireFits(topology, x, y);
            requireMemory(topology, x.rows()); // before the training set's checks copy the data, and the network
            set = inputs == null ? preset.trainingSet() : new TrainingSet(x, y);
        }
        int n = iterations == null ? preset.iterations() : iterations;
        if (n < 0) {
            throw new UsageException("--iterations must be 0 or more, got " + n);
        }
        // The preset's new situation only makes sense for the preset's own data.
        double[] newSituation = predict != null ? predict
                : inputs == null && examples == null && topology.inputs() == preset.topology().inputs()
                ? preset.prediction().orElse(null)
                : null;
        if (newSituation != null) {
            if (newSituation.length != topology.inputs()) {
                throw new UsageException("--predict has " + newSituation.length + " values but the network "
                        + topology + " takes " + topology.inputs());
            }
            for (double v : newSituation) {
                if (!Double.isFinite(v)) {
                    throw new UsageException("--predict values must be finite numbers, got " + v);
                }
            }
        }
        return new TrainingRun(preset, topology, set, s, n, newSituation);
    }

    /**
     * Refuses, before anything of the size is allocated, a network whose matrices do not fit a Java
     * array or whose training does not fit this JVM's free heap ({@link Memory#valuesOfOneRun}).
     */
    static void requireMemory(Topology topology, int examples) {
        String tooLarge = Memory.tooLargeForAnArray(topology, examples);
        if (tooLarge != null) {
            throw new UsageException(tooLarge);
        }
        double bytes = 8 * Memory.valuesOfOneRun(topology, examples);
        Memory.require(bytes, () -> String.format(java.util.Locale.ROOT, "the network %s on %d example%s needs about "
                        + "%s of memory, but this JVM has %s free; train a smaller network or on fewer examples, or "
                        + "give the JVM more heap (JAVA_TOOL_OPTIONS=-Xmx...)", topology, examples,
                examples == 1 ? "" : "s", Memory.bytes(bytes), Memory.bytes(Memory.free())));
    }

    /** With other data but no --network, keep the preset's hidden layers and fit the ends to the data. */
    private static Topology defaultTopology(Workload preset, Matrix x, Matrix y) {
        int[] sizes = preset.topology().sizes();
        sizes[0] = x.cols();
        sizes[sizes.length - 1] = y.cols();
        return Topology.of(sizes);
    }

    /** The network's ends fit the data: as many inputs as X has columns, as many outputs as y. */
    private static void requireFits(Topology topology, Matrix x, Matrix y) {
        if (x.cols() != topology.inputs()) {
            throw new UsageException("--network " + topology + " takes " + topology.inputs() + " inputs but X has "
                    + x.cols() + " columns");
        }
        if (y.cols() != topology.outputs()) {
            throw new UsageException("--network " + topology + " has " + topology.outputs() + " outputs but y has "
                    + y.cols() + " columns");
        }
    }

    private static <M> TrainingResult train(MatrixKernel<M> kernel, TrainingRun run) {
        Network<M> network = new Network<>(kernel, run.topology(), run.trainingSet(),
                NumpyInit.weights(run.topology(), run.seed()));
        List<Matrix> initial = network.weights(); // as the kernel holds them: float32 rounds numpy's float64 draw
        DivergenceWatch.Diverged diverged = DivergenceWatch.train(network, run.iterations());
        if (diverged != null) {
            throw new TrainingDiverged(diverged.sentence(run.iterations()));
        }
        Matrix lastIteration = run.iterations() > 0 ? network.lastOutput() : null;
        List<Matrix> prediction = run.newSituation() == null ? null : network.predict(run.newSituation());
        return new TrainingResult(kernel.name(), kernel.dtype(), initial, network.weights(),
                network.outputWithCurrentWeights(), lastIteration, prediction);
    }

    /** The registry's workload names, for {@code --preset}'s help. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workloads.names().iterator();
        }
    }

    /** What to train: the preset after the flags were applied. */
    record TrainingRun(Workload preset, Topology topology, TrainingSet trainingSet, long seed, int iterations,
                       double[] newSituation) {
    }

    /**
     * What training gave: weights before and after, the training set's output with the final weights,
     * the output computed inside the last iteration (what the tutorials print; null for 0 iterations),
     * and every layer's activation for the new situation (null without one).
     */
    record TrainingResult(String backend, DType dtype, List<Matrix> initialWeights, List<Matrix> weights,
                          Matrix output, Matrix lastIterationOutput, List<Matrix> prediction) {
    }

    /** {@code --predict}'s values: the numbers of every number flag ({@link FlagNumbers}), with --predict's word for the infinite ones. */
    static final class DecimalConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return FlagNumbers.parseDouble(value);
            } catch (CommandLine.TypeConversionException e) {
                String reason = e.getMessage();
                throw reason.contains("not a finite number")
                        ? new CommandLine.TypeConversionException("--predict values must be finite numbers: " + reason) : e;
            }
        }
    }

    /** {@code --dtype}: numpy's names; anything else is one sentence. */
    static final class DTypeConverter implements CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            try {
                return DType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
