package dev.synapsebench.report.compare;

import dev.synapsebench.model.Allocation;

import java.util.Objects;

/**
 * A row's allocation in both runs. Allocation is measured exactly ({@value Allocation#THREAD_METRIC}
 * counts the benchmark thread's bytes), so it has no noise to test against: a row that allocated
 * nothing and now allocates is a regression, whatever its time did.
 *
 * <p>"Nothing" is below {@link #ALLOCATES} per operation. Code that allocates in its hot path does
 * so on every operation, at least one object of 16 bytes; a few hundred bytes once in a thousand
 * operations (0.1-0.5 B/op, seen in committed runs) are the JIT replacing code on the benchmark
 * thread during the first iterations, not the operation.
 */
public record AllocationChange(Allocation base, Allocation candidate) {

    /** Bytes per operation from which a row counts as allocating. */
    public static final double ALLOCATES = 1.0;

    public enum Kind { REGRESSION, FREED, UNCHANGED, CHANGED, NOT_COMPARABLE, NOT_MEASURED }

    public Kind kind() {
        double before = base.bytesPerOp();
        double after = candidate.bytesPerOp();
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return Kind.NOT_MEASURED;
        }
        if (!Objects.equals(base.metric(), candidate.metric())) {
            return Kind.NOT_COMPARABLE; // the thread's own bytes against the whole fork's
        }
        boolean allocatedBefore = before >= ALLOCATES;
        boolean allocatesNow = after >= ALLOCATES;
        if (!allocatedBefore && allocatesNow) {
            return Kind.REGRESSION;
        }
        if (allocatedBefore && !allocatesNow) {
            return Kind.FREED;
        }
        return Math.abs(after - before) < ALLOCATES ? Kind.UNCHANGED : Kind.CHANGED;
    }

    public boolean isRegression() {
        return kind() == Kind.REGRESSION;
    }

    /** For tables: "0.0 -> 752.0", with a word where the numbers say nothing. */
    public String describe() {
        return switch (kind()) {
            case NOT_MEASURED -> "not measured";
            case NOT_COMPARABLE -> String.format("%.1f (%s) -> %.1f (%s): not comparable", base.bytesPerOp(),
                    base.metric(), candidate.bytesPerOp(), candidate.metric());
            case REGRESSION -> String.format("%.1f -> %.1f REGRESSION", base.bytesPerOp(), candidate.bytesPerOp());
            default -> String.format("%.1f -> %.1f", base.bytesPerOp(), candidate.bytesPerOp());
        };
    }
}
