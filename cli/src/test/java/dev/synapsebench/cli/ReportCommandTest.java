package dev.synapsebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code synapse report}: on a copy of a committed run, and every kind of bad input. */
class ReportCommandTest {

    /** A committed run (the module's tests run in cli/). */
    private static final Path COMMITTED_RUN = Path.of("..", "results", "20261202T113422Z-vm");


    @Test
    void writesTheReportBesideTheDataAndPrintsItsPath(@TempDir Path dir) throws IOException {
        Map<String, byte[]> data = new TreeMap<>();
        try (Stream<Path> files = Files.list(COMMITTED_RUN)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".png")
                    && !f.getFileName().toString().equals("report.md")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
                data.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }

        CliRun r = CliRun.of("report", dir.toString());

        assertEquals(0, r.status(), r.err());
        assertEquals(dir.resolve("report.md") + System.lineSeparator(), r.out());
        assertEquals("", r.err());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("### trainingStep on 784-128-10x256"));
        assertTrue(Files.isRegularFile(dir.resolve("sweep-gflops.png")));
        for (Map.Entry<String, byte[]> file : data.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(dir.resolve(file.getKey())), file.getKey());
        }
    }

    @Test
    void aMissingFolderIsBadInput(@TempDir Path dir) {
        assertBadInput(CliRun.of("report", dir.resolve("absent").toString()), "there is no run folder");
    }

    @Test
    void aFolderWithoutJmhJsonIsBadInput(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("environment.json"), "{}");
        assertBadInput(CliRun.of("report", dir.toString()), "has no jmh.json");
        assertFalse(Files.exists(dir.resolve("report.md")));
    }

    @Test
    void aTruncatedJmhJsonIsBadInput(@TempDir Path dir) throws IOException {
        byte[] jmh = Files.readAllBytes(COMMITTED_RUN.resolve("jmh.json"));
        Files.write(dir.resolve("jmh.json"), Arrays.copyOf(jmh, jmh.length / 2));
        assertBadInput(CliRun.of("report", dir.toString()), "is not valid JSON");
        assertArrayEquals(Arrays.copyOf(jmh, jmh.length / 2), Files.readAllBytes(dir.resolve("jmh.json")));
        assertFalse(Files.exists(dir.resolve("report.md")));
    }

    @Test
    void withoutAnArgumentAndNoResultsFolderItSaysSo() {
        // the tests run in cli/, which has no results/ of its own
        assumeTrue(System.getenv(ReportCommand.HOME_VARIABLE) == null && !Files.exists(Path.of("results")));
        assertBadInput(CliRun.of("report"), "there is no results folder");
    }

    @Test
    void theNewestRunIsTheGreatestNameWithAJmhJson(@TempDir Path results) throws IOException {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.newestRun(results));
        assertTrue(none.getMessage().contains("there is no run under"), none.getMessage());

        for (String name : new String[] {"20261123T012449Z-vm", "20261202T013345Z-vm", ".tmp-20261224T000000Z-vm-7"}) {
            Files.createDirectories(results.resolve(name));
            Files.writeString(results.resolve(name).resolve("jmh.json"), "[]");
        }
        Files.createDirectories(results.resolve("20261231T000000Z-vm")); // no jmh.json: not a run
        assertEquals(results.resolve("20261202T013345Z-vm"), ReportCommand.newestRun(results));
    }

    private static void assertBadInput(CliRun r, String message) {
        assertEquals(2, r.status(), () -> "exit status; stderr: " + r.err());
        assertTrue(r.err().startsWith("synapse: ") && r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), () -> "one line on stderr, got: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        assertEquals("", r.out());
    }
}
