package dev.synapsebench.cli;

import java.util.Locale;

/**
 * The numbers the CLI reads from the user (CSV cells, {@code --predict}): decimal notation as
 * Python's {@code float()} and numpy's {@code loadtxt} read it, ASCII only, finite only.
 *
 * <pre>
 *   number   = [sign] (digits ["." [digits]] | "." digits) [("e" | "E") [sign] digits]
 *   sign     = "+" | "-"
 *   digits   = "0".."9" {"0".."9"}
 * </pre>
 *
 * Not numbers: Java's own extras ({@code 0x1p3}, {@code 1d}, {@code 1f}), Python's {@code 1_000},
 * other scripts' digits (Arabic-Indic, fullwidth), {@code inf} and {@code nan} in any spelling
 * (not finite), and values that overflow a float64 ({@code 1e309}: not finite either). A value
 * that underflows reads as 0 or a subnormal, as in Python ({@code 4.9e-324}, {@code 1e-400}).
 * Checked by a linear scan (no regular expression that could backtrack on a long cell); a cell
 * that passes is then read by {@link Double#parseDouble}, which rounds correctly as Python does.
 */
final class Decimal {

    /** A number is written in far fewer characters; longer text is refused without reading it all. */
    static final int LONGEST = 1000;

    private Decimal() {
    }

    /**
     * The value of {@code text} (already trimmed).
     *
     * @throws NumberFormatException with the reason as its message, e.g. {@code "'0x1p3' is not a
     *                               number"}: the caller adds where it was
     */
    static double parse(String text) {
        if (text.length() > LONGEST) {
            throw new NumberFormatException("a value of " + text.length() + " characters is not a number (a number is "
                    + "written in at most " + LONGEST + ")");
        }
        if (!isDecimal(text)) {
            String word = text.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (word.equals("nan") || word.equals("inf") || word.equals("infinity")) {
                throw new NumberFormatException(text + " is not a finite number");
            }
            throw new NumberFormatException(quote(text) + " is not a number");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException((text.length() > 40 ? quote(text) : text)
                    + " is not a finite number (too large for a float64)");
        }
        return value;
    }

    /** Whether {@code s} matches the grammar above. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fractionDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (intDigits + fractionDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** An ASCII digit: other scripts' digits are not (what {@link Character#isDigit} would take). */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code text} in single quotes for a message: control characters, quotes' look-alikes and
     * everything outside printable ASCII as {@code \}{@code uXXXX}, cut after 40 characters.
     */
    static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) : text;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('\'');
        if (text.length() > 40) {
            sb.append(" (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
