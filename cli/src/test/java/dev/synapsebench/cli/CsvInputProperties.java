package dev.synapsebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static dev.synapsebench.cli.Tries.chance;
import static dev.synapsebench.cli.Tries.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whatever bytes {@code train --inputs/--targets} are given, the CLI trains or refuses them with
 * one sentence ({@link Outcome}); the friendly variants CsvMatrices documents (a byte-order mark,
 * CRLF, blank and comment lines, blanks around values, quotes, every decimal spelling) read as
 * the plain file does; the spellings it refuses are refused with the line and column; other
 * separators, trailing commas and ragged rows get their own sentence. CSV is where a user's own
 * data meets the CLI: the place nothing may break it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CsvInputProperties {

    @TempDir
    static Path dir;

    private static final AtomicLong FILES = new AtomicLong();

    /** Bytes that matter to the reader: separators, quotes, line ends, number parts, a BOM, bad UTF-8. */
    private static final List<byte[]> INTERESTING = List.of(
            b(","), b("\""), b("\n"), b("\r"), b("\r\n"), b("#"), b(";"), b("\t"), b(" "), b("e"), b("E"),
            b("."), b("-"), b("+"), b("0"), b("1"), b("9"), b("x"), b("p"), b("d"), b("f"), b("_"),
            b("Infinity"), b("NaN"), b("1e309"), b("0x1p3"), b("\uFEFF"), b("\u0000"), b("\u0663"), b("\uFF11"),
            b("\u00a0"), b("\u2028"), new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xe2, (byte) 0x82},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});

    @Test
    void anyBytesAreTrainedOnOrRefusedWithOneSentence() {
        int[] statuses = new int[3];
        Tries.check("any bytes", 250, random -> {
            if (chance(random, 0.3)) {
                byte[] bytes = new byte[random.nextInt(300)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            return mutate(random, plain(matrix(random, 4, 3)).getBytes(StandardCharsets.UTF_8));
        }, Tries::shrinkBytes, bytes -> {
            Path x = file(bytes);
            Path y = file(b("0\n1\n1\n0\n"));
            statuses[Outcome.run(List.of("train", "--inputs", x.toString(), "--targets", y.toString(), "--iterations",
                    "1")).status()]++;
            Outcome.run(List.of("train", "--inputs", y.toString(), "--targets", x.toString(), "--network", "1-2-1",
                    "--iterations", "1", "--format", "json"));
        });
        // mutations of a good file are often still good: the reader is tried past its first line
        if (statuses[0] < 10) {
            throw new AssertionError("only " + statuses[0] + " of 250 files were trained on; exit statuses 0, 1, 2: "
                    + java.util.Arrays.toString(statuses));
        }
        System.out.println("any bytes: exit statuses 0, 1, 2: " + java.util.Arrays.toString(statuses));
    }

    @Test
    void friendlyVariantsReadAsThePlainFile() {
        Tries.check("friendly variants", 200, random -> {
            int rows = 1 + random.nextInt(5);
            String[][] x = matrix(random, rows, 1 + random.nextInt(4));
            String[][] y = matrix(random, rows, 1);
            return new String[] {plain(x), friendly(random, x), plain(y), friendly(random, y)};
        }, files -> {
            Path plainX = file(b(files[0]));
            Path friendlyX = file(files[1].getBytes(StandardCharsets.UTF_8));
            Path plainY = file(b(files[2]));
            Path friendlyY = file(files[3].getBytes(StandardCharsets.UTF_8));
            CliRun plain = Outcome.run(List.of("train", "--inputs", plainX.toString(), "--targets", plainY.toString(),
                    "--iterations", "1", "--format", "json"));
            CliRun friendly = Outcome.run(List.of("train", "--inputs", friendlyX.toString(), "--targets",
                    friendlyY.toString(), "--iterations", "1", "--format", "json"));
            assertEquals(plain.status(), friendly.status(), friendly.err());
            if (plain.status() == 2) {
                throw new AssertionError("the plain file is refused: " + plain.err());
            }
            assertEquals(plain.out(), friendly.out(), "the friendly file trains as the plain one");
        });
    }

    @Test
    void refusedSpellingsNameTheirLineAndColumn() {
        Tries.check("refused spellings", 200, random -> {
            String[][] x = matrix(random, 1 + random.nextInt(4), 1 + random.nextInt(3));
            int r = random.nextInt(x.length);
            int c = random.nextInt(x[0].length);
            x[r][c] = pick(random, REFUSED);
            return new Object[] {x, r, c};
        }, t -> {
            String[][] x = (String[][]) t[0];
            int r = (Integer) t[1];
            int c = (Integer) t[2];
            Path file = file(plain(x).getBytes(StandardCharsets.UTF_8));
            Path y = file(b("0\n".repeat(x.length)));
            String message = x[r][c].isBlank() ? "line " + (r + 1) + " column " + (c + 1) + " is empty"
                    : "line " + (r + 1) + " column " + (c + 1) + ": ";
            Outcome.refused(List.of("train", "--inputs", file.toString(), "--targets", y.toString(), "--iterations", "0"),
                    message);
        });
    }

    @Test
    void otherSeparatorsAreNamed() {
        Tries.check("other separators", 100, random -> {
            String[][] x = matrix(random, 1 + random.nextInt(4), 2 + random.nextInt(3));
            String separator = pick(random, ";", "\t", " ", "  ", "; ");
            StringBuilder sb = new StringBuilder();
            for (String[] row : x) {
                sb.append(String.join(separator, row)).append('\n');
            }
            return new String[] {sb.toString(), separator};
        }, t -> {
            Path file = file(t[0].getBytes(StandardCharsets.UTF_8));
            Path y = file(b("0\n".repeat((int) t[0].lines().count())));
            String name = t[1].contains(";") ? "semicolons" : t[1].equals("\t") ? "tabs" : "spaces";
            Outcome.refused(List.of("train", "--inputs", file.toString(), "--targets", y.toString(), "--iterations", "0"),
                    "values are separated by commas, not " + name);
        });
    }

    @Test
    void trailingCommasAndRaggedRowsGetTheirSentence() {
        Tries.check("trailing commas and ragged rows", 100, random -> {
            String[][] x = matrix(random, 2 + random.nextInt(4), 1 + random.nextInt(3));
            int r = random.nextInt(x.length);
            List<String> lines = new ArrayList<>();
            for (String[] row : x) {
                lines.add(String.join(",", row));
            }
            String expected;
            if (chance(random, 0.5)) {
                lines.set(r, lines.get(r) + pick(random, ",", ", ", ",\t"));
                expected = "line " + (r + 1) + " ends with a comma: column " + (x[0].length + 1) + " is empty";
            } else if (r > 0 && x[0].length > 1 && chance(random, 0.5)) {
                lines.set(r, String.join(",", java.util.Arrays.copyOf(x[r], x[0].length - 1)));
                expected = "line " + (r + 1) + " has " + (x[0].length - 1) + " value";
            } else {
                r = Math.max(r, 1);
                lines.set(r, lines.get(r) + ",1");
                expected = "line " + (r + 1) + " has " + (x[0].length + 1) + " values, the first row has "
                        + x[0].length;
            }
            return new String[] {String.join("\n", lines) + "\n", expected, Integer.toString(x.length)};
        }, t -> {
            Path file = file(t[0].getBytes(StandardCharsets.UTF_8));
            Path y = file(b("0\n".repeat(Integer.parseInt(t[2]))));
            Outcome.refused(List.of("train", "--inputs", file.toString(), "--targets", y.toString(), "--iterations", "0"),
                    t[1]);
        });
    }

    @Test
    void longLinesAndLongValuesEndQuickly() {
        Tries.check("long lines", 30, random -> {
            int kind = random.nextInt(4);
            int n = 10_000 + random.nextInt(200_000);
            return switch (kind) {
                case 0 -> "1,".repeat(n) + "1\n"; // one very wide row
                case 1 -> "1".repeat(n) + "\n"; // a long number: overflows
                case 2 -> "0." + "0".repeat(n) + "1\n"; // a long number that is small
                default -> "1" + " ".repeat(n) + "2\n"; // spaces between two numbers
            };
        }, text -> {
            Path file = file(text.getBytes(StandardCharsets.UTF_8));
            Path y = file(b("0\n"));
            long start = System.nanoTime();
            Outcome.run(List.of("train", "--inputs", file.toString(), "--targets", y.toString(), "--iterations", "1",
                    "--format", "json"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 5_000) {
                throw new AssertionError("took " + millis + " ms");
            }
        });
    }

    // ---- generators ----

    /** Spellings of a few values: every one of a row reads as the first. */
    private static final String[][] SPELLINGS = {
            {"0", "0.0", "+0", "000", ".0", "0.", "0e5", "0E-3", "1e-400", "0.000"},
            {"-0", "-0.0", "-0e0", "-.0", "-0."},
            {"1", "1.0", "1e0", "+1", "10e-1", "1.", "01", "1E0", "100e-2", "0.1e1", "1.000000000000000000001"},
            {"0.5", ".5", "5e-1", "+0.5", "0.50", "5E-1", "50e-2", "+.5e0"},
            {"-0.25", "-.25", "-2.5e-1", "-25E-2", "-0.250"},
            {"123456789", "1.23456789e8", "123456789.0", "123456789e0", "+123456789"},
            {"4.9e-324", "5e-324", "4.9406564584124654e-324", "3e-324"},
            {"0.1", "1e-1", ".1", "0.10", "1E-01", "0.1000000000000000055511151231257827"},
            {"1.7976931348623157e308", "1.7976931348623157E+308", "17976931348623157e292"},
    };

    /** Cells that are not numbers here (each refused with its line and column). */
    private static final String[] REFUSED = {
            "0x1p3", "0X10", "1d", "1f", "1.5D", "2F", "Infinity", "-Infinity", "inf", "NaN", "nan", "1e309",
            "-1e309", "1_000", "\u0663", "\u0661\u0662", "\uFF11", "\uFF11\uFF12", "1e", "1e+", ".", "+", "-", "e5", "1.2.3",
            "--1", "+-1", "1x", "one", "\u00a01", "1\u00a0", "0b1", "1/2", "1e1.5", "\u200b1", "\u0000",
            " # indented", "1#after",
            "1" + "0".repeat(2000),
    };

    /** A matrix of canonical spellings. */
    private static String[][] matrix(SplittableRandom random, int rows, int cols) {
        String[][] m = new String[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // the huge value only in single-column files (targets), where one iteration keeps it finite
                String[] spellings = SPELLINGS[random.nextInt(SPELLINGS.length - (cols > 1 ? 1 : 0))];
                m[r][c] = spellings[0];
            }
        }
        return m;
    }

    private static String plain(String[][] m) {
        StringBuilder sb = new StringBuilder();
        for (String[] row : m) {
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    /** The same matrix with every friendly variant drawn at random. */
    private static String friendly(SplittableRandom random, String[][] m) {
        String eol = pick(random, "\n", "\r\n", "\r");
        StringBuilder sb = new StringBuilder();
        if (chance(random, 0.3)) {
            sb.append('\uFEFF');
        }
        for (int r = 0; r < m.length; r++) {
            while (chance(random, 0.25)) {
                sb.append(pick(random, "", " ", "\t", "  \t ", "# a comment", "#", "# with \"quotes\"; and ,", "#\"an open quote",
                        "#1,2,3")).append(eol);
            }
            for (int c = 0; c < m[r].length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                String value = alternative(random, m[r][c]);
                String around = pick(random, "", " ", "\t", "  ");
                if (chance(random, 0.2)) {
                    value = "\"" + pick(random, "", " ") + value + pick(random, "", " ") + "\"";
                }
                sb.append(around).append(value).append(pick(random, "", " ", "\t"));
            }
            if (r < m.length - 1 || chance(random, 0.8)) {
                sb.append(eol);
            } else {
                return sb.toString();
            }
        }
        while (chance(random, 0.2)) {
            sb.append(pick(random, "", " ", "# the end")).append(eol);
        }
        return sb.toString();
    }

    private static String alternative(SplittableRandom random, String canonical) {
        for (String[] spellings : SPELLINGS) {
            if (spellings[0].equals(canonical)) {
                return pick(random, spellings);
            }
        }
        return canonical;
    }

    /** {@code bytes} with a few insertions, deletions and replacements of interesting bytes. */
    private static byte[] mutate(SplittableRandom random, byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte x : bytes) {
            list.add(x);
        }
        int mutations = chance(random, 0.5) ? 1 : 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = list.isEmpty() ? 0 : random.nextInt(list.size() + 1);
            int op = random.nextInt(3);
            if (op == 1 && at < list.size()) {
                list.remove(at);
                continue;
            }
            if (op == 2 && at < list.size()) {
                list.remove(at);
            }
            byte[] insert = INTERESTING.get(random.nextInt(INTERESTING.size()));
            for (int i = insert.length - 1; i >= 0; i--) {
                list.add(at, insert[i]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.forEach(out::write);
        return out.toByteArray();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Path file(byte[] content) {
        try {
            return Files.write(dir.resolve("f" + FILES.incrementAndGet() + ".csv"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
