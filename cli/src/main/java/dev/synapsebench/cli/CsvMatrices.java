package dev.synapsebench.cli;

import dev.synapsebench.core.Matrix;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a matrix from a CSV file ({@code train --inputs/--targets}): one row per line, numbers
 * only (no header), every row the same length. Commons CSV splits the text into records and
 * values; this class decides what the values may be. Any problem is a {@link UsageException}
 * naming the file and, where there is one, the line and column.
 *
 * <p>What is read, and what is refused. Every file read here is read by numpy's
 * {@code np.loadtxt(f, delimiter=",", ndmin=2, encoding="utf-8")} to the same values, apart from
 * the friendly extras marked so; numpy also reads some that are refused here ({@code nan},
 * {@code inf}, {@code 1e309} as infinity, indented comments, comments after values).
 * <ul>
 *   <li>Only a regular file is opened ({@link InputFiles}): a directory, {@code /dev/null}, a fifo
 *       and the like are refused before.</li>
 *   <li>UTF-8 text. A byte-order mark at the start is skipped (extra); other bytes that are not
 *       UTF-8 are refused.</li>
 *   <li>Lines end in LF, CRLF or CR. Empty lines, lines of only blanks (extra) and comment lines
 *       (a {@code #} in the first column) are skipped. There are no comments after values, and an
 *       indented {@code #} is a value that is not a number.</li>
 *   <li>Values are separated by commas, only. Blanks around a value (spaces, tabs: Java's
 *       whitespace) are ignored. A value may be quoted ({@code "0.5"}, extra; CSV's rules: a quote
 *       inside is doubled, and only blanks may follow the closing quote), but not across lines. A value that holds
 *       {@code ;} or a tab, or a line that is one value with spaces between numbers, is refused with
 *       a sentence that names the separator.</li>
 *   <li>Every value is a decimal number of the grammar in {@link Decimal} (Python's {@code float()}
 *       without {@code inf}, {@code nan} and {@code _}): {@code -0}, {@code .5}, {@code 5.},
 *       {@code 1E-3} and {@code 4.9e-324} are numbers; hex floats ({@code 0x1p3}), Java's suffixes
 *       ({@code 1d}, {@code 1f}), {@code Infinity}, {@code NaN}, digits of other scripts (Arabic-Indic,
 *       fullwidth) and values that overflow ({@code 1e309}) are refused. An empty value (as after a
 *       trailing comma) is refused, and so is a value longer than {@link Decimal#LONGEST} characters.</li>
 *   <li>Every row has as many values as the first; at least one row.</li>
 *   <li>Bounded: one record is held at a time, and a line that grows past what the free heap can
 *       hold is refused ({@link LineBound}); the values are held in one array whose every growth is
 *       checked against the free heap ({@link Memory}). A file too large for this JVM is a
 *       sentence, not an {@link OutOfMemoryError}.</li>
 * </ul>
 */
final class CsvMatrices {

    private static final char BOM = '\uFEFF';

    /** RFC 4180 with a comment marker, blanks around values ignored and empty lines skipped. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private CsvMatrices() {
    }

    static Matrix read(Path file) {
        InputFiles.requireReadableFile(file);
        try (Reader text = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
             CSVParser parser = FORMAT.parse(new LineBound(file, withoutBom(text)))) {
            Values values = new Values(file);
            for (CSVRecord record : parser) {
                values.addRow(record, parser.getCurrentLineNumber());
            }
            return values.matrix();
        } catch (UncheckedIOException e) { // the record iterator's wrapper for a read or CSV error
            throw failure(file, e.getCause());
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static UsageException failure(Path file, IOException e) {
        if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
            return new UsageException(file + " is not a text file (not UTF-8)");
        }
        if (e instanceof org.apache.commons.csv.CSVException) { // quoting that does not close, text after a quote
            return new UsageException(file + " is not valid CSV: " + e.getMessage());
        }
        return InputFiles.cannotRead(file, e);
    }

    /** {@code text} past a byte-order mark, if it starts with one. */
    private static Reader withoutBom(Reader text) throws IOException {
        BufferedReader buffered = new BufferedReader(text, 1 << 16);
        buffered.mark(1);
        if (buffered.read() != BOM) {
            buffered.reset();
        }
        return buffered;
    }

    /** The rows read so far, as one growing array of values. */
    private static final class Values {

        private final Path file;
        private double[] values = new double[1024];
        private long count;
        private int columns = -1;
        private long firstRowLine;
        private int rows;
        private long line;

        Values(Path file) {
            this.file = file;
        }

        /** Adds a record that ended on {@code line}, unless it is a line of only blanks. */
        void addRow(CSVRecord record, long line) {
            this.line = line;
            for (int c = 0; c < record.size(); c++) {
                String cell = record.get(c);
                if (cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                    throw new UsageException(file + " column " + (c + 1) + " of the row that ends on line " + line
                            + ": a quoted value spans lines; a row is one line");
                }
            }
            if (record.size() == 1 && record.get(0).isBlank()) {
                return;
            }
            double[] row = new double[record.size()];
            for (int c = 0; c < row.length; c++) {
                String cell = record.get(c).strip(); // blanks inside quotes too: " 0.5 " is 0.5
                if (cell.isEmpty()) {
                    throw new UsageException(file + " line " + line + (c == row.length - 1 && c > 0
                            ? " ends with a comma: column " + (c + 1) + " is empty"
                            : " column " + (c + 1) + " is empty"));
                }
                row[c] = number(cell, c + 1);
            }
            if (columns < 0) {
                columns = row.length;
                firstRowLine = line;
            } else if (row.length != columns) {
                throw new UsageException(file + " line " + line + " has " + row.length + " value"
                        + (row.length == 1 ? "" : "s") + ", the first row has " + columns + firstRow());
            }
            for (double value : row) {
                if (count == values.length) {
                    grow();
                }
                values[(int) count++] = value;
            }
            rows++;
        }

        Matrix matrix() {
            if (rows == 0) {
                throw new UsageException(file + " has no rows of numbers");
            }
            if (count < values.length) {
                Memory.require(2 * 8.0 * count, this::tooLarge);
            }
            double[] exact = count == values.length ? values : Arrays.copyOf(values, (int) count);
            return new Matrix(rows, columns, exact);
        }

        private double number(String text, int column) {
            try {
                return Decimal.parse(text);
            } catch (NumberFormatException e) {
                String separator = separatorIn(text, column);
                if (separator != null) {
                    throw new UsageException(file + " line " + line + ": " + Decimal.quote(text) + " is not a number; "
                            + "values are separated by commas, not " + separator);
                }
                String hint = text.startsWith("#") ? " (a comment line has # in its first column)" : "";
                throw new UsageException(file + " line " + line + " column " + column + ": " + e.getMessage() + hint);
            }
        }

        private String firstRow() {
            return firstRowLine == 1 ? "" : " (line " + firstRowLine + ")";
        }

        /** "semicolons", "tabs" or "spaces" when {@code text} looks like numbers joined by one of them. */
        private static String separatorIn(String text, int column) {
            if (text.indexOf(';') >= 0) {
                return "semicolons";
            }
            if (text.indexOf('\t') >= 0) {
                return "tabs";
            }
            if (column == 1 && text.indexOf(' ') >= 0) {
                for (String part : text.split(" +")) {
                    if (Decimal.isDecimal(part)) {
                        return "spaces";
                    }
                }
            }
            return null;
        }

        private void grow() {
            if (values.length >= Memory.MAX_ARRAY) {
                throw new UsageException(file + " has more than " + Memory.MAX_ARRAY
                        + " values, more than a Java array can hold");
            }
            long capacity = Math.min(Memory.MAX_ARRAY, values.length + (values.length >> 1) + 16);
            // twice the new array: the heap is cut into generations, so what is free is not all in one piece
            Memory.require(2 * 8.0 * capacity, this::tooLarge);
            try {
                values = Arrays.copyOf(values, (int) capacity);
            } catch (OutOfMemoryError e) { // this one allocation failed: nothing else is lost, the old array is intact
                values = null;
                throw new UsageException(tooLarge());
            }
        }

        private String tooLarge() {
            return file + " holds more values than this JVM has free memory for (" + count + " values by line " + line
                    + ", " + Memory.bytes(Memory.free()) + " free); give the JVM more heap (JAVA_TOOL_OPTIONS=-Xmx...)";
        }
    }

    /**
     * Refuses a line longer than the free heap can hold while the parser builds its record: a
     * file of one endless line is a sentence, not an {@link OutOfMemoryError}. Checked each time
     * the line grows by {@link #STEP} characters, so short lines cost a counter.
     */
    static final class LineBound extends FilterReader {

        static final int STEP = 1 << 20;
        /** Bytes the parser may hold per character of a line: the token's builder as it doubles, the record's strings. */
        private static final double BYTES_PER_CHAR = 12;

        private final Path file;
        private long length;
        private long nextCheck = STEP;

        LineBound(Path file, Reader in) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            for (int i = offset; i < offset + n; i++) {
                count(buffer[i]);
            }
            return n;
        }

        private void count(char c) {
            if (c == '\n' || c == '\r') {
                length = 0;
                nextCheck = STEP;
                return;
            }
            if (++length == nextCheck) {
                nextCheck += STEP;
                Memory.require(BYTES_PER_CHAR * length, () -> file + " has a line longer than this JVM has free memory "
                        + "for (" + length + " characters so far, " + Memory.bytes(Memory.free()) + " free); give the "
                        + "JVM more heap (JAVA_TOOL_OPTIONS=-Xmx...)");
            }
        }
    }
}
