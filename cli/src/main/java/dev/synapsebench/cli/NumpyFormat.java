package dev.synapsebench.cli;

import dev.synapsebench.core.Matrix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Formats matrices the way numpy prints float arrays by default ({@code precision=8},
 * {@code floatmode='maxprec'}): at most 8 decimals, each value without trailing zeros, padded with
 * spaces so the decimal points line up; tiny or huge values in scientific notation.
 */
final class NumpyFormat {

    private static final int PRECISION = 8;

    private NumpyFormat() {
    }

    static String array(Matrix m) {
        double[] values = m.values();
        boolean scientific = Arrays.stream(values).map(Math::abs).filter(v -> v != 0)
                .anyMatch(v -> v < 1e-4 || v >= 1e8);
        String[] whole = new String[values.length];
        String[] fraction = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String s = scientific ? String.format("%.8e", values[i]) : shortest(values[i]);
            int dot = s.indexOf('.');
            whole[i] = dot < 0 ? s : s.substring(0, dot);
            fraction[i] = dot < 0 ? "." : s.substring(dot);
        }
        int wholeWidth = Arrays.stream(whole).mapToInt(String::length).max().orElse(1);
        int fractionWidth = Arrays.stream(fraction).mapToInt(String::length).max().orElse(1);
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < m.rows(); r++) {
            sb.append(r == 0 ? "[" : "\n [");
            for (int c = 0; c < m.cols(); c++) {
                int i = r * m.cols() + c;
                if (c > 0) {
                    sb.append(' ');
                }
                sb.append(" ".repeat(wholeWidth - whole[i].length())).append(whole[i]).append(fraction[i])
                        .append(" ".repeat(fractionWidth - fraction[i].length()));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** A single row printed as numpy prints a 1-D array: {@code [0.0078876]}. */
    static String vector(Matrix row) {
        String s = array(row);
        return s.substring(1, s.length() - 1);
    }

    /** {@code [1, 1, 0]}: a vector as the tutorials write a new situation. */
    static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v) : Double.toString(v)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** At most 8 decimals, trailing zeros dropped, the decimal point kept ({@code 1.}, {@code 0.370439}). */
    private static String shortest(double v) {
        String s = new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        if (s.equals("0") && (v < 0 || 1 / v < 0)) {
            s = "-0";
        }
        return s.indexOf('.') < 0 ? s + "." : s;
    }
}
