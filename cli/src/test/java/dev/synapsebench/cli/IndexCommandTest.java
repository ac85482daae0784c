package dev.synapsebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code synapse index}: results/README.md from the run folders, and every kind of bad input. */
class IndexCommandTest {

    /** The repository's committed runs (the module's tests run in cli/). */
    private static final Path RESULTS = Path.of("..", "results");

    /** A hand edit of results/README.md fails here: the committed page is the command's output. */
    @Test
    void theCommittedIndexIsWhatTheCommandWrites(@TempDir Path dir) throws IOException {
        Path copy = copyOfResults(dir);
        CliRun r = CliRun.of("index", copy.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(copy.resolve("README.md") + System.lineSeparator(), r.out());
        assertEquals("", r.err());
        assertEquals(Files.readString(copy.resolve("README.md")), Files.readString(RESULTS.resolve("README.md")),
                "results/README.md differs from what './synapse index' writes: run it and commit the result");
    }

    @Test
    void listsEveryCommittedRunWithItsMachineAndHeadline(@TempDir Path dir) throws IOException {
        Path copy = copyOfResults(dir);
        assertEquals(0, CliRun.of("index", copy.toString()).status());
        String page = Files.readString(copy.resolve("README.md"));
        List<String> rows = page.lines().filter(l -> l.startsWith("| [")).toList();
        assertTrue(rows.size() >= 4, page); // the committed runs first, then any run of the user's own
        assertTrue(rows.get(1).startsWith("| [20261202T113422Z-vm](20261202T113422Z-vm/report.md) | 2026-12-02 11:34 UTC"
                + " | AMD EPYC (family 25, model 17), FP64 peak 57.4 GFLOP/s | AVX-512 (512-bit) | 25.0.3+9-LTS | `751684c` | default |"
                + " 128-512-1x512: 30.8 GFLOP/s, 54% of peak |"), rows.get(1));
        assertTrue(rows.get(3).contains("| AVX2 (256-bit) |"), rows.get(3));
    }

    @Test
    void badInputGetsOneSentenceAndStatusTwo(@TempDir Path dir) throws IOException {
        Path damaged = Files.createDirectories(dir.resolve("damaged").resolve("20261203T104306Z-vm"));
        Files.writeString(damaged.resolve("jmh.json"), "[ {");
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Path badMachine = copyOfResults(dir.resolve("bad-machine"));
        Files.writeString(badMachine.resolve("20261203T104306Z-vm").resolve("machine.json"), "{ \"vendor\" : ");
        Path readOnly = copyOfResults(dir.resolve("read-only"));
        Files.delete(readOnly.resolve("README.md"));
        Files.createDirectories(readOnly.resolve("README.md")); // a folder where the page goes: cannot be replaced
        Files.writeString(readOnly.resolve("README.md").resolve("x"), "");
        for (String[] args : List.of(
                new String[] {"index", dir.resolve("absent").toString()},
                new String[] {"index", file.toString()},
                new String[] {"index", dir.resolve("damaged").toString()},
                new String[] {"index", readOnly.toString()},
                new String[] {"index", badMachine.toString()},
                new String[] {"index", "a", "b"})) {
            CliRun o = CliRun.of(args);
            assertEquals(2, o.status(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat ") || o.err().contains("dev.synapsebench"),
                    o.err());
        }
        assertFalse(Files.exists(dir.resolve("damaged").resolve("README.md")), "nothing written for a damaged run");
    }

    /** The committed runs' data files and README.md, without the charts. */
    private static Path copyOfResults(Path target) throws IOException {
        Files.createDirectories(target);
        Files.copy(RESULTS.resolve("README.md"), target.resolve("README.md"));
        try (var runs = Files.list(RESULTS)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                Path copy = Files.createDirectories(target.resolve(run.getFileName()));
                try (var files = Files.list(run)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                        Files.copy(f, copy.resolve(f.getFileName()));
                    }
                }
            }
        }
        return target;
    }
}
