package dev.synapsebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * The numbers flags take, in the grammar the CSV cells and {@code --network} use: picocli's own
 * conversions go through {@link Integer#valueOf} and {@link Double#valueOf}, which also read digits
 * of other scripts ({@code --iterations ٣} trained 3), hex floats and Java's {@code 1d}.
 */
final class FlagNumbers {

    private FlagNumbers() {
    }

    /** Makes every int, long and double option and parameter of {@code cli} and its subcommands read as here. */
    static void registerWith(CommandLine cli) {
        cli.registerConverter(Integer.class, FlagNumbers::parseInt);
        cli.registerConverter(int.class, FlagNumbers::parseInt);
        cli.registerConverter(Long.class, FlagNumbers::parseLong);
        cli.registerConverter(long.class, FlagNumbers::parseLong);
        cli.registerConverter(Double.class, FlagNumbers::parseDouble);
        cli.registerConverter(double.class, FlagNumbers::parseDouble);
    }

    static int parseInt(String text) {
        return (int) parseWhole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static long parseLong(String text) {
        return parseWhole(text, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A decimal number of {@link Decimal}'s grammar (finite, ASCII). */
    static double parseDouble(String text) {
        try {
            return Decimal.parse(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** An optional sign and ASCII digits, within {@code min..max}. */
    private static long parseWhole(String text, long min, long max) {
        int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        boolean digits = text.length() > start && text.length() <= Decimal.LONGEST;
        for (int i = start; digits && i < text.length(); i++) {
            digits = Decimal.isDigit(text.charAt(i));
        }
        if (!digits) {
            throw new TypeConversionException(Decimal.quote(text) + " is not a whole number (ASCII digits, e.g. 42)");
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) { // beyond a long: out of range as well
        }
        throw new TypeConversionException(Decimal.quote(text) + " is out of range (" + min + " to " + max + ")");
    }
}
