package dev.synapsebench.cli;

/** Training left the finite numbers: printed as one line, exit status 1 (the input was valid; the run failed). */
final class TrainingDiverged extends RuntimeException {

    TrainingDiverged(String message) {
        super(message);
    }
}
