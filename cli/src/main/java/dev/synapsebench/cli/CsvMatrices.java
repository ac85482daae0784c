package dev.synapsebench.cli;

import dev.synapsebench.core.Matrix;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a matrix from a CSV file: one row per line, numbers only (no header), every row the same
 * length, every cell a finite number. Any problem is a {@link UsageException} naming file, line
 * and column.
 */
final class CsvMatrices {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setCommentMarker('#')
            .get();

    private CsvMatrices() {
    }

    static Matrix read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = FORMAT.parse(reader)) {
            List<double[]> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(parseRow(file, record, rows.isEmpty() ? -1 : rows.get(0).length));
            }
            if (rows.isEmpty()) {
                throw new UsageException(file + " has no rows of numbers");
            }
            return Matrix.ofRows(rows.toArray(double[][]::new));
        } catch (CSVException e) { // malformed quoting and the like
            throw new UsageException(file + " is not valid CSV: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException(file + " does not exist");
        } catch (UncheckedIOException e) { // the record iterator wraps parse errors
            if (e.getCause() instanceof CSVException csv) {
                throw new UsageException(file + " is not valid CSV: " + csv.getMessage());
            }
            throw new UsageException("cannot read " + file + ": " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static double[] parseRow(Path file, CSVRecord record, int expectedColumns) {
        long line = record.getParser().getCurrentLineNumber();
        if (expectedColumns >= 0 && record.size() != expectedColumns) {
            throw new UsageException(file + " line " + line + " has " + record.size() + " values, the first row has "
                    + expectedColumns);
        }
        double[] row = new double[record.size()];
        for (int c = 0; c < row.length; c++) {
            String cell = record.get(c);
            double value;
            try {
                value = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new UsageException(file + " line " + line + " column " + (c + 1) + ": '" + cell
                        + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw new UsageException(file + " line " + line + " column " + (c + 1) + ": " + cell
                        + " is not a finite number");
            }
            row[c] = value;
        }
        return row;
    }
}
