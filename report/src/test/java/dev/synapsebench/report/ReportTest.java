package dev.synapsebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.report.chart.Chart;
import dev.synapsebench.report.run.Result;
import dev.synapsebench.report.run.Run;
import dev.synapsebench.report.run.RunFolder;
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
    private static final String NEW_RUN = "20261202T013345Z-vm";

    @Test
    void anOldRunGetsItsTutorialChartsAndSaysWhatItLacks(@TempDir Path dir) throws IOException {
        Map<String, byte[]> data = copyRun(OLD_RUN, dir);
        Run run = RunFolder.read(dir);

        List<Path> written = Report.write(run, dir);

        assertEquals(List.of("trainingStep-3-1.png", "trainingStep-3-4-1.png", Report.PAGE), names(written));
        String page = Files.readString(dir.resolve(Report.PAGE));
        assertHeader(page, "`eba3cea7842bf03f2f52d90c015f43c3ce191c1f` (clean)", "2026-11-23 01:24:49 UTC");
        assertTrue(page.contains("**numpy:** not timed in this run"), page);
        assertTrue(page.contains("**FP64 peak:** not measured in this run"), page);
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
        Run run = RunFolder.read(dir);

        List<Path> written = Report.write(run, dir);

        assertEquals(List.of("trainingStep-3-1.png", "trainingStep-3-4-1.png", "sweep-time.png", "sweep-gflops.png",
                Report.PAGE), names(written));
        String page = Files.readString(dir.resolve(Report.PAGE));
        assertHeader(page, "`c9d5b646bf6698ee6eadee9bb8bcb4aec99fe46d` (clean)", "2026-12-02 01:33:45 UTC");
        assertTrue(page.contains("**numpy:** numpy 2.4.6 on scipy-openblas 0.3.31.188.0"), page);
        assertTrue(page.contains("**FP64 peak:** 115.3 GFLOP/s on one core"), page);
        assertTrue(page.contains("**Vector API:** 512-bit"), page);
        assertOneTablePerBenchmarkAndNetwork(run, page);
        // the console summary's figures (summary.txt): 80.774 ± 8.099 ns/op, 3.6 GFLOP/s, 3.1%, 4.56x, 139.90x
        assertTrue(page.contains("| simd | 80.774 ± 8.099 ns/op | 3.6 | 3.1% | 4.56x | 139.90x | 0.0 | not recorded |"),
                page);
        assertTrue(page.contains("| numpy-1t | 11.300 ± 1.200 µs/op | 0.025 | 0.022% | 0.033x | 1.00x | – |"
                + " 2.7e-16 over 5 steps |"), page);
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
            if (network.equals("64-256-1x256") || network.equals("3-4-1")) {
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

    @Test
    void writingAgainReplacesThePageAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Map<String, byte[]> data = copyRun(OLD_RUN, dir);
        Files.writeString(dir.resolve(Report.PAGE), "an older page");
        List<Path> written = Report.write(RunFolder.read(dir), dir);
        assertTrue(Files.readString(dir.resolve(Report.PAGE)).startsWith("# Benchmark run of"));
        Set<String> expected = new LinkedHashSet<>(data.keySet());
        expected.addAll(names(written));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(expected, files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertUnchanged(data, dir);
    }

    private static void assertHeader(String page, String commit, String date) {
        for (String field : List.of("**CPU:** AMD EPYC, 2 logical processors", "**JDK:** Eclipse Adoptium 25.0.3+9-LTS",
                "**Fork flags:** `--add-modules=jdk.incubator.vector`", "**Commit:** " + commit, "**Profile:** default",
                "**Date:** " + date, "**Backends:** `scalar`: plain Java loops")) {
            assertTrue(page.contains(field), field + " in\n" + page);
        }
    }

    /** A heading and a table for every (benchmark, network) of the run, and no other. */
    private static void assertOneTablePerBenchmarkAndNetwork(Run run, String page) {
        Set<String> expected = new LinkedHashSet<>();
        run.results().forEach(r -> expected.add("### " + r.benchmark() + " on " + r.network()));
        List<String> headings = page.lines().filter(l -> l.startsWith("### ")).toList();
        assertEquals(List.copyOf(expected), headings);
        long tables = page.lines().filter(l -> l.startsWith("| backend |")).count();
        assertEquals(expected.size(), tables);
        long rows = page.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| backend |")
                && !l.startsWith("| ---")).count();
        assertEquals(run.results().size(), rows, "one table row per result");
        assertTrue(run.results().stream().map(Result::backend).allMatch(b -> page.contains("| " + b + " | ")));
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
