package dev.synapsebench.model;

import java.util.Locale;

/**
 * A score and its error as tables print them, in the time unit that keeps the number short:
 * {@code 80.774 ± 8.099 ns/op}, {@code 1.349 ± 0.047 ms/op} rather than {@code 1,349,098.0 ns/op}.
 * Units other than {@code ns/op} are kept as JMH wrote them.
 */
public final class ScoreText {

    private ScoreText() {
    }

    /** @param row the row whose score, error and unit are written */
    public static String of(Measurement row) {
        double scale = 1;
        String unit = row.unit();
        if (unit.equals("ns/op") && row.score() >= 1e6) {
            scale = 1e-6;
            unit = "ms/op";
        } else if (unit.equals("ns/op") && row.score() >= 1e3) {
            scale = 1e-3;
            unit = "µs/op";
        }
        return number(row.score() * scale) + " ± " + number(row.error() * scale) + " " + unit;
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.1f" : "%.3f", value);
    }
}
