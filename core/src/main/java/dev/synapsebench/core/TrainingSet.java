package dev.synapsebench.core;

/**
 * Full-batch training data: one example per row of {@code inputs}, its target in the same row
 * of {@code targets}.
 */
public record TrainingSet(Matrix inputs, Matrix targets) {

    public TrainingSet {
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("inputs have " + inputs.rows() + " rows but targets have "
                    + targets.rows() + "; they need one target row per input row");
        }
        for (double v : inputs.values()) {
            requireFinite(v, "inputs");
        }
        for (double v : targets.values()) {
            requireFinite(v, "targets");
        }
    }

    public int examples() {
        return inputs.rows();
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " contain " + v + "; every value must be a finite number");
        }
    }
}
