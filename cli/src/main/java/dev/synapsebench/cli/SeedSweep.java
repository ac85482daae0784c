package dev.synapsebench.cli;

import dev.synapsebench.cli.TrainCommand.TrainingRun;
import dev.synapsebench.core.DType;
import dev.synapsebench.core.DivergenceWatch;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.NumpyInit;
import dev.synapsebench.core.SyntheticData;
import dev.synapsebench.core.ThreadedBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.core.TrainingSet;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code train --seeds}: one network per seed, all trained by one {@link ThreadedBatch}, each
 * exactly the network {@code train --seed S} builds (numpy's initial weights for S; the shared
 * data, or with {@code --examples} S's own synthetic set), then read back as that single run
 * reports it.
 */
final class SeedSweep {

    /** What the networks share; two outputs can be merged when theirs are equal. */
    record Config(String preset, Topology network, String backend, String dtype, int iterations, String data,
                  int examples, double convergedBelow, List<Double> predict) {

        /** The first field in which {@code other} differs, as "iterations 2000 vs 1000", or null. */
        String difference(Config other) {
            Object[][] fields = {
                    {"preset", preset, other.preset}, {"network", network, other.network},
                    {"backend", backend, other.backend}, {"dtype", dtype, other.dtype},
                    {"iterations", iterations, other.iterations}, {"data", data, other.data},
                    {"examples", examples, other.examples}, {"convergedBelow", convergedBelow, other.convergedBelow},
                    {"predict", predict, other.predict}};
            for (Object[] f : fields) {
                if (!java.util.Objects.equals(f[1], f[2])) {
                    return f[0] + " " + f[1] + " vs " + f[2];
                }
            }
            return null;
        }

        boolean converged(double finalError) {
            return finalError < convergedBelow;
        }
    }

    /**
     * One seed's network: its initial and final weights (initial is null when read from CSV, which
     * does not carry them), the training set's output with the final weights, the mean squared
     * error of that output, and the new situation's output (null without one).
     */
    record Member(long seed, List<Matrix> initialWeights, List<Matrix> weights, Matrix output, double finalError,
               Matrix prediction) {
    }

    /** Every seed's run in seed order. */
    record Outcome(Config config, SeedSet seeds, List<Member> runs) {
    }

    /** How the training went on this machine: not part of any deterministic output. */
    record TrainingTime(long trainingNanos, int threads) {
    }

    private SeedSweep() {
    }

    /** "preset", "synthetic" (each seed its own set) or "csv sha256:..." of the values, so merges see different data. */
    static String dataLabel(boolean csv, boolean synthetic, TrainingSet shared) {
        if (synthetic) {
            return "synthetic";
        }
        return csv ? "csv sha256:" + digest(shared) : "preset";
    }

    private static String digest(TrainingSet set) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Matrix m : List.of(set.inputs(), set.targets())) {
                ByteBuffer buffer = ByteBuffer.allocate(8 + 8 * m.values().length);
                buffer.putInt(m.rows()).putInt(m.cols());
                for (double v : m.values()) {
                    buffer.putDouble(v);
                }
                sha.update(buffer.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses, before anything is allocated, more networks than this JVM's free heap can hold: per
     * network its weights three times (initial, trained, in the batch), its data (twice when each
     * has its own: ours and the batch's copy), activations and deltas, its outputs, and about 4 KiB
     * of objects around them.
     */
    static void requireMemory(long count, Topology topology, int examples, boolean synthetic) {
        long weights = 0;
        long units = 0;
        for (int l = 0; l < topology.layers(); l++) {
            weights += (long) topology.fanIn(l) * topology.fanOut(l);
            units += topology.fanOut(l);
        }
        long data = (long) examples * (topology.inputs() + topology.outputs());
        long doubles = 3 * weights + (synthetic ? 2 : 1) * data + 2L * examples * units
                + (long) examples * topology.outputs() + units;
        long perNetwork = 8 * doubles + 4096;
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        double needed = (double) perNetwork * count;
        if (needed > free || count > Integer.MAX_VALUE - 8) {
            throw new UsageException(String.format(Locale.ROOT, "--seeds gives %d networks of %s, about %s of memory "
                            + "(%s each), but this JVM has %s free; train fewer seeds per run and join the outputs "
                            + "with 'synapse merge', or give the JVM more heap (JAVA_TOOL_OPTIONS=-Xmx...)",
                    count, topology, bytes(needed), bytes(perNetwork), bytes(free)));
        }
    }

    private static String bytes(double b) {
        return Memory.bytes(b);
    }

    /**
     * Trains one network per seed of {@code seeds} on {@code threads} threads; {@code template} is the
     * single run's resolution (topology, shared data, iterations, new situation).
     *
     * @param timing receives the wall-clock time of the training itself
     */
    static Outcome run(Config config, SeedSet seeds, TrainingRun template, boolean synthetic, int threads,
                      java.util.function.Consumer<TrainingTime> timing) {
        long[] seed = seeds.seeds();
        Topology topology = template.topology();
        int examples = template.trainingSet().examples();
        DType dtype = DType.parse(config.dtype());
        TrainingSet[] data = new TrainingSet[seed.length];
        List<Member> runs = new ArrayList<>(seed.length);
        try (ThreadedBatch batch = new ThreadedBatch(() -> Kernels.available(config.backend(), dtype), topology,
                examples, seed.length, threads)) {
            for (int k = 0; k < seed.length; k++) {
                data[k] = synthetic ? SyntheticData.trainingSet(topology, examples, seed[k]) : template.trainingSet();
                batch.load(k, data[k], NumpyInit.weights(topology, seed[k]));
            }
            long start = System.nanoTime();
            batch.train(template.iterations());
            timing.accept(new TrainingTime(System.nanoTime() - start, batch.threads()));
            requireFinite(config, topology, seed, data, batch, template.iterations());
            // Read back through the reference kernel: plain Java arithmetic, the same bits in every JIT tier,
            // so an output never depends on how warm the JVM was when its seed came (split runs merge to
            // the same bytes); on scalar it is exactly the single run's, elsewhere within the backend's tolerance.
            MatrixKernel<?> kernel = Kernels.available(Kernels.REFERENCE, dtype);
            for (int k = 0; k < seed.length; k++) {
                runs.add(readBack(kernel, topology, data[k], seed[k], batch.weights(k), template.newSituation()));
                data[k] = null;
            }
        }
        return new Outcome(config, seeds, runs);
    }

    /**
     * After training: every member's weights are finite, or the sweep ends as {@code train --seed S}
     * would, with one sentence and exit status 1 (no output: a sweep with diverged members is not a
     * result). The sentence counts the diverged seeds and names the first one's iteration and weight,
     * found by training that seed alone on the same backend under {@link DivergenceWatch}.
     */
    private static void requireFinite(Config config, Topology topology, long[] seed, TrainingSet[] data,
                                      ThreadedBatch batch, int iterations) {
        List<Integer> diverged = new ArrayList<>();
        for (int k = 0; k < seed.length; k++) {
            if (batch.weights(k).stream().anyMatch(m -> !m.isFinite())) {
                diverged.add(k);
            }
        }
        if (diverged.isEmpty()) {
            return;
        }
        int first = diverged.get(0);
        Network<?> alone = new Network<>(Kernels.available(config.backend(), DType.parse(config.dtype())), topology,
                data[first], NumpyInit.weights(topology, seed[first]));
        DivergenceWatch.Diverged where = DivergenceWatch.train(alone, iterations);
        String seeds = diverged.stream().limit(5).map(k -> Long.toString(seed[k])).collect(Collectors.joining(", "))
                + (diverged.size() > 5 ? ", ..." : "");
        throw new TrainingDiverged("training diverged for " + diverged.size() + " of " + seed.length + " seeds ("
                + seeds + "); seed " + seed[first] + " diverged " + (where != null ? where.where(iterations)
                : "in the batch only, not when trained alone (a fault of the backend's batched path)"));
    }

    /**
     * What {@code train --seed S} reports for these final weights: a network on the reference kernel
     * with S's initial weights (as the kernel holds them: float32 rounds), then the trained ones
     * loaded for one forward pass of the training set and of the new situation.
     */
    private static <M> Member readBack(MatrixKernel<M> kernel, Topology topology, TrainingSet set, long seed,
                                    List<Matrix> trained, double[] newSituation) {
        Network<M> network = new Network<>(kernel, topology, set, NumpyInit.weights(topology, seed));
        List<Matrix> initial = network.weights();
        for (int l = 0; l < trained.size(); l++) {
            network.loadWeights(l, trained.get(l).values());
        }
        List<Matrix> weights = network.weights();
        Matrix output = network.outputWithCurrentWeights();
        Matrix prediction = null;
        if (newSituation != null) {
            List<Matrix> layers = network.predict(newSituation);
            prediction = layers.get(layers.size() - 1);
        }
        return new Member(seed, initial, weights, output, meanSquaredError(set.targets(), output), prediction);
    }

    /** Mean over all elements of (y - output)^2, summed in row-major order. */
    static double meanSquaredError(Matrix targets, Matrix output) {
        double[] y = targets.values();
        double[] o = output.values();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - o[i];
            sum += e * e;
        }
        return sum / y.length;
    }
}
