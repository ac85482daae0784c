package dev.synapsebench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads every committed run, old and new, and refuses what is not a run folder with one sentence. */
class RunFolderTest {

    /** The repository's committed runs (the module's tests run in report/). */
    static final Path RESULTS = Path.of("..", "results");

    static List<Path> committedRuns() throws IOException {
        try (Stream<Path> runs = Files.list(RESULTS)) {
            return runs.filter(p -> Files.isRegularFile(p.resolve("jmh.json"))).sorted().toList();
        }
    }

    @Test
    void readsEveryCommittedRun() throws IOException {
        List<Path> runs = committedRuns();
        assertTrue(runs.size() >= 4, "committed runs under " + RESULTS.toAbsolutePath());
        for (Path folder : runs) {
            MeasuredRun run = RunFolder.read(folder);
            assertFalse(run.results().isEmpty(), folder.toString());
            for (Measurement r : run.results()) {
                assertTrue(r.samples().length >= 1, r.key() + " in " + folder);
                assertTrue(Double.isFinite(r.score()) && r.score() > 0, r.key() + " in " + folder);
            }
        }
    }

    @Test
    void oldRunsSayWhatTheyLack() {
        MeasuredRun first = RunFolder.read(RESULTS.resolve("20261123T012449Z-vm"));
        assertTrue(first.gaps().stream().anyMatch(g -> g.contains("numpy.json")), first.gaps().toString());
        assertTrue(first.gaps().stream().anyMatch(g -> g.contains("parity")), first.gaps().toString());
        assertTrue(Double.isNaN(first.peakGflops()));
        MeasuredRun sweep = RunFolder.read(RESULTS.resolve("20261202T113422Z-vm"));
        assertTrue(sweep.peakGflops() > 1);
        assertTrue(sweep.results().stream().anyMatch(r -> r.backend().equals(BenchmarkSchema.NUMPY_ONE_THREAD)
                && r.network().equals("784-128-10x256") && r.samples().length == 10));
        Measurement simd = sweep.results().stream().filter(r -> r.key().toString().equals("trainingStep 3-4-1 simd"))
                .findFirst().orElseThrow();
        assertEquals(2, simd.forks().size());
        assertEquals(5, simd.forks().get(0).length);
    }

    @Test
    void refusesWhatIsNotARunFolder(@TempDir Path dir) throws IOException {
        assertThrows(RunFolderException.class, () -> RunFolder.read(dir.resolve("absent")));
        assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        Files.writeString(dir.resolve("jmh.json"), "[ { \"benchmark\" : \"x\", \"params\" : {");
        RunFolderException truncated = assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        assertTrue(truncated.getMessage().contains("not valid JSON"), truncated.getMessage());
        Files.writeString(dir.resolve("jmh.json"), "{}");
        assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        Files.writeString(dir.resolve("jmh.json"), "[]");
        assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
    }

    /** Rows measured with {@code dtype=float64} key like the rows of runs made before the parameter. */
    @Test
    void float64RowsKeepTheKeysOfOlderRuns(@TempDir Path dir) throws IOException {
        String jmh = Files.readString(RESULTS.resolve("20261123T012449Z-vm/jmh.json")); // made before the parameter
        Files.writeString(dir.resolve("jmh.json"), jmh.replace("\"network\" : \"3-1\"",
                "\"network\" : \"3-1\", \"dtype\" : \"float32\"").replace("\"network\" : \"3-4-1\"",
                "\"network\" : \"3-4-1\", \"dtype\" : \"float64\""));
        MeasuredRun run = RunFolder.read(dir);
        assertTrue(run.results().stream().anyMatch(r -> r.key().toString().equals("trainingStep 3-4-1 simd")),
                "float64 rows keyed without the parameter");
        assertTrue(run.results().stream().anyMatch(r -> r.key().toString().equals("trainingStep 3-1 simd dtype=float32")));
    }

    @Test
    void aCorruptOptionalFileIsAGapNotAFailure(@TempDir Path dir) throws IOException {
        Files.copy(RESULTS.resolve("20261202T113422Z-vm/jmh.json"), dir.resolve("jmh.json"));
        Files.writeString(dir.resolve("environment.json"), "{ \"run\" : ");
        MeasuredRun run = RunFolder.read(dir);
        assertTrue(run.gaps().stream().anyMatch(g -> g.contains("environment.json")), run.gaps().toString());
    }
}
