package dev.synapsebench.report;

import dev.synapsebench.model.RunFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.report.chart.Chart;
import dev.synapsebench.model.FlameGraphs;
import dev.synapsebench.model.Machine;
import dev.synapsebench.report.compare.Comparison;
import dev.synapsebench.report.compare.VerdictRule;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of an old and a new committed run, written into a copy of the run (never into results/). */
class ReportTest {

    private static final Path RESULTS = Path.of("..", "results");
    private static final String OLD_RUN = "20261123T012449Z-vm";
    private static final String NEW_RUN = "20261202T113422Z-vm";
    private static final String AVX2_RUN = "20261203T104306Z-vm";

    @Test
    void anOldRunGetsItsTutorialChartsAndSaysWhatItLacks(@TempDir Path dir) throws IOException {
        Map<String, byte[]> data = copyRun(OLD_RUN, dir);
        MeasuredRun run = RunFolder.read(dir);

        List<Path> written = Report.write(run, dir);

        assertEquals(List.of("trainingStep-3-1.png", "trainingStep-3-4-1.png", RunFiles.REPORT_MD), names(written));
        String page = Files.readString(dir.resolve(RunFiles.REPORT_MD));
        assertHeader(page, "`eba3cea7842bf03f2f52d90c015f43c3ce191c1f` (clean)", "2026-11-23 01:24:49 UTC");
        assertTrue(page.contains("**numpy:** not timed in this run"), page);
        assertTrue(page.contains("**FP64 peak:** not measured in this run"), page);
        assertTrue(page.contains("**CPU:** AMD EPYC, 2 logical processors, AVX-512: 512-bit vectors\n"), page);
        assertTrue(page.contains("## What this run lacks"), page);
        assertFalse(run.gaps().isEmpty());
        for (String gap : run.gaps()) {
            assertTrue(page.toLowerCase().contains(gap.toLowerCase()), gap);
        }
        assertOneTablePerBenchmarkAndNetwork(run, page);
        assertFalse(page.contains("vs numpy"), "a run without numpy has no numpy column");
        assertTrue(page.contains("| nd4j | 2.086 ± 1.137 µs/op | 0.012 | 0.021x | 760.2 | not recorded |"), page);
        assertPngs(written);
        assertUnchanged(data, dir);
    }

    @Test
    void aNewRunGetsNumpyThePeakAndTheSweepCharts(@TempDir Path dir) throws IOException {
        Map<String, byte[]> data = copyRun(NEW_RUN, dir);
        MeasuredRun run = RunFolder.read(dir);

        List<Path> written = Report.write(run, dir);

        assertEquals(List.of("trainingStep-3-1.png", "trainingStep-3-4-1.png", "sweep-time.png", "sweep-gflops.png",
                RunFiles.REPORT_MD), names(written));
        String page = Files.readString(dir.resolve(RunFiles.REPORT_MD));
        assertHeader(page, "`751684c6f25119e2cbebe627583fd4cfded5b6cc` (clean)", "2026-12-02 11:34:22 UTC");
        assertTrue(page.contains("**numpy:** numpy 2.4.6 on scipy-openblas 0.3.31.188.0"), page);
        assertTrue(page.contains("**FP64 peak:** 57.4 GFLOP/s on one core"), page);
        assertTrue(page.contains("**Vector API:** 512-bit"), page);
        // environment.json names the CPU only "AMD EPYC"; machine.json adds the family, model and ISA it shows
        assertTrue(page.contains("**CPU:** AMD EPYC (family 25, model 17), 2 logical processors, AVX-512: 512-bit"
                + " vectors, FP64 peak 57.4 GFLOP/s\n"), page);
        assertOneTablePerBenchmarkAndNetwork(run, page);
        // the console summary's figures (summary.txt): 86.120 ± 2.897 ns/op, 3.3 GFLOP/s, 5.8%, 6.18x, 219.40x
        assertTrue(page.contains("| simd | 86.120 ± 2.897 ns/op | 3.3 | 5.8% | 6.18x | 219.40x | – | 0.0 |"
                + " 3.1e-16 over 1000 steps |"), page);
        assertTrue(page.contains("| numpy-1t | 18.895 ± 5.254 µs/op | 0.015 | 0.027% | 0.028x | 1.00x | – | – |"
                + " 1.1e-16 over 5 steps |"), page);
        assertTrue(page.contains("alloc.thread.norm") && page.contains("gc.alloc.rate.norm"), page);
        for (Path chart : written.subList(0, written.size() - 1)) {
            assertTrue(page.contains("](" + chart.getFileName() + ")"), "page links " + chart.getFileName());
        }
        assertPngs(written);
        assertUnchanged(data, dir);
        assertTrue(GraphicsEnvironment.isHeadless());
    }

    /** One sweep network and a float32 row: a log axis over a single work value must still scale. */
    @Test
    void aRunWithOneSweepNetworkAndAFloat32RowGetsItsCharts(@TempDir Path dir) throws IOException {
        copyRun(NEW_RUN, dir);
        ObjectMapper json = new ObjectMapper();
        ArrayNode kept = json.createArrayNode();
        for (JsonNode row : json.readTree(dir.resolve("jmh.json").toFile())) {
            String network = row.path("params").path("network").asText();
            boolean measuredFloat32 = row.path("params").path("dtype").asText().equals("float32");
            if (!measuredFloat32 && (network.equals("64-256-1x256") || network.equals("3-4-1"))) {
                kept.add(row);
                if (row.path("params").path("backend").asText().equals("simd")) {
                    ObjectNode float32 = row.deepCopy();
                    ((ObjectNode) float32.path("params")).put("dtype", "float32");
                    kept.add(float32);
                }
            }
        }
        json.writeValue(dir.resolve("jmh.json").toFile(), kept);
        Files.delete(dir.resolve("numpy.json"));
        List<Path> written = Report.write(RunFolder.read(dir), dir);
        assertTrue(names(written).containsAll(List.of("sweep-time.png", "sweep-gflops.png", "report.md")), names(written).toString());
        String page = Files.readString(dir.resolve("report.md"));
        assertTrue(page.contains("| simd dtype=float32 |"));
        assertTrue(page.contains("| vs float64 |"), "the column appears when a row is float32");
        assertTrue(page.matches("(?s).*\\| simd dtype=float32 \\|[^\n]*\\| 1\\.00x \\| [^|]+ \\| [^|]+ \\|\n.*"),
                "a copy of simd's float64 row is 1.00x its twin: " + page);
        assertPngs(written);
    }

    /**
     * A committed run with trainMany rows made from its trainingStep rows on 3-4-1: each backend's batch
     * of 1024 at a sixth of its step's time on one thread and a twelfth on two, a batch of 8 at its step's.
     */
    static Path withManyNetworks(Path dir) throws IOException {
        copyRun(NEW_RUN, Files.createDirectories(dir));
        ObjectMapper json = new ObjectMapper();
        ArrayNode rows = (ArrayNode) json.readTree(dir.resolve("jmh.json").toFile());
        ArrayNode many = json.createArrayNode();
        for (JsonNode row : rows) {
            if (row.path("benchmark").asText().endsWith(".trainingStep")
                    && row.path("params").path("network").asText().equals("3-4-1")
                    && !row.path("params").path("dtype").asText().equals("float32")) {
                many.add(trainMany(row, "8", "1", 1));
                many.add(trainMany(row, "1024", "2", 12)); // before its 1-thread twin: the reader sorts
                many.add(trainMany(row, "1024", "1", 6));
            }
        }
        rows.addAll(many);
        json.writeValue(dir.resolve("jmh.json").toFile(), rows);
        return dir;
    }

    private static ObjectNode trainMany(JsonNode trainingStep, String batch, String threads, double faster) {
        ObjectNode row = trainingStep.deepCopy();
        row.put("benchmark", "dev.synapsebench.benchmarks.jmh.ManyNetworksBenchmark.trainMany");
        ((ObjectNode) row.path("params")).put("batch", batch).put("threads", threads);
        ObjectNode primary = (ObjectNode) row.path("primaryMetric");
        primary.put("score", primary.path("score").asDouble() / faster);
        primary.put("scoreError", primary.path("scoreError").asDouble() / faster);
        for (JsonNode fork : primary.path("rawData")) {
            for (int i = 0; i < fork.size(); i++) {
                ((ArrayNode) fork).set(i, fork.get(i).asDouble() / faster);
            }
        }
        return row;
    }

    @Test
    void manyNetworksGetATableBesideTrainingStepKeyedByBatchAndThreads(@TempDir Path dir) throws IOException {
        MeasuredRun run = RunFolder.read(withManyNetworks(dir));
        List<String> simd = run.results().stream().filter(r -> r.benchmark().equals("trainMany")
                && r.backend().equals("simd")).map(r -> r.key().toString()).toList();
        assertEquals(List.of("trainMany 3-4-1 simd batch=8 threads=1", "trainMany 3-4-1 simd batch=1024 threads=1",
                "trainMany 3-4-1 simd batch=1024 threads=2"), simd, "keyed by both, batch 8 before 1024");
        List<String> benchmarks = run.results().stream().map(Measurement::benchmark).distinct().toList();
        assertEquals(benchmarks.indexOf("trainingStep") + 1, benchmarks.indexOf("trainMany"), "beside trainingStep");

        Report.write(run, dir);
        String page = Files.readString(dir.resolve("report.md"));
        assertOneTablePerBenchmarkAndNetwork(run, page);
        String section = page.substring(page.indexOf("### trainMany on 3-4-1"));
        section = section.substring(0, section.indexOf("\n## "));
        assertTrue(section.contains("| backend | K | threads | per network-step ± error | network-steps/s |"
                + " vs trainingStep | vs 1 thread | B/op | parity found |"), section);
        assertTrue(section.matches("(?s).*\\| simd \\| 1024 \\| 1 \\| [^|]+ \\| [^|]+ \\| 6\\.00x \\| – \\|.*"), section);
        assertTrue(section.matches("(?s).*\\| simd \\| 1024 \\| 2 \\| [^|]+ \\| [^|]+ \\| 12\\.00x \\| 2\\.00x \\|.*"),
                section);
        assertTrue(section.matches("(?s).*\\| nd4j \\| 8 \\| 1 \\| [^|]+ \\| [^|]+ \\| 1\\.00x \\| – \\|.*"), section);
        assertTrue(page.contains("**vs 1 thread**"), "the legend names the columns");
        assertFalse(page.substring(0, page.indexOf("### trainMany")).contains("batch="),
                "the other tables are as before");
    }

    /** synapse compare pairs trainMany rows by batch and threads, and against a run without them lists them apart. */
    @Test
    void compareKeysManyNetworksRowsByTheirParameters(@TempDir Path dir) throws IOException {
        MeasuredRun many = RunFolder.read(withManyNetworks(dir.resolve("many")));
        Comparison itself = Comparison.of(many, many, VerdictRule.DEFAULT);
        assertEquals(many.results().size(), itself.rows().size(), "every row paired with itself");
        assertTrue(itself.rows().stream().allMatch(r -> r.base() == r.candidate()));
        MeasuredRun before = RunFolder.read(RESULTS.resolve(NEW_RUN));
        Comparison older = Comparison.of(before, many, VerdictRule.DEFAULT);
        assertEquals(before.results().size(), older.rows().size(), "the old run's rows keep their keys");
        assertTrue(older.onlyInBase().isEmpty());
        assertTrue(older.onlyInCandidate().stream().map(Measurement.Key::toString).toList()
                .contains("trainMany 3-4-1 simd batch=1024 threads=2"), older.onlyInCandidate().toString());
        assertEquals(many.results().size() - before.results().size(), older.onlyInCandidate().size());
    }

    /** A run whose environment.json names the CPU: the header says so, and machine.json only fills gaps. */
    @Test
    void theHeaderNamesTheCpuFromEnvironmentJsonBeforeMachineJson(@TempDir Path dir) throws IOException {
        copyRun(AVX2_RUN, dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode environment = (ObjectNode) json.readTree(dir.resolve("environment.json").toFile());
        ((ObjectNode) environment.path("cpu")).put("vendor", "AuthenticAMD").put("family", 25).put("modelNumber", 1)
                .put("stepping", 1).put("vectorBits", 256).put("isa", "AVX2");
        json.writeValue(dir.resolve("environment.json").toFile(), environment);
        ObjectNode machine = (ObjectNode) json.readTree(dir.resolve(RunFiles.MACHINE_JSON).toFile());
        ((ObjectNode) machine.path(Machine.ISA)).put("value", "AVX-512"); // environment.json's own record wins
        json.writeValue(dir.resolve(RunFiles.MACHINE_JSON).toFile(), machine);

        Report.write(RunFolder.read(dir), dir);
        String page = Files.readString(dir.resolve(RunFiles.REPORT_MD));
        assertTrue(page.contains("**CPU:** AMD EPYC (family 25, model 1, stepping 1), 2 logical processors,"
                + " AVX2: 256-bit vectors, FP64 peak 42.5 GFLOP/s\n"), page);

        Files.delete(dir.resolve(RunFiles.MACHINE_JSON)); // a new run's environment.json suffices
        Report.write(RunFolder.read(dir), dir);
        assertTrue(Files.readString(dir.resolve(RunFiles.REPORT_MD)).contains("**CPU:** AMD EPYC (family 25, model 1,"
                + " stepping 1), 2 logical processors, AVX2: 256-bit vectors, FP64 peak 42.5 GFLOP/s\n"));
    }

    /**
     * A run made with --jvm-args and --flame: the header names the extra options with the vectors they
     * gave, and a short section links each flame graph and says what was sampled, and how.
     */
    @Test
    void extraJvmOptionsAndFlameGraphsAreOnThePage(@TempDir Path dir) throws IOException {
        copyRun(AVX2_RUN, dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode environment = (ObjectNode) json.readTree(dir.resolve("environment.json").toFile());
        ((ObjectNode) environment.path("cpu")).put("vectorBits", 128);
        ObjectNode jvm = (ObjectNode) environment.path("jvm");
        jvm.putArray("extraArgs").add("-XX:UseAVX=1");
        jvm.putObject("vectorOptions").put("UseAVX", "1").put("MaxVectorSize", "16");
        String graph = "flame/trainingStep-simd-784-128-10x256-float64.html";
        environment.set(FlameGraphs.SECTION, new FlameGraphs("trainingStep", "async-profiler 4.1", "itimer",
                "CPU time sampled by the kernel's interval timer", 1.0, "2 x 500 ms", "4 x 1 s", 4.0,
                List.of(new FlameGraphs.Graph("simd", "784-128-10x256", "float64", Map.of(), graph),
                        new FlameGraphs.Graph("simd", "3-1", "float64", Map.of(), "flame/gone.html")),
                List.of("trainingStep-nd4j-784-128-10x256-float64: no flame graph"), null).toJson());
        json.writeValue(dir.resolve("environment.json").toFile(), environment);
        Files.createDirectories(dir.resolve("flame"));
        Files.writeString(dir.resolve(graph), "<html></html>");

        Report.write(RunFolder.read(dir), dir);
        String page = Files.readString(dir.resolve(RunFiles.REPORT_MD));
        assertTrue(page.contains("- **Extra JVM options:** `-XX:UseAVX=1` (every fork's, the peak's too; there the"
                + " preferred vector species had 128 bits, UseAVX 1, MaxVectorSize 16)\n"), page);
        String section = page.substring(page.indexOf("## Flame graphs"), page.indexOf("## Reading the tables"));
        assertTrue(section.contains("`trainingStep`") && section.contains("event `itimer` every 1 ms")
                && section.contains("4 x 1 s sampled") && section.contains("2 x 500 ms of warm-up")
                && section.contains("interval timer"), section);
        assertTrue(section.contains("- [simd, 784-128-10x256, float64](" + graph + ")\n"), section);
        assertTrue(section.contains("- simd, 3-1, float64: `flame/gone.html` is not in this folder\n"), section);
        assertTrue(section.contains("- No graph for trainingStep-nd4j-784-128-10x256-float64: no flame graph\n"), section);

        environment.set(FlameGraphs.SECTION, new FlameGraphs("trainingStep", "async-profiler 4.1", "itimer", "", 1.0,
                "2 x 500 ms", "4 x 1 s", 4.0, List.of(), List.of(), "async-profiler ships no library for"
                + " Windows 11 on amd64, so no flame graphs were made").toJson());
        json.writeValue(dir.resolve("environment.json").toFile(), environment);
        Report.write(RunFolder.read(dir), dir);
        assertTrue(Files.readString(dir.resolve(RunFiles.REPORT_MD)).contains("## Flame graphs\n\nNone: async-profiler"
                + " ships no library for Windows 11 on amd64, so no flame graphs were made.\n"));
    }

    @Test
    void aRunWithoutExtraOptionsOrFlameGraphsHasNeither(@TempDir Path dir) throws IOException {
        copyRun(AVX2_RUN, dir);
        Report.write(RunFolder.read(dir), dir);
        String page = Files.readString(dir.resolve(RunFiles.REPORT_MD));
        assertFalse(page.contains("Extra JVM options") || page.contains("## Flame graphs"), page);
    }

    @Test
    void writingAgainReplacesThePageAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Map<String, byte[]> data = copyRun(OLD_RUN, dir);
        Files.writeString(dir.resolve(RunFiles.REPORT_MD), "an older page");
        List<Path> written = Report.write(RunFolder.read(dir), dir);
        assertTrue(Files.readString(dir.resolve(RunFiles.REPORT_MD)).startsWith("# Benchmark run of"));
        Set<String> expected = new LinkedHashSet<>(data.keySet());
        expected.addAll(names(written));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(expected, files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertUnchanged(data, dir);
    }

    private static void assertHeader(String page, String commit, String date) {
        for (String field : List.of("**CPU:** AMD EPYC", "2 logical processors", "**JDK:** Eclipse Adoptium 25.0.3+9-LTS",
                "**Fork flags:** `--add-modules=jdk.incubator.vector`", "**Commit:** " + commit, "**Profile:** default",
                "**Date:** " + date, "**Backends:** `scalar`: plain Java loops")) {
            assertTrue(page.contains(field), field + " in\n" + page);
        }
    }

    /** A heading and a table for every (benchmark, network) of the run, and no other. */
    private static void assertOneTablePerBenchmarkAndNetwork(MeasuredRun run, String page) {
        Set<String> expected = new LinkedHashSet<>();
        run.results().forEach(r -> expected.add("### " + r.benchmark() + " on " + r.network()));
        List<String> headings = page.lines().filter(l -> l.startsWith("### ")).toList();
        assertEquals(List.copyOf(expected), headings);
        long tables = page.lines().filter(l -> l.startsWith("| backend |")).count();
        assertEquals(expected.size(), tables);
        long rows = page.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| backend |")
                && !l.startsWith("| ---")).count();
        assertEquals(run.results().size(), rows, "one table row per result");
        assertTrue(run.results().stream().map(Measurement::backend).allMatch(b -> page.contains("| " + b + " | ")));
    }

    private static void assertPngs(List<Path> written) throws IOException {
        for (Path file : written.subList(0, written.size() - 1)) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, file + " decodes");
            assertEquals(Chart.WIDTH, image.getWidth(), file.toString());
            assertEquals(Chart.HEIGHT, image.getHeight(), file.toString());
        }
    }

    /** Copies the committed run's files; returns their bytes, by name. */
    private static Map<String, byte[]> copyRun(String name, Path dir) throws IOException {
        Map<String, byte[]> data = new TreeMap<>();
        try (Stream<Path> files = Files.list(RESULTS.resolve(name))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")
                    || f.getFileName().toString().startsWith("summary.")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
                data.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        assertTrue(data.containsKey("jmh.json"), name);
        return data;
    }

    private static void assertUnchanged(Map<String, byte[]> data, Path dir) throws IOException {
        for (Map.Entry<String, byte[]> file : data.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(dir.resolve(file.getKey())), file.getKey());
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }
}
