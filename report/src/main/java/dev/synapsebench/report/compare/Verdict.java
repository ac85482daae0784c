package dev.synapsebench.report.compare;

import java.util.Locale;

/** What the comparison concludes about one row's time (see {@link VerdictRule}). */
public enum Verdict {
    FASTER, SLOWER, SAME, INCONCLUSIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
