package dev.synapsebench.report.chart;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Numbers with an SI prefix and a unit, three significant digits at most: {@code 45.8 ns},
 * {@code 10 µs}, {@code 2.5 MFLOP}. A log axis spans decades, and "1e-5" is harder to read than
 * "10 µs".
 */
final class SiFormat extends NumberFormat {

    private static final String[] PREFIXES = {"n", "µ", "m", "", "k", "M", "G", "T"};
    private static final int UNPREFIXED = 3;

    private final String unit;

    /** @param unit what follows the prefix ({@code s}, {@code FLOP}) */
    SiFormat(String unit) {
        this.unit = unit;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        if (!Double.isFinite(number) || number == 0) {
            return toAppendTo.append(number == 0 ? "0 " + unit : "n/a");
        }
        // rounding first, so 999.96 µs reads 1 ms rather than 1000 µs
        double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.3g", number));
        int thousands = (int) Math.floor(Math.log10(Math.abs(rounded)) / 3);
        int index = Math.max(0, Math.min(PREFIXES.length - 1, UNPREFIXED + thousands));
        double mantissa = rounded / Math.pow(1000, index - UNPREFIXED);
        String digits = String.format(Locale.ROOT, "%.3g", mantissa);
        if (digits.contains(".") && !digits.contains("e")) {
            digits = digits.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return toAppendTo.append(digits).append(' ').append(PREFIXES[index]).append(unit);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    /** Tick labels are only written, never read back. */
    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("SiFormat formats tick labels only");
    }
}
