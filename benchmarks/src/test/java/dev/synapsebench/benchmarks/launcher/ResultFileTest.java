package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -rf}/{@code -rff}: named as JMH names them, never written by a pass, written with every pass's results. */
class ResultFileTest {

    private static final IterationParams ITERATION = new IterationParams(IterationType.MEASUREMENT, 1,
            TimeValue.milliseconds(100), 1);

    @Test
    void namedAndFormattedAsJmhDoes() throws Exception {
        assertTrue(ResultFile.of(new CommandLineOptions()).isEmpty(), "no -rf, no -rff: no file, as with JMH");
        assertEquals(new ResultFile(ResultFormatType.JSON, Path.of("jmh-result.json")),
                ResultFile.of(new CommandLineOptions("-rf", "json")).orElseThrow());
        assertEquals(new ResultFile(ResultFormatType.TEXT, Path.of("jmh-result.text")),
                ResultFile.of(new CommandLineOptions("-rf", "text")).orElseThrow());
        assertEquals(new ResultFile(ResultFormatType.CSV, Path.of("out.json")),
                ResultFile.of(new CommandLineOptions("-rff", "out.json")).orElseThrow(), "JMH's default format is CSV");
        UsageException latex = assertThrows(UsageException.class,
                () -> ResultFile.of(new CommandLineOptions("-rf", "latex", "-rff", "r.tex")));
        assertTrue(latex.getMessage().startsWith("-rf latex cannot hold this launcher's results"), latex.getMessage());
        assertTrue(latex.getMessage().contains("--results=DIR"), latex.getMessage());
    }

    @Test
    void anUnwritableResultFileIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        String[] args = {"-rf", "json", "-rff", dir.resolve("no-such-folder/out.json").toString()};
        UsageException e = assertThrows(UsageException.class,
                () -> RunPlan.of(LaunchOptions.parse(args), new CommandLineOptions(args)));
        assertEquals("cannot write the result file " + dir.resolve("no-such-folder/out.json")
                + "; name a writable file with -rff", e.getMessage());
        String[] folder = {"-rff", dir.toString()};
        assertThrows(UsageException.class, () -> RunPlan.of(LaunchOptions.parse(folder), new CommandLineOptions(folder)));
    }

    @Test
    void noPassWritesTheResultFileAndEveryOtherOptionReachesIt(@TempDir Path dir) throws Exception {
        String[] args = {"trainingStep", "-rf", "json", "-rff", dir.resolve("out.json").toString(), "-wi", "3",
                "-tu", "us", "-p", "backend=scalar,simd", "-o", dir.resolve("jmh.log").toString()};
        RunPlan plan = RunPlan.of(LaunchOptions.parse(args), new CommandLineOptions(args)).withForkProcessors(2);
        assertEquals(new ResultFile(ResultFormatType.JSON, dir.resolve("out.json")), plan.resultFile().orElseThrow());
        for (RunPlan.Pass pass : plan.passes()) {
            Options options = plan.jmhOptions(pass, List.of("scalar", "simd"));
            assertFalse(options.getResult().hasValue(), pass.name());
            assertFalse(options.getResultFormat().hasValue(), pass.name());
            assertFalse(options.getOutput().hasValue(), pass.name() + ": -o is the run's (JmhOutput)");
            assertEquals(3, options.getWarmupIterations().get(), pass.name());
            assertEquals(TimeUnit.MICROSECONDS, options.getTimeUnit().get(), pass.name());
            Options sent = roundTrip(options); // JMH serialises a pass's options to its forks
            assertFalse(sent.getResult().hasValue());
            assertEquals(3, sent.getWarmupIterations().get());
        }
        assertFalse(Files.exists(dir.resolve("out.json")), "checking the file creates nothing");
    }

    @Test
    void theFileHoldsEveryPassInEveryFormat(@TempDir Path dir) throws Exception {
        List<RunResult> results = new ArrayList<>();
        results.add(result("dev.synapsebench.benchmarks.jmh.PeakBenchmark.fmaChains", "", ""));
        for (String backend : List.of("scalar", "simd")) {
            for (String network : List.of("3-1", "3-4-1")) {
                results.add(result("dev.synapsebench.benchmarks.jmh.NetworkBenchmark.trainingStep", backend, network));
            }
        }
        ResultFile json = new ResultFile(ResultFormatType.JSON, dir.resolve("out.json"));
        json.write(results.subList(0, 1)); // after the peaks' pass
        json.write(results); // after the tutorials'
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        assertEquals(5, rows.size(), rows.toString());
        assertEquals("simd", rows.get(4).at("/params/backend").asText());
        assertEquals("3-4-1", rows.get(4).at("/params/network").asText());
        assertEquals(JmhJson.of(results), Files.readString(dir.resolve("out.json")), "the same JSON as jmh.json");

        for (ResultFormatType format : List.of(ResultFormatType.CSV, ResultFormatType.SCSV)) {
            Path file = dir.resolve("out." + format);
            new ResultFile(format, file).write(results);
            assertEquals(1 + 5, Files.readAllLines(file).size(), format + ": a header and a line per result");
        }
        Path text = dir.resolve("out.text");
        new ResultFile(ResultFormatType.TEXT, text).write(results);
        String table = Files.readString(text, StandardCharsets.UTF_8);
        assertTrue(table.contains("fmaChains"), table);
        assertEquals(4, table.lines().filter(l -> l.contains("trainingStep")).count(), table);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no temporary file left");
        }
    }

    /**
     * A real run of three passes (the peaks, the tutorials in float64, their float32 rows), the
     * smallest timing JMH takes: out.json holds every row of all three, as the run folder's jmh.json
     * would, and -o's file JMH's output of all three.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRealRunsResultFileHoldsEveryPass(@TempDir Path dir) throws Exception {
        List<String> command = List.of(ForkJvm.currentExecutable(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "trainingStep", "-p", "backend=scalar,simd", "-p", "network=3-1,3-4-1",
                "-f", "1", "-wi", "0", "-i", "1", "-r", "100ms", "-rf", "json", "-rff", "out.json", "-o", "jmh.log");
        Path log = dir.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put(NumpyRace.PYTHON_VARIABLE, dir.resolve("no-python").toString());
        JmhLock.awaitFree(10);
        Process launcher = builder.start();
        assertTrue(launcher.waitFor(3, TimeUnit.MINUTES), "the run took longer than 3 minutes");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, launcher.exitValue(), output);
        assertTrue(output.contains("Benchmark result is saved to out.json"), output);
        String jmhLog = Files.readString(dir.resolve("jmh.log"), StandardCharsets.UTF_8);
        assertEquals(3, jmhLog.lines().filter(l -> l.startsWith("# Run complete.")).count(), "-o holds every pass:\n"
                + jmhLog);
        assertTrue(jmhLog.contains("PeakBenchmark.fmaChains") && jmhLog.contains("dtype = float32"), jmhLog);
        assertFalse(output.contains("# Run complete."), "JMH's output went to -o's file:\n" + output);

        List<String> rows = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(dir.resolve("out.json").toFile())) {
            String benchmark = row.path("benchmark").asText();
            rows.add(benchmark.substring(benchmark.lastIndexOf('.') + 1) + (row.has("params") ? " "
                    + row.at("/params/backend").asText() + " " + row.at("/params/network").asText() + " "
                    + row.at("/params/dtype").asText() : ""));
        }
        assertEquals(List.of("fmaChains", "fmaChainsFloat32",
                "trainingStep scalar 3-1 float64", "trainingStep scalar 3-4-1 float64",
                "trainingStep simd 3-1 float64", "trainingStep simd 3-4-1 float64",
                "trainingStep scalar 3-4-1 float32", "trainingStep simd 3-4-1 float32"), rows,
                "2 peaks, 2 backends x 2 networks in float64, 2 backends x 3-4-1 in float32");
    }

    private static Options roundTrip(Options options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(options);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Options) in.readObject();
        }
    }

    private static RunResult result(String benchmark, String backend, String network) {
        WorkloadParams params = new WorkloadParams();
        if (!backend.isEmpty()) {
            params.put("backend", backend, 0);
            params.put("network", network, 1);
        }
        BenchmarkParams benchmarkParams = new BenchmarkParams(benchmark, benchmark + "_jmhTest", true, 1, new int[]{1},
                List.of(), 1, 0, ITERATION, ITERATION, Mode.AverageTime, params, TimeUnit.NANOSECONDS, 1, "java",
                List.of(), "25", "vm", "25", "1.37", TimeValue.minutes(10));
        IterationResult iteration = new IterationResult(benchmarkParams, ITERATION, new IterationResultMetaData(1000, 1000));
        iteration.addResult(new AverageTimeResult(ResultRole.PRIMARY, "", 1000, 42_000, TimeUnit.NANOSECONDS));
        return new RunResult(benchmarkParams, List.of(new BenchmarkResult(benchmarkParams, List.of(iteration))));
    }
}
