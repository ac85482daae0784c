package dev.synapsebench.cli;

import dev.synapsebench.core.Matrix;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a matrix from a CSV file ({@code train --inputs/--targets}): one row per line, numbers
 * only (no header), every row the same length. Any problem is a {@link UsageException} naming the
 * file and, where there is one, the line and column.
 *
 * <p>What is read, and what is refused. Every file read here is read by numpy's
 * {@code np.loadtxt(f, delimiter=",", ndmin=2, encoding="utf-8")} to the same values, apart from
 * the friendly extras marked so; numpy also reads some that are refused here ({@code nan},
 * {@code inf}, {@code 1e309} as infinity, comments after values).
 * <ul>
 *   <li>Only a regular file is opened ({@link InputFiles}): a directory, {@code /dev/null}, a fifo
 *       and the like are refused before.</li>
 *   <li>UTF-8 text. A byte-order mark at the start is skipped (extra); other bytes that are not
 *       UTF-8 are refused.</li>
 *   <li>Lines end in LF, CRLF or CR. Empty lines and comment lines (starting with {@code #}) are
 *       skipped; so are lines of only spaces and tabs and comment lines indented by them (extra).
 *       There are no comments after values.</li>
 *   <li>Values are separated by commas, only. Spaces and tabs around a value are ignored. A value
 *       may be quoted ({@code "0.5"}, extra); a quote must close on its line and only spaces may
 *       follow it. A value that holds {@code ;} or a tab, or a line that is one value with spaces
 *       between numbers, is refused with a sentence that names the separator.</li>
 *   <li>Every value is a decimal number of the grammar in {@link Decimal} (Python's {@code float()}
 *       without {@code inf}, {@code nan} and {@code _}): {@code -0}, {@code .5}, {@code 5.},
 *       {@code 1E-3} and {@code 4.9e-324} are numbers; hex floats ({@code 0x1p3}), Java's suffixes
 *       ({@code 1d}, {@code 1f}), {@code Infinity}, {@code NaN}, digits of other scripts (Arabic-Indic,
 *       fullwidth) and values that overflow ({@code 1e309}) are refused. An empty value (as after a
 *       trailing comma) is refused, and so is a value longer than {@link Decimal#LONGEST} characters.</li>
 *   <li>Every row has as many values as the first; at least one row.</li>
 *   <li>Bounded: the file is read in one pass without holding a line; the values are held in one
 *       array whose every growth is checked against the free heap ({@link Memory}), so a file too
 *       large for this JVM is a sentence, not an {@link OutOfMemoryError}.</li>
 * </ul>
 */
final class CsvMatrices {

    private static final char BOM = '\uFEFF';

    private CsvMatrices() {
    }

    static Matrix read(Path file) {
        InputFiles.requireReadableFile(file);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return new Parser(file, reader).matrix();
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not a text file (not UTF-8)");
        } catch (IOException e) {
            throw InputFiles.cannotRead(file, e);
        }
    }

    /** One pass over the characters: a small state machine per value, no line held. */
    private static final class Parser {

        private static final int END = -1;

        private final Path file;
        private final Reader reader;
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private long line = 1;
        private final StringBuilder cell = new StringBuilder();

        private double[] values = new double[1024];
        private long count;
        private int columns = -1;
        private long firstRowLine;
        private int rows;
        /** Characters of the current cell past what {@link #appendBounded} keeps. */
        private long dropped;

        Parser(Path file, Reader reader) {
            this.file = file;
            this.reader = reader;
        }

        Matrix matrix() throws IOException {
            if (peek() == BOM) {
                next();
            }
            while (peek() != END) {
                row();
            }
            if (rows == 0) {
                throw new UsageException(file + " has no rows of numbers");
            }
            if (count < values.length) {
                Memory.require(2 * 8.0 * count, this::tooLarge);
            }
            double[] exact = count == values.length ? values : Arrays.copyOf(values, (int) count);
            return new Matrix(rows, columns, exact);
        }

        /** One line: blank, a comment, or a row of values; consumes its line end. */
        private void row() throws IOException {
            skipBlanks();
            int c = peek();
            if (c == END || isLineEnd(c)) {
                endOfLine();
                return;
            }
            if (c == '#') {
                while (peek() != END && !isLineEnd(peek())) {
                    next();
                }
                endOfLine();
                return;
            }
            long start = count;
            int column = 0;
            while (true) {
                column++;
                String text = value(column);
                add(text, column, start);
                skipBlanks();
                c = peek();
                if (c == ',') {
                    next();
                    skipBlanks();
                    if (peek() == END || isLineEnd(peek())) {
                        throw new UsageException(file + " line " + line + " ends with a comma: column " + (column + 1)
                                + " is empty");
                    }
                    continue;
                }
                if (c == END || isLineEnd(c)) {
                    break;
                }
                throw new IllegalStateException("a value ends at a separator or a line end");
            }
            if (columns < 0) {
                columns = column;
                firstRowLine = line;
            } else if (column != columns) {
                throw new UsageException(file + " line " + line + " has " + column + " value" + (column == 1 ? "" : "s")
                        + ", the first row has " + columns + firstRow());
            }
            rows++;
            endOfLine();
        }

        /** The text of one value, blanks around it removed; at a comma, a line end or the end. */
        private String value(int column) throws IOException {
            cell.setLength(0);
            skipBlanks();
            if (peek() == '"') {
                next();
                while (true) {
                    int c = next();
                    if (c == END || isLineEnd(c)) {
                        throw new UsageException(file + " is not valid CSV: line " + line + " column " + column
                                + " opens a quote that does not close on its line");
                    }
                    if (c == '"') {
                        if (peek() == '"') { // "" inside quotes: a quote character
                            next();
                            cell.append('"');
                            continue;
                        }
                        break;
                    }
                    appendBounded(c);
                }
                skipBlanks();
                int after = peek();
                if (after != ',' && after != END && !isLineEnd(after)) {
                    throw new UsageException(file + " is not valid CSV: line " + line + " column " + column
                            + ": only a comma or the line end may follow a closing quote, not " + Decimal.quote(
                            String.valueOf((char) after)));
                }
                return trimmed();
            }
            while (true) {
                int c = peek();
                if (c == ',' || c == END || isLineEnd(c)) {
                    break;
                }
                appendBounded(next());
            }
            return trimmed();
        }

        /** The cell without the spaces and tabs around it. */
        private String trimmed() {
            int start = 0;
            int end = cell.length();
            while (start < end && isBlank(cell.charAt(start))) {
                start++;
            }
            while (end > start && isBlank(cell.charAt(end - 1))) {
                end--;
            }
            return cell.substring(start, end);
        }

        /** Keeps at most one character past {@link Decimal#LONGEST} (enough to refuse); counts the rest. */
        private void appendBounded(int c) {
            if (cell.length() <= Decimal.LONGEST) {
                cell.append((char) c);
            } else {
                dropped++;
            }
        }

        private void add(String text, int column, long rowStart) {
            long cut = dropped;
            dropped = 0;
            if (text.isEmpty()) {
                throw new UsageException(file + " line " + line + " column " + column + " is empty");
            }
            double value;
            try {
                if (cut > 0) {
                    throw new NumberFormatException("a value of more than " + (Decimal.LONGEST + cut)
                            + " characters is not a number (a number is written in at most " + Decimal.LONGEST + ")");
                }
                value = Decimal.parse(text);
            } catch (NumberFormatException e) {
                String separator = separatorIn(text, column);
                if (separator != null) {
                    throw new UsageException(file + " line " + line + ": " + Decimal.quote(text) + " is not a number; "
                            + "values are separated by commas, not " + separator);
                }
                throw new UsageException(file + " line " + line + " column " + column + ": " + e.getMessage());
            }
            if (columns >= 0 && count - rowStart >= columns) {
                throw new UsageException(file + " line " + line + " has more than " + columns
                        + " values, the first row has " + columns + firstRow());
            }
            if (count == values.length) {
                grow();
            }
            values[(int) count++] = value;
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

        private void skipBlanks() throws IOException {
            while (isBlank(peek())) {
                next();
            }
        }

        /** Consumes LF, CRLF or CR (or nothing at the end) and counts the line. */
        private void endOfLine() throws IOException {
            int c = next();
            if (c == '\r' && peek() == '\n') {
                next();
            }
            if (c != END) {
                line++;
            }
        }

        private static boolean isBlank(int c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isLineEnd(int c) {
            return c == '\n' || c == '\r';
        }

        private int peek() throws IOException {
            if (position == limit && !fill()) {
                return END;
            }
            return buffer[position];
        }

        private int next() throws IOException {
            if (position == limit && !fill()) {
                return END;
            }
            return buffer[position++];
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = reader.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
    }
}
