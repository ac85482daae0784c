package dev.synapsebench.report;

import dev.synapsebench.model.RunFolder;
import dev.synapsebench.model.RunFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** results/README.md: one row per committed run, made from the runs' files only. */
class ResultsIndexTest {

    private static final Path RESULTS = Path.of("..", "results");

    @Test
    void oneRowPerCommittedRunOldestFirstLinkedToItsReport() {
        String page = ResultsIndex.markdown(RESULTS);
        // the committed runs come first (oldest first); a user's own newer run may follow them
        List<String> rows = page.lines().filter(l -> l.startsWith("| [")).limit(4).toList();
        assertEquals(List.of("20261123T012449Z-vm", "20261202T113422Z-vm", "20261202T180228Z-vm", "20261203T104306Z-vm"),
                rows.stream().map(r -> r.substring(3, r.indexOf(']'))).toList());
        for (String row : rows) {
            String run = row.substring(3, row.indexOf(']'));
            assertTrue(row.startsWith("| [" + run + "](" + run + "/report.md) |"), row);
            assertTrue(Files.isRegularFile(RESULTS.resolve(run).resolve("report.md")), run + " has the page it links");
            assertTrue(row.contains("| AMD EPYC") && row.contains("| 25.0.3+9-LTS |") && row.contains("| default |"),
                    row);
        }
        assertTrue(rows.get(0).contains("| 2026-11-23 01:24 UTC |") && rows.get(0).contains("| AVX-512 (512-bit) |")
                && rows.get(0).contains("| `eba3cea` |") && rows.get(0).endsWith("| 3-4-1: 4.3 GFLOP/s (no peak measured) |"),
                rows.get(0));
        assertTrue(rows.get(3).contains("| AVX2 (256-bit) |") && rows.get(3).contains("| `5630b43` |"), rows.get(3));
        // as its report.md: simd's trainingStep on 128-512-1x512 at 20.3 GFLOP/s, 48% of the 42.5 GFLOP/s peak
        assertTrue(rows.get(3).endsWith("| 128-512-1x512: 20.3 GFLOP/s, 48% of peak |"), rows.get(3));
    }

    @Test
    void theHeadlineIsSimdsTrainingStepOnTheLargestNetworkAgainstThePeak() {
        String headline = ResultsIndex.headline(RunFolder.read(RESULTS.resolve("20261202T113422Z-vm")));
        // its report.md: 4.408 ms/op, 30.8 GFLOP/s, 54% of the 57.4 GFLOP/s peak; 784-128-10x256 is less work
        assertEquals("128-512-1x512: 30.8 GFLOP/s, 54% of peak", headline); // the report's own format
    }

    @Test
    void writingTwiceGivesTheSameBytesAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("20261203T104306Z-vm"));
        for (String file : List.of("jmh.json", "environment.json", "numpy.json", "machine.json")) {
            Files.copy(RESULTS.resolve(run.getFileName()).resolve(file), run.resolve(file));
        }
        Files.createDirectories(dir.resolve(".tmp-20261207T000000Z-vm-1")); // a run still staging: not a run
        Path written = ResultsIndex.write(dir);
        byte[] first = Files.readAllBytes(written);
        ResultsIndex.write(dir);
        assertEquals(new String(first), Files.readString(written));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".tmp-20261207T000000Z-vm-1", "20261203T104306Z-vm", "README.md"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.readString(written).contains(".tmp-"));
    }

    @Test
    void aDamagedRunIsOneSentence(@TempDir Path dir) throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("20261203T104306Z-vm")).resolve("jmh.json"), "[ {");
        RunFolderException e = assertThrows(RunFolderException.class, () -> ResultsIndex.write(dir));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(ResultsIndex.FILE)));
    }
}
