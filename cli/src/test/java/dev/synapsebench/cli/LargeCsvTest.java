package dev.synapsebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV of a million rows is read and trained on in bounded time and memory: in a JVM of its own
 * with a 512 MiB heap (the values are held once, in one array, and one record at a time), within
 * a minute; one whose values, or whose one line, do not fit the heap is one sentence, not an
 * {@link OutOfMemoryError}.
 * Examples, not properties: they take seconds, not milliseconds.
 */
class LargeCsvTest {

    private static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMillionRowsTrainInBoundedTimeAndMemory() throws IOException, InterruptedException {
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        try (BufferedWriter xw = Files.newBufferedWriter(x, StandardCharsets.UTF_8);
             BufferedWriter yw = Files.newBufferedWriter(y, StandardCharsets.UTF_8)) {
            xw.write("# a million examples\r\n");
            for (int i = 0; i < ROWS; i++) {
                xw.write((i & 1) + "," + ((i >> 1) & 1) + ",0.5\r\n");
                yw.write(((i & 1) ^ ((i >> 1) & 1)) + "\n");
            }
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SynapseCli.class.getName(), "train", "--inputs", x.toString(),
                "--targets", y.toString(), "--iterations", "2", "--network", "3-4-1"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long start = System.nanoTime();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertTrue(ended, "still running after 90 s");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertEquals("", Files.readString(err).replaceAll("(?m)^WARNING: Using incubator modules.*\\R", ""));
        assertTrue(Files.size(out) > 10L * ROWS, "prints the million outputs: " + Files.size(out) + " bytes");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCsvLargerThanTheHeapIsOneSentence() throws IOException, InterruptedException {
        Path x = dir.resolve("x.csv");
        try (BufferedWriter xw = Files.newBufferedWriter(x, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 20_000_000; i++) { // 160 MB of values in a 64 MiB heap
                xw.write("1\n");
            }
        }
        refusedInASmallHeap(x, " holds more values than this JVM has free memory for");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLineLongerThanTheHeapIsOneSentence() throws IOException, InterruptedException {
        Path x = dir.resolve("x.csv");
        try (BufferedWriter xw = Files.newBufferedWriter(x, StandardCharsets.UTF_8)) {
            xw.write("# one line of 60 million characters, with no line end\n");
            String chunk = "1".repeat(1 << 20);
            for (int i = 0; i < 60; i++) { // the parser would hold it as one value
                xw.write(chunk);
            }
        }
        refusedInASmallHeap(x, " has a line longer than this JVM has free memory for");
    }

    /** Trains on {@code x} in a JVM with a 64 MiB heap: one sentence that starts with the file and {@code reason}. */
    private void refusedInASmallHeap(Path x, String reason) throws IOException, InterruptedException {
        Path y = Files.writeString(dir.resolve("y.csv"), "1\n");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SynapseCli.class.getName(), "train", "--inputs", x.toString(),
                "--targets", y.toString(), "--iterations", "1"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "still running after 90 s");
        String stderr = Files.readString(err).replaceAll("(?m)^WARNING: Using incubator modules.*\\R", "");
        assertEquals(2, p.exitValue(), stderr);
        assertTrue(stderr.startsWith("synapse: " + x + reason), stderr);
        assertEquals(1, stderr.lines().count(), stderr);
        assertEquals(0, Files.size(out));
    }
}
