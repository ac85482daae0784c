package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.RelativeTolerance;
import dev.synapsebench.core.SyntheticData;
import dev.synapsebench.core.TrainingSet;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * numpy's own time per training step on the benchmarked networks: the tutorials' numpy loop (the
 * script {@code numpy_race.py} on the class path, run by {@code python3}) timed with one BLAS thread
 * and with all cores, and checked against the scalar reference of this JVM before its numbers count.
 *
 * <ul>
 *   <li>Python is {@code SYNAPSE_PYTHON} if set, else {@code python3} on PATH; without it, or without
 *       numpy there, the race is skipped with one sentence ({@link Outcome#skippedBecause()}), it never
 *       throws for that.</li>
 *   <li>The BLAS threads are set through {@code OPENBLAS_NUM_THREADS}, {@code OMP_NUM_THREADS} and
 *       {@code MKL_NUM_THREADS}. {@link #REMOVED_ENVIRONMENT} is unset in the script's environment
 *       (a machine may pin OpenBLAS to an older core type, which slows current numpy down); if the
 *       script crashes without them it is run once more with the environment as it is, and the report
 *       says so.</li>
 *   <li>Parity: numpy's weights after a few steps ({@link #parityIterations}) must match the scalar
 *       reference's within {@link #PARITY_TOLERANCE}; a network that does not is reported with the
 *       element that differs ({@link StepTime#problem()}) and its timing does not count.</li>
 * </ul>
 */
final class NumpyRace {

    /** Relative tolerance (absolute near 0) of numpy's weights against the scalar reference's: the JVM backends' own. */
    static final double PARITY_TOLERANCE = dev.synapsebench.benchmarks.jmh.ParityCheck.TOLERANCE;

    /** Unset in the script's environment: they pin OpenBLAS's kernels and cache size. */
    static final List<String> REMOVED_ENVIRONMENT = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    /** Names the Python interpreter to use instead of {@code python3} on PATH. */
    static final String PYTHON_VARIABLE = "SYNAPSE_PYTHON";

    private static final List<String> THREAD_VARIABLES = List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
            "MKL_NUM_THREADS");
    private static final String SCRIPT = "/numpy_race.py";
    private static final int SCRIPT_USAGE_ERROR = 2;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * How long the script measures each network: warm-up, then {@code batches} timed batches of
     * about {@code batchSeconds} each; {@code timeout} bounds one whole run of the script.
     */
    record Settings(double warmupSeconds, double batchSeconds, int batches, Duration timeout) {

        Settings {
            if (!(warmupSeconds >= 0) || !(batchSeconds >= 0) || batches < 1 || timeout.isNegative()
                    || timeout.isZero()) {
                throw new IllegalArgumentException("numpy race settings need warm-up and batch seconds >= 0, at "
                        + "least 1 batch and a positive timeout");
            }
        }

        /** About 2.5 s per network and thread setting: the 7 default networks in about 40 s for both. */
        static final Settings DEFAULT = new Settings(0.5, 0.2, 10, Duration.ofMinutes(10));

        /** For tests: a fraction of a second per network. */
        static final Settings QUICK = new Settings(0.1, 0.02, 5, Duration.ofMinutes(2));
    }

    /**
     * numpy on one network.
     *
     * @param network                     the workload's benchmark name
     * @param nsPerStep                   mean time of one training step
     * @param errorNs                     half-width of the mean's 99.9% confidence interval (NaN for one batch)
     * @param samples                     timed batches
     * @param parityMaxRelativeDifference largest relative difference of numpy's weights from scalar's
     *                                    (NaN when not checked)
     * @param problem                     null when the timing counts, else why it is not comparable
     */
    record StepTime(String network, double nsPerStep, double errorNs, int samples, double parityMaxRelativeDifference,
                  String problem) {
    }

    /**
     * @param skippedBecause  null when both runs completed, else one sentence (no Python, no numpy, the
     *                        script failed); the maps then hold what did complete, possibly nothing
     * @param oneThread       per network (benchmark name, in the given order), with one BLAS thread
     * @param allThreads      the same with {@code allThreadsCount} BLAS threads
     * @param allThreadsCount {@link Runtime#availableProcessors()}
     * @param report          what to write as {@code numpy.json}: {@code python}, {@code skipped},
     *                        {@code settings}, and the script's output of each run ({@code oneThread},
     *                        {@code allThreads}) whose networks' {@code parity} holds the comparison
     *                        with scalar instead of numpy's weights
     */
    record Outcome(String skippedBecause, Map<String, StepTime> oneThread, Map<String, StepTime> allThreads,
                  int allThreadsCount, JsonNode report) {
    }

    private NumpyRace() {
    }

    /** Races numpy on {@code workloads} with the default settings; progress lines go to {@code progress}. */
    static Outcome run(List<Workload> workloads, PrintStream progress) {
        return run(workloads, progress, Settings.DEFAULT);
    }

    /** Races numpy with {@code settings}, on {@code SYNAPSE_PYTHON} if set, else {@code python3} on PATH. */
    static Outcome run(List<Workload> workloads, PrintStream progress, Settings settings) {
        String configured = System.getenv(PYTHON_VARIABLE);
        return run(workloads, progress, settings, configured == null || configured.isBlank() ? null : configured);
    }

    /**
     * @param python the interpreter (a path, or a name looked up on PATH) as if given by
     *               {@code SYNAPSE_PYTHON}; null for {@code python3} on PATH
     */
    static Outcome run(List<Workload> workloads, PrintStream progress, Settings settings, String python) {
        int cores = Runtime.getRuntime().availableProcessors();
        ObjectNode report = JSON.createObjectNode();
        report.putNull("python");
        report.putNull("skipped");
        report.putObject("settings").put("warmupSeconds", settings.warmupSeconds())
                .put("batchSeconds", settings.batchSeconds()).put("batches", settings.batches())
                .put("parityTolerance", PARITY_TOLERANCE).put("parityReference", Kernels.REFERENCE);
        report.put("allThreadsCount", cores);

        if (workloads.isEmpty()) {
            return skipped(report, cores, "no networks were given to race numpy on");
        }
        String origin = python == null ? "python3" : PYTHON_VARIABLE + "=" + python;
        Optional<Path> executable = python == null ? onPath("python3") : locate(python);
        if (executable.isEmpty()) {
            return skipped(report, cores, python == null
                    ? "python3 was not found on PATH (set " + PYTHON_VARIABLE + " to use another interpreter)"
                    : origin + " does not exist or is not executable");
        }
        report.put("python", executable.get().toString());
        String noNumpy = checkNumpy(executable.get(), origin);
        if (noNumpy != null) {
            return skipped(report, cores, noNumpy);
        }

        Path script = null;
        Map<String, StepTime> oneThread = new LinkedHashMap<>();
        Map<String, StepTime> allThreads = new LinkedHashMap<>();
        try {
            script = extractScript();
            Map<String, List<Matrix>> reference = new HashMap<>();
            Environment environment = new Environment(false);
            progress.printf("# numpy race: %s (%s), %d network(s), 1 BLAS thread, then %d%n",
                    executable.get(), origin, workloads.size(), cores);

            Race one = race(executable.get(), script, workloads, 1, settings, environment, progress);
            report.set("oneThread", one.report());
            if (one.failure() != null) {
                return finish(report, "numpy's race with 1 BLAS thread failed: " + one.failure(), oneThread,
                        allThreads, cores);
            }
            oneThread.putAll(check(one.report(), workloads, reference, progress));
            if (cores == 1) {
                report.set("allThreads", one.report());
                allThreads.putAll(oneThread);
                return finish(report, null, oneThread, allThreads, cores);
            }
            Race all = race(executable.get(), script, workloads, cores, settings, one.environment(), progress);
            report.set("allThreads", all.report());
            if (all.failure() != null) {
                return finish(report, "numpy's race with " + cores + " BLAS threads failed: " + all.failure(),
                        oneThread, allThreads, cores);
            }
            allThreads.putAll(check(all.report(), workloads, reference, progress));
            return finish(report, null, oneThread, allThreads, cores);
        } catch (IOException e) {
            return finish(report, "numpy's race could not run: " + e.getMessage(), oneThread, allThreads, cores);
        } finally {
            ChildOutput.delete(script);
        }
    }

    // ---- finding Python ----

    /** {@code name} in the folders of PATH (with {@code .exe} on Windows). */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            for (String candidate : windows ? List.of(name + ".exe", name) : List.of(name)) {
                Path file = Path.of(folder, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** A path to an executable file, or a bare name looked up on PATH. */
    private static Optional<Path> locate(String python) {
        if (!python.contains("/") && !python.contains(File.separator)) {
            return onPath(python);
        }
        Path file = Path.of(python);
        return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
    }

    /** Null when {@code python -c "import numpy"} works, else the sentence saying why not. */
    private static String checkNumpy(Path python, String origin) {
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", "import numpy")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return origin + " (" + python + ") did not import numpy within 2 minutes";
            }
            if (process.exitValue() != 0) {
                return origin + " (" + python + ") has no numpy (pip install numpy): " + ChildOutput.lastLine(output, "nothing on stderr");
            }
            return null;
        } catch (IOException e) {
            return origin + " (" + python + ") could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking " + origin + " for numpy";
        }
    }

    // ---- running the script ----

    /** Whether the variables of {@link #REMOVED_ENVIRONMENT} are kept (after a crash without them). */
    private record Environment(boolean keepPinnedCore) {
    }

    /** One run of the script: its output (with parity filled in later), or why it failed. */
    private record Race(ObjectNode report, String failure, Environment environment) {
    }

    private static Race race(Path python, Path script, List<Workload> workloads, int threads, Settings settings,
                            Environment environment, PrintStream progress) throws IOException {
        Path spec = Files.createTempFile("synapse-numpy-spec", ".json");
        Path out = Files.createTempFile("synapse-numpy-out", ".json");
        try {
            Attempt first = attempt(python, script, spec, out, workloads, threads, settings, environment, progress);
            if (first.report() != null || environment.keepPinnedCore() || first.removed().isEmpty()
                    || first.exitCode() == null || first.exitCode() == SCRIPT_USAGE_ERROR) {
                return new Race(first.report(), first.failureWithLog(), environment);
            }
            progress.printf("# numpy crashed without %s, %s; once more with the environment as it is%n",
                    String.join(", ", first.removed()), first.failureWithLog());
            Environment kept = new Environment(true);
            Attempt second = attempt(python, script, spec, out, workloads, threads, settings, kept, progress);
            if (second.report() == null) {
                return new Race(null, second.failureWithLog() + "; without " + String.join(", ", first.removed())
                        + " it had failed too, " + first.failureWithLog(), kept);
            }
            ChildOutput.delete(first.log());
            ObjectNode retry = second.report().putObject("environmentRetry");
            retry.put("firstAttempt", first.failure());
            ArrayNode without = retry.putArray("failedWithout");
            first.removed().forEach(without::add);
            ObjectNode ranWith = retry.putObject("ranWith");
            first.removed().forEach(v -> ranWith.put(v, System.getenv(v)));
            return new Race(second.report(), null, kept);
        } finally {
            ChildOutput.delete(spec);
            ChildOutput.delete(out);
        }
    }

    /**
     * @param failure  null when the script produced its report
     * @param exitCode null when the script did not finish in time
     * @param removed  the variables unset for this attempt
     * @param log      the script's stdout and stderr, kept when it failed (null when it succeeded)
     */
    private record Attempt(ObjectNode report, String failure, Integer exitCode, List<String> removed, Path log) {

        String failureWithLog() {
            return failure == null ? null : log == null ? failure : failure + "; log " + log;
        }
    }

    private static Attempt attempt(Path python, Path script, Path spec, Path out, List<Workload> workloads,
                                   int threads, Settings settings, Environment environment, PrintStream progress)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(python.toString(), script.toString(), spec.toString(),
                out.toString());
        Map<String, String> env = builder.environment();
        List<String> removed = new ArrayList<>();
        if (!environment.keepPinnedCore()) {
            for (String variable : REMOVED_ENVIRONMENT) {
                if (env.remove(variable) != null) {
                    removed.add(variable);
                }
            }
        }
        for (String variable : THREAD_VARIABLES) {
            env.put(variable, Integer.toString(threads));
        }
        env.put("PYTHONUNBUFFERED", "1");
        JSON.writeValue(spec.toFile(), spec(workloads, threads, settings, removed));
        Files.deleteIfExists(out);

        Path log = Files.createTempFile("synapse-numpy-" + threads + "-threads", ".log");
        Path errors = Files.createTempFile("synapse-numpy-" + threads + "-threads", ".stderr");
        boolean succeeded = false;
        try {
            Process process = builder.redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            Thread copier = copyLines(process.getInputStream(), log, progress);
            boolean finished = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            copier.join(TimeUnit.SECONDS.toMillis(10));
            appendErrors(log, errors);
            if (!finished) {
                return new Attempt(null, "no result within " + describe(settings.timeout()), null, removed, log);
            }
            int exit = process.exitValue();
            if (exit != 0 || !Files.isRegularFile(out) || Files.size(out) == 0) {
                return new Attempt(null, exitDescription(exit) + ": " + ChildOutput.lastLine(Files.readString(errors), "nothing on stderr"), exit,
                        removed, log);
            }
            ObjectNode report = (ObjectNode) JSON.readTree(out.toFile());
            succeeded = true;
            return new Attempt(report, null, exit, removed, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, "interrupted", null, removed, log);
        } finally {
            ChildOutput.delete(errors);
            if (succeeded) {
                ChildOutput.delete(log);
            }
        }
    }

    private static ObjectNode spec(List<Workload> workloads, int threads, Settings settings, List<String> removed) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("threads", threads);
        spec.put("warmupSeconds", settings.warmupSeconds());
        spec.put("batchSeconds", settings.batchSeconds());
        spec.put("batches", settings.batches());
        ArrayNode removedNode = spec.putArray("removedEnvironment");
        removed.forEach(removedNode::add);
        ArrayNode networks = spec.putArray("networks");
        for (Workload w : workloads) {
            ObjectNode n = networks.addObject();
            n.put("name", w.benchmarkName());
            ArrayNode sizes = n.putArray("sizes");
            for (int size : w.topology().sizes()) {
                sizes.add(size);
            }
            n.put("seed", w.seed());
            n.put("examples", w.trainingSet().examples());
            if (synthetic(w)) {
                n.putNull("inputs");
                n.putNull("targets");
            } else {
                n.set("inputs", rows(w.trainingSet().inputs()));
                n.set("targets", rows(w.trainingSet().targets()));
            }
            n.put("parityIterations", parityIterations(w));
        }
        return spec;
    }

    /** Whether numpy draws the workload's data itself: its X and y are {@link SyntheticData}'s for its seed. */
    private static boolean synthetic(Workload w) {
        if (Workloads.isTutorial(w)) {
            return false;
        }
        try {
            TrainingSet drawn = SyntheticData.trainingSet(w.topology(), w.trainingSet().examples(), w.seed());
            return drawn.inputs().equals(w.trainingSet().inputs()) && drawn.targets().equals(w.trainingSet().targets());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Steps of the parity check: 5, or fewer where a step is expensive for the scalar reference
     * (2 above 1e8 multiply-adds per step, 1 above 1e9), capped by the workload's own iterations.
     */
    static int parityIterations(Workload w) {
        int n = w.trainingSet().examples();
        double macs = w.topology().forwardMultiplyAdds(n) + w.topology().backwardMultiplyAdds(n);
        int steps = macs > 1e9 ? 1 : macs > 1e8 ? 2 : 5;
        return Math.max(0, Math.min(steps, w.iterations()));
    }

    private static ArrayNode rows(Matrix m) {
        ArrayNode rows = JSON.createArrayNode();
        for (double[] row : m.toRows()) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return rows;
    }

    // ---- parity and timings ----

    /** Compares each network's parity weights with scalar's, replaces them in the report by the verdict. */
    private static Map<String, StepTime> check(ObjectNode run, List<Workload> workloads,
                                             Map<String, List<Matrix>> reference, PrintStream progress) {
        Map<String, JsonNode> byName = new HashMap<>();
        run.path("networks").forEach(n -> byName.put(n.path("name").asText(), n));
        Map<String, StepTime> timings = new LinkedHashMap<>();
        for (Workload w : workloads) {
            String name = w.benchmarkName();
            JsonNode n = byName.get(name);
            if (n == null) {
                timings.put(name, new StepTime(name, Double.NaN, Double.NaN, 0, Double.NaN,
                        "numpy_race.py reported nothing for " + name));
                continue;
            }
            int steps = n.path("parity").path("iterations").asInt();
            Parity parity;
            try {
                List<Matrix> expected = reference.computeIfAbsent(name + "@" + steps, k -> scalarWeights(w, steps));
                parity = compare(expected, n.path("parity").path("weights"), name, steps);
            } catch (IllegalStateException | IllegalArgumentException e) {
                parity = new Parity(Double.NaN, e.getMessage());
            }
            ObjectNode verdict = ((ObjectNode) n).putObject("parity");
            verdict.put("iterations", steps).put("reference", Kernels.REFERENCE).put("tolerance", PARITY_TOLERANCE)
                    .put("maxRelativeDifference", parity.maxRelativeDifference());
            if (parity.problem() == null) {
                verdict.putNull("problem");
            } else {
                verdict.put("problem", parity.problem());
                progress.println("# numpy's " + name + " timing does not count: " + parity.problem());
            }
            JsonNode error = n.path("error999");
            timings.put(name, new StepTime(name, n.path("secondsPerStep").asDouble(Double.NaN) * 1e9,
                    error.isNumber() ? error.asDouble() * 1e9 : Double.NaN, n.path("samples").size(),
                    parity.maxRelativeDifference(), parity.problem()));
        }
        return Collections.unmodifiableMap(timings);
    }

    private record Parity(double maxRelativeDifference, String problem) {
    }

    /** The scalar reference's weights after {@code steps} steps from the workload's numpy initial weights. */
    private static List<Matrix> scalarWeights(Workload w, int steps) {
        MatrixKernel<?> kernel = Kernels.byName(Kernels.REFERENCE).orElseThrow(() -> new IllegalStateException(
                "the reference backend '" + Kernels.REFERENCE + "' is not installed, so numpy was not checked"));
        return train(kernel, w, steps);
    }

    private static List<Matrix> train(MatrixKernel<?> kernel, Workload w, int steps) {
        Network<?> network = Network.of(kernel, w);
        network.train(steps);
        return network.weights();
    }

    /** Every element within {@link #PARITY_TOLERANCE} ({@link RelativeTolerance#compare}); the problem names the first that is not. */
    private static Parity compare(List<Matrix> expected, JsonNode numpy, String network, int steps) {
        String where = "numpy differs from " + Kernels.REFERENCE + " on " + network + " after " + steps + " steps";
        if (!numpy.isArray() || numpy.size() != expected.size()) {
            return new Parity(Double.NaN, where + ": " + numpy.size() + " weight matrices instead of "
                    + expected.size());
        }
        List<Matrix> actual = new ArrayList<>();
        for (int m = 0; m < expected.size(); m++) {
            Matrix e = expected.get(m);
            JsonNode rows = numpy.get(m);
            if (rows.size() != e.rows()) {
                return new Parity(Double.NaN, String.format(Locale.ROOT, "%s: layer %d has %d rows instead of %d",
                        where, m + 1, rows.size(), e.rows()));
            }
            double[] values = new double[e.rows() * e.cols()];
            for (int r = 0; r < e.rows(); r++) {
                JsonNode row = rows.get(r);
                if (row.size() != e.cols()) {
                    return new Parity(Double.NaN, where + ": layer " + (m + 1) + " row " + (r + 1) + " has "
                            + row.size() + " values instead of " + e.cols());
                }
                for (int c = 0; c < e.cols(); c++) {
                    values[r * e.cols() + c] = row.get(c).isNumber() ? row.get(c).asDouble()
                            : parseNonNumeric(row.get(c));
                }
            }
            actual.add(new Matrix(e.rows(), e.cols(), values));
        }
        RelativeTolerance.Comparison found = RelativeTolerance.compare(expected, actual, PARITY_TOLERANCE);
        return new Parity(found.maxRelativeDifference(),
                found.firstMismatch() == null ? null : where + ": " + found.firstMismatch());
    }

    private static double parseNonNumeric(JsonNode value) {
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // ---- helpers ----

    private static Outcome skipped(ObjectNode report, int cores, String reason) {
        return finish(report, reason, Map.of(), Map.of(), cores);
    }

    private static Outcome finish(ObjectNode report, String reason, Map<String, StepTime> oneThread,
                                 Map<String, StepTime> allThreads, int cores) {
        if (reason != null) {
            report.put("skipped", reason);
        }
        return new Outcome(reason, Collections.unmodifiableMap(new LinkedHashMap<>(oneThread)),
                Collections.unmodifiableMap(new LinkedHashMap<>(allThreads)), cores, report);
    }

    private static Path extractScript() throws IOException {
        try (InputStream in = NumpyRace.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT.substring(1) + " is missing from the class path");
            }
            Path script = Files.createTempFile("numpy_race", ".py");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        }
    }

    /** Copies the script's stdout to the log and, indented, to {@code progress}, as it comes. */
    private static Thread copyLines(InputStream stdout, Path log, PrintStream progress) {
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
                 BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.newLine();
                    progress.println("#   " + line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "numpy-race-output");
        copier.setDaemon(true);
        copier.start();
        return copier;
    }

    private static void appendErrors(Path log, Path errors) throws IOException {
        String text = Files.readString(errors, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            Files.writeString(log, "--- stderr ---" + System.lineSeparator() + text, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static String exitDescription(int exit) {
        return exit > 128 && exit < 160 ? "killed by signal " + (exit - 128) + " (exit code " + exit + ")"
                : "exit code " + exit;
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
    }
}
