package dev.synapsebench.report.compare;

import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs compared row by row ({@link #of}): every row present in both gets a ratio, its interval
 * and a verdict ({@link VerdictRule}), and its allocation change; the rows of only one run, the
 * environment's differences and the warnings are listed beside them.
 */
public record Comparison(MeasuredRun base, MeasuredRun candidate, VerdictRule rule, RunToRunNoise noise, List<Row> rows,
                         List<Measurement.Key> onlyInBase, List<Measurement.Key> onlyInCandidate,
                         List<EnvironmentDifference> differences, List<String> warnings) {

    /** One row present in both runs. */
    public record Row(Measurement base, Measurement candidate, VerdictRule.RowVerdict verdict, AllocationChange allocation) {
        public Measurement.Key key() {
            return base.key();
        }
    }

    /**
     * @throws IllegalArgumentException (one sentence) when the runs have no row in common
     */
    public static Comparison of(MeasuredRun base, MeasuredRun candidate, VerdictRule rule) {
        Map<Measurement.Key, Measurement> newRows = new LinkedHashMap<>();
        candidate.results().forEach(r -> newRows.put(r.key(), r));
        List<Measurement[]> pairs = new ArrayList<>();
        List<Measurement.Key> onlyInBase = new ArrayList<>();
        for (Measurement r : base.results()) {
            Measurement other = newRows.remove(r.key());
            if (other == null || !other.unit().equals(r.unit())) {
                onlyInBase.add(r.key());
                if (other != null) {
                    newRows.put(other.key(), other);
                }
            } else {
                pairs.add(new Measurement[] {r, other});
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("the runs " + base.name() + " and " + candidate.name()
                    + " have no row in common (same benchmark, backend, network and unit), so there is nothing to compare");
        }
        List<RatioEstimate> estimates = pairs.stream()
                .map(p -> RatioEstimate.of(p[0].samples(), p[1].samples(), rule.confidence())).toList();
        RunToRunNoise noise = RunToRunNoise.of(estimates, rule.z());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Measurement[] p = pairs.get(i);
            rows.add(new Row(p[0], p[1], rule.judge(estimates.get(i), noise, p[0].higherIsBetter()),
                    new AllocationChange(p[0].allocation(), p[1].allocation())));
        }
        List<EnvironmentDifference> differences = EnvironmentDifference.between(base, candidate);
        return new Comparison(base, candidate, rule, noise, List.copyOf(rows), List.copyOf(onlyInBase),
                List.copyOf(newRows.keySet()), differences, warnings(base, candidate, rows, noise, differences));
    }

    private static List<String> warnings(MeasuredRun base, MeasuredRun candidate, List<Row> rows, RunToRunNoise noise,
                                         List<EnvironmentDifference> differences) {
        List<String> warnings = new ArrayList<>();
        for (EnvironmentDifference d : differences) {
            if (d.breaksComparison() && !d.base().equals(EnvironmentDifference.UNKNOWN)
                    && !d.candidate().equals(EnvironmentDifference.UNKNOWN)) {
                warnings.add("not comparable: the " + d.aspect() + " differs (" + d.base() + " / " + d.candidate()
                        + "), so the rows measure different things, not only different code");
            }
        }
        for (MeasuredRun run : List.of(base, candidate)) {
            if (run.environmentText("git", "dirty").map("true"::equals).orElse(false)) {
                warnings.add(run.name() + " was made from a dirty tree: its commit does not say what was measured");
            }
            if (run.environment().isMissingNode()) {
                warnings.add(run.name() + " has no environment.json: what it ran on is unknown");
            }
        }
        if (!noise.measured()) {
            warnings.add("only " + noise.rows() + " rows in common: too few to measure the run-to-run noise ("
                    + RunToRunNoise.MINIMUM_ROWS + " needed), so the intervals hold only each row's own spread and"
                    + " verdicts may be too confident");
        }
        long few = rows.stream().filter(r -> Math.min(r.base().samples().length, r.candidate().samples().length)
                < RatioEstimate.FEW_SAMPLES).count();
        if (few > 0) {
            warnings.add(few + " of " + rows.size() + " rows have fewer than " + RatioEstimate.FEW_SAMPLES
                    + " samples on a side: their intervals are wide and their verdicts often inconclusive");
        }
        return warnings;
    }

    /** Rows the rule called slower, or whose allocation regressed: what {@code --fail-on-regression} fails on. */
    public List<Row> regressions() {
        return rows.stream().filter(r -> r.verdict().verdict() == Verdict.SLOWER || r.allocation().isRegression()).toList();
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict().verdict() == verdict).count();
    }
}
