package dev.synapsebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code synapse report} and {@code synapse compare} on run folders damaged at random: a committed
 * run copied, then one of its data files truncated, its bytes flipped, a value replaced by one of
 * another type or sign, emptied, deleted, replaced by a folder or a fifo, or the page's own path
 * taken by a folder. Each damage is drawn from its case number (the seed), so a failure names a
 * case that can be replayed. Every case ends with the report written (exit 0) or one sentence and
 * exit status 2: never a stack trace, an internal error or a hang.
 */
class DamagedRunFolderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUN = Path.of("..", "results", "20261202T180228Z-vm");
    private static final List<String> DATA = List.of("jmh.json", "environment.json", "numpy.json", "summary.json");

    static Stream<Integer> cases() {
        return IntStream.rangeClosed(1, 24).boxed();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void reportAndCompareEndWithAPageOrOneSentence(int seed, @TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(seed); // java.util.Random draws alike from nearby seeds
        Path run = Files.createDirectories(dir.resolve("20261202T180228Z-vm"));
        for (String name : DATA) {
            Files.copy(RUN.resolve(name), run.resolve(name));
        }
        String damage = damage(run, random);

        CliRun report = CliRun.of("report", run.toString());
        assertOneOutcome(report, "report after " + damage);
        if (report.status() == 0) {
            assertTrue(Files.isRegularFile(run.resolve("report.md")), damage);
        }
        CliRun compare = CliRun.of("compare", RUN.toString(), run.toString());
        assertOneOutcome(compare, "compare after " + damage);
    }

    private static void assertOneOutcome(CliRun r, String what) {
        assertTrue(r.status() == 0 || r.status() == 2, () -> what + ": exit status " + r.status() + ", " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), () -> what + ": " + r.err());
        if (r.status() == 2) {
            assertEquals(1, r.err().strip().lines().count(), () -> what + ": one line on stderr, got " + r.err());
            assertTrue(r.err().startsWith("synapse: "), () -> what + ": " + r.err());
            assertEquals("", r.out(), what);
        } else {
            assertFalse(r.out().isBlank(), what);
        }
    }

    /** Damages one file of the run in one of nine ways; returns what it did, for the failure message. */
    private static String damage(Path run, SplittableRandom random) throws IOException, InterruptedException {
        String name = DATA.get(random.nextInt(DATA.size()));
        Path file = run.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        switch (random.nextInt(9)) {
            case 0 -> {
                int at = random.nextInt(bytes.length);
                Files.write(file, java.util.Arrays.copyOf(bytes, at));
                return name + " truncated at byte " + at;
            }
            case 1 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                Files.write(file, bytes);
                return name + " with " + flips + " random bytes";
            }
            case 2, 3, 4 -> {
                JsonNode root = JSON.readTree(bytes);
                List<JsonNode> containers = new ArrayList<>();
                collect(root, containers);
                JsonNode parent = containers.get(random.nextInt(containers.size()));
                JsonNode replacement = strange(random);
                String where;
                if (parent instanceof ObjectNode object) {
                    List<String> fields = new ArrayList<>();
                    object.fieldNames().forEachRemaining(fields::add);
                    where = fields.get(random.nextInt(fields.size()));
                    object.set(where, replacement);
                } else {
                    ArrayNode array = (ArrayNode) parent;
                    int index = random.nextInt(array.size());
                    where = "[" + index + "]";
                    array.set(index, replacement);
                }
                Files.write(file, JSON.writeValueAsBytes(root));
                return name + " with " + where + " = " + replacement;
            }
            case 5 -> {
                Files.write(file, new byte[0]);
                return name + " emptied";
            }
            case 6 -> {
                Files.delete(file);
                return name + " deleted";
            }
            case 7 -> {
                Files.delete(file);
                Files.createDirectory(file);
                return name + " replaced by a folder";
            }
            default -> {
                if (random.nextBoolean()) {
                    Files.createDirectory(run.resolve("report.md"));
                    return "report.md taken by a folder";
                }
                Files.delete(file);
                Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
                assertEquals(0, mkfifo.waitFor());
                return name + " replaced by a fifo with no writer";
            }
        }
    }

    /** Every non-empty object and array in the tree. */
    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode() && !node.isEmpty()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    /** A value of a kind the reader may not expect there. */
    private static JsonNode strange(SplittableRandom random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(8)) {
            case 0 -> f.textNode("fast");
            case 1 -> f.numberNode(-1.0);
            case 2 -> f.numberNode(0);
            case 3 -> f.nullNode();
            case 4 -> f.arrayNode();
            case 5 -> f.objectNode();
            case 6 -> f.numberNode(1e308);
            default -> f.textNode("NaN");
        };
    }
}
